//! The mirror has what wdk-sys has, at the same paths and with the same derives: the items that
//! must not compile are proven by `tests/compile_fail/` (run by `mirror_only_items_do_not_compile`,
//! through trybuild); the rest here.

use core::mem::size_of;

use kmdf_sim_wdk_sys as wdk_sys;

#[test]
fn mirror_only_items_do_not_compile() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/compile_fail/*.rs");
}

#[test]
fn guid_is_debug_default_copy_and_clone_and_compares_by_fields() {
    let guid = wdk_sys::GUID {
        Data1: 0x1234_5678,
        Data2: 0x9ABC,
        Data3: 0xDEF0,
        Data4: [1, 2, 3, 4, 5, 6, 7, 8],
    };
    let copy = guid;
    let cloned = Clone::clone(&guid);
    assert_eq!(
        (copy.Data1, copy.Data2, copy.Data3, copy.Data4),
        (cloned.Data1, cloned.Data2, cloned.Data3, cloned.Data4)
    );
    let zero = wdk_sys::GUID::default();
    assert_eq!(
        (zero.Data1, zero.Data2, zero.Data3, zero.Data4),
        (0, 0, 0, [0; 8])
    );
    assert!(format!("{guid:?}").contains("Data1: 305419896"));
}

#[test]
fn io_status_block_and_its_union_default_to_zero() {
    let block = wdk_sys::IO_STATUS_BLOCK::default();
    // SAFETY: both members of the union are plain data; reading `Status` reads its first 4 bytes.
    assert_eq!(unsafe { block.__bindgen_anon_1.Status }, 0);
    assert_eq!(block.Information, 0);
    let union = wdk_sys::_IO_STATUS_BLOCK__bindgen_ty_1::default();
    // SAFETY: as above; `Default` wrote the whole union.
    assert!(unsafe { union.Pointer }.is_null());
    assert_eq!(size_of::<wdk_sys::_IO_STATUS_BLOCK__bindgen_ty_1>(), 8);
}

#[test]
fn device_init_is_debug_only_and_the_table_is_at_the_crate_root() {
    fn debug<T: core::fmt::Debug>() {}
    debug::<wdk_sys::WDFDEVICE_INIT>();
    let _: wdk_sys::PFN_WDFDRIVERCREATE = None;
    let _: wdk_sys::WDFFUNC = None;
    assert_eq!(wdk_sys::_WDFFUNCENUM::WdfFunctionTableNumEntries, 458);
    assert_eq!(wdk_sys::_WDFFUNCENUM::WdfDriverCreateTableIndex, 116);
    let _ = &raw const wdk_sys::WdfFunctions;
    let _ = &raw const wdk_sys::WdfDriverGlobals;
}
