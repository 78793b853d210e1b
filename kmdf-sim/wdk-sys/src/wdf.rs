//! The WDF function table, as wdk-sys binds it: `PFN_WDFXXX` types, `_WDFFUNCENUM` indices, the
//! `WdfFunctions` table and `WdfDriverGlobals`, and the typed entry points behind
//! `call_unsafe_wdf_function_binding!`. Prototypes, indices and IRQLs: KMDF 1.33 headers and the
//! DDI pages "<Name> function (wdf*.h)".
//!
//! The real macro expands to a typed call through `WdfFunctions[index]` with `WdfDriverGlobals`
//! passed first; kmdf-sim's does the same, through entries the simulator installs when it loads a
//! driver. A call through a table entry the simulator has not implemented is reported to the
//! simulator (a verifier report naming the DDI) and returns the DDI's failure value to the driver,
//! so nothing unwinds through the driver's callbacks.

#![expect(non_camel_case_types, reason = "C names, as bindgen keeps them")]
#![expect(non_snake_case, reason = "C names, as bindgen keeps them")]
#![expect(non_upper_case_globals, reason = "C names, as bindgen keeps them")]
#![expect(
    missing_docs,
    reason = "bindgen output carries no docs; the DDI reference is the doc"
)]

#[cfg_attr(
    not(test),
    expect(
        clippy::wildcard_imports,
        reason = "the prototypes name most of the types, as in bindgen's output"
    )
)]
use crate::types::*;
use core::sync::atomic::{AtomicU8, Ordering};

/// One entry of the WDF function table.
pub type WDFFUNC = Option<unsafe extern "C" fn()>;

/// The framework's function table for the loaded driver (`WdfFunctions_01033` in the real world).
///
/// Written once per process, before the first simulation's DriverEntry, and never again (as the
/// WDF loader writes it once before DriverEntry): the table's entries are the simulator's fixed
/// entry points for every simulation. Read it only from driver code that runs in a simulation;
/// `call_unsafe_wdf_function_binding!` checks that it is installed before reading it.
pub static mut WdfFunctions: *const WDFFUNC = core::ptr::null();

/// The loaded driver's globals, passed first to every WDF function. Written once per process,
/// with [`WdfFunctions`] and under the same rules: it points at one block of globals that each
/// simulation reinitialises when it loads.
pub static mut WdfDriverGlobals: PWDF_DRIVER_GLOBALS = core::ptr::null_mut();

/// The installation of [`WdfFunctions`] and [`WdfDriverGlobals`]: `NOT_INSTALLED`, then
/// `INSTALLING` while the one installer writes them, then `INSTALLED` forever.
static INSTALL_STATE: AtomicU8 = AtomicU8::new(NOT_INSTALLED);
const NOT_INSTALLED: u8 = 0;
const INSTALLING: u8 = 1;
const INSTALLED: u8 = 2;

/// Whether [`WdfFunctions`] and [`WdfDriverGlobals`] hold their final values. `true` makes the
/// installer's writes visible to the caller (acquire), so both may then be read without a race.
#[doc(hidden)]
#[inline]
pub fn __installed() -> bool {
    INSTALL_STATE.load(Ordering::Acquire) == INSTALLED
}

/// Installs the function table and the globals pointer, once per process. The first call writes
/// both; every call returns once they are installed (a call racing the first waits for it), and
/// returns `true` only for the call that wrote them.
///
/// # Safety
/// - `table` points at `WdfFunctionTableNumEntries` initialised entries, each `None` or a
///   function of the `PFN_` type of its index, never written or freed afterwards.
/// - `globals` points at a `WDF_DRIVER_GLOBALS` valid for reads and writes for the rest of the
///   process.
#[doc(hidden)]
pub unsafe fn __install(table: *const WDFFUNC, globals: PWDF_DRIVER_GLOBALS) -> bool {
    if INSTALL_STATE
        .compare_exchange(
            NOT_INSTALLED,
            INSTALLING,
            Ordering::Acquire,
            Ordering::Acquire,
        )
        .is_err()
    {
        while !__installed() {
            core::hint::spin_loop();
        }
        return false;
    }
    // SAFETY: a plain write of the pointer (no reference to the `static mut` is formed). The
    // compare-exchange above made this the only call that writes; no reader reads before
    // `__installed()` returns true, which the release store below publishes after this write.
    unsafe { WdfFunctions = table };
    // SAFETY: as above.
    unsafe { WdfDriverGlobals = globals };
    INSTALL_STATE.store(INSTALLED, Ordering::Release);
    true
}

#[doc(hidden)]
#[cold]
#[track_caller]
pub fn __not_loaded(name: &str) -> ! {
    panic!(
        "kmdf-sim: {name} was called but no driver was ever loaded into a simulation in this \
         process (WdfFunctions is not installed)"
    )
}

/// Hands a call through an empty table entry to the simulator's `unsupported_ddi` hook, which
/// records the report; the dispatcher then returns `returned` to the driver.
#[doc(hidden)]
#[cold]
#[inline(never)]
pub fn __unsupported(name: &'static str, index: _WDFFUNCENUM::Type, returned: &'static str) {
    let routines = crate::__sim::routines();
    (routines.unsupported_ddi)(crate::__sim::UnsupportedDdi {
        name,
        index,
        returned,
    });
}

/// What a WDF function the simulator does not implement returns to the driver: the DDI's
/// documented failure value, chosen by its result type. An entry whose result type's value would
/// be wrong for it (an `i32` enum that is not an NTSTATUS, a mode where 0 grants trust) names its
/// own with `[unsupported = value]` in `wdf_functions!`.
pub(crate) trait UnsupportedResult {
    /// The value returned.
    const VALUE: Self;
    /// The value as the report names it.
    const NAME: &'static str;
}

/// `NTSTATUS`.
impl UnsupportedResult for NTSTATUS {
    const VALUE: Self = crate::STATUS_NOT_IMPLEMENTED;
    const NAME: &'static str = "STATUS_NOT_IMPLEMENTED";
}

/// `BOOLEAN`.
impl UnsupportedResult for BOOLEAN {
    const VALUE: Self = 0;
    const NAME: &'static str = "FALSE";
}

/// `ULONG_PTR`, `ULONG64`, `SIZE_T`.
impl UnsupportedResult for u64 {
    const VALUE: Self = 0;
    const NAME: &'static str = "0";
}

/// `ULONG`.
impl UnsupportedResult for u32 {
    const VALUE: Self = 0;
    const NAME: &'static str = "0";
}

/// `size_t`.
impl UnsupportedResult for usize {
    const VALUE: Self = 0;
    const NAME: &'static str = "0";
}

/// Handles (`WDFQUEUE`, `PWDFDEVICE_INIT`, ...) and pointers (`PVOID`, `PWSTR`).
impl<T> UnsupportedResult for *mut T {
    const VALUE: Self = core::ptr::null_mut();
    const NAME: &'static str = "NULL";
}

/// `const` pointers.
impl<T> UnsupportedResult for *const T {
    const VALUE: Self = core::ptr::null();
    const NAME: &'static str = "NULL";
}

/// `UserMode` as a `KPROCESSOR_MODE` (`CCHAR`; 0 is `KernelMode`): what an unimplemented
/// `WdfRequestGetRequestorMode` answers (its `[unsupported = ...]`), so that no driver skips a
/// user-mode check on a value nobody computed.
const USER_MODE: KPROCESSOR_MODE = 1;
const _: () = assert!(_MODE::UserMode == 1);

/// No state bits at all: what an unimplemented `WdfIoQueueGetState` answers (its
/// `[unsupported = ...]`), so that no queue-state test (`WDF_IO_QUEUE_IDLE`, `..._READY`, ...)
/// passes on a value nobody computed. As an `i32` enum result, the type's own failure value would
/// be `STATUS_NOT_IMPLEMENTED`'s bit pattern, read as a set of state bits.
const NO_QUEUE_STATE: WDF_IO_QUEUE_STATE = 0;

/// Physical address 0: what an unimplemented `WdfCommonBufferGetAlignedLogicalAddress` answers
/// (its `[unsupported = ...]`; a `LARGE_INTEGER` union has no `UnsupportedResult`).
const NO_PHYSICAL_ADDRESS: PHYSICAL_ADDRESS = LARGE_INTEGER { QuadPart: 0 };

/// The value (`VALUE`) or its name in the report (`NAME`) that a call through an empty entry
/// returns: the entry's `[unsupported = value]`, else its result type's `UnsupportedResult`, else
/// nothing (`VOID`).
macro_rules! unsupported_result {
    (VALUE;) => {
        ()
    };
    (NAME;) => {
        "nothing (a VOID DDI)"
    };
    (VALUE; $ret:ty [$value:expr]) => {
        $value
    };
    (NAME; $ret:ty [$value:expr]) => {
        stringify!($value)
    };
    ($item:ident; $ret:ty) => {
        <$ret as UnsupportedResult>::$item
    };
}

/// Reads the table entry for `index` (`None`: the simulator does not implement the function).
///
/// # Safety
/// Once installed, `WdfFunctions` points at `WdfFunctionTableNumEntries` entries that are never
/// written or freed (the contract of [`__install`]).
#[doc(hidden)]
#[inline]
pub unsafe fn __table_entry(index: _WDFFUNCENUM::Type, name: &str) -> WDFFUNC {
    if !__installed() {
        __not_loaded(name);
    }
    // SAFETY: a plain read of the pointer value (no reference to the `static mut` is formed),
    // after `__installed()` returned true: the one write happened before (acquire/release), and
    // nothing writes it again, so the read races with nothing.
    let table = unsafe { WdfFunctions };
    let Ok(index) = usize::try_from(index) else {
        return None;
    };
    // SAFETY: `index` comes from `_WDFFUNCENUM`, below `WdfFunctionTableNumEntries`, and the table
    // has that many entries (this function's contract), so the offset stays inside it.
    let entry = unsafe { table.add(index) };
    // SAFETY: `entry` points at an initialised, aligned table entry (see above).
    unsafe { *entry }
}

macro_rules! wdf_functions {
    ($(
        $(#[$attr:meta])*
        $name:ident [$index:ident = $idx:literal] : $pfn:ident ($($param:ident : $ty:ty),* $(,)?)
            $(-> $ret:ty $([unsupported = $unsupported:expr])?)?;
    )*) => {
        /// Every bound function as (name, `_WDFFUNCENUM` constant, `PFN_` type, index), for the
        /// tests that prove the table complete.
        #[cfg(test)]
        const BOUND: &[(&str, &str, &str, _WDFFUNCENUM::Type)] = &[
            $((stringify!($name), stringify!($index), stringify!($pfn), $idx),)*
        ];

        /// `_WDFFUNCENUM`: the index of each function in the WDF function table.
        pub mod _WDFFUNCENUM {
            pub type Type = core::ffi::c_int;
            $(pub const $index: Type = $idx;)*
            pub const WdfFunctionTableNumEntries: Type = 458;
        }

        $(
            pub type $pfn = Option<
                unsafe extern "C" fn(DriverGlobals: PWDF_DRIVER_GLOBALS $(, $param: $ty)*) $(-> $ret)?
            >;
        )*

        /// Typed entry points that `call_unsafe_wdf_function_binding!` expands to.
        #[doc(hidden)]
        #[expect(
            clippy::too_many_arguments,
            reason = "the DDIs' own parameter lists (up to nine, as the C prototypes have them)"
        )]
        pub mod __wdf_calls {
            use super::*;
            $(
                $(#[$attr])*
                #[inline(always)]
                #[doc = concat!("Calls `", stringify!($name), "` through the WDF function table.")]
                #[doc = ""]
                #[doc = "# Safety"]
                #[doc = "The arguments must satisfy the DDI's contract, as in the real world."]
                pub unsafe fn $name($($param: $ty),*) $(-> $ret)? {
                    // SAFETY: see `__table_entry`; the simulator installs a complete table.
                    let entry = unsafe { __table_entry(_WDFFUNCENUM::$index, stringify!($name)) };
                    // SAFETY: the entry at this index was stored from a function of exactly this
                    // `PFN_` type (kmdf-sim builds its table from values of these types), and
                    // `Option<fn>` of any signature has the same size and niche.
                    let function: $pfn = unsafe { core::mem::transmute::<WDFFUNC, $pfn>(entry) };
                    let Some(function) = function else {
                        __unsupported(
                            stringify!($name),
                            _WDFFUNCENUM::$index,
                            unsupported_result!(NAME; $($ret $([$unsupported])?)?),
                        );
                        return unsupported_result!(VALUE; $($ret $([$unsupported])?)?);
                    };
                    // SAFETY: a plain read of the pointer value; `__table_entry` returned, so
                    // it is installed and never written again (see `__install`).
                    let globals = unsafe { WdfDriverGlobals };
                    // SAFETY: the caller upholds the DDI's contract for the arguments.
                    unsafe { function(globals $(, $param)*) }
                }
            )*
        }
    };
}

// The table itself: one entry per function of the KMDF 1.33 table, grouped by header.
include!("wdf/table.rs");

/// Calls a WDF function through the function table, with the driver globals prepended, exactly
/// as wdk-sys's macro of the same name: `call_unsafe_wdf_function_binding!(WdfName, args...)`.
/// The call must sit in `unsafe`; a wrong argument count or type does not compile; a result that
/// is not `()` is `#[must_use]`.
#[macro_export]
macro_rules! call_unsafe_wdf_function_binding {
    ($name:ident $(, $arg:expr)* $(,)?) => {
        $crate::wdf::__wdf_calls::$name($($arg),*)
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table's length as a `usize`.
    const ENTRIES: usize = {
        assert!(_WDFFUNCENUM::WdfFunctionTableNumEntries > 0);
        _WDFFUNCENUM::WdfFunctionTableNumEntries.unsigned_abs() as usize
    };

    /// How many entries bind each index of the table.
    fn bindings_per_index() -> [usize; ENTRIES] {
        let mut bindings = [0; ENTRIES];
        for &(name, _, _, index) in BOUND {
            let slot = usize::try_from(index).ok().filter(|&slot| slot < ENTRIES);
            let Some(slot) = slot else {
                panic!("{name} has index {index}, outside the table of {ENTRIES} entries");
            };
            if let Some(count) = bindings.get_mut(slot) {
                *count += 1;
            }
        }
        bindings
    }

    #[test]
    fn every_entry_is_named_after_its_function_and_no_index_is_bound_twice() {
        for &(name, index_name, pfn, _) in BOUND {
            assert_eq!(
                index_name.strip_suffix("TableIndex"),
                Some(name),
                "{name}: its index is {index_name}"
            );
            let upper = pfn.strip_prefix("PFN_").unwrap_or_default();
            assert!(
                upper.len() == name.len()
                    && upper
                        .bytes()
                        .zip(name.bytes())
                        .all(|(u, n)| u == n.to_ascii_uppercase()),
                "{name}: its function type is {pfn}"
            );
        }
        for (index, &count) in bindings_per_index().iter().enumerate() {
            assert!(count <= 1, "index {index} is bound {count} times");
        }
    }

    #[test]
    fn the_table_binds_all_458_functions_of_kmdf_1_33_at_indices_0_to_457() {
        assert_eq!(ENTRIES, 458, "KMDF 1.33's WdfFunctionTableNumEntries");
        assert_eq!(BOUND.len(), ENTRIES, "entries in wdf/table.rs");
        for (index, &count) in bindings_per_index().iter().enumerate() {
            assert_eq!(count, 1, "index {index} is bound {count} times");
        }
    }

    #[test]
    fn an_unimplemented_entry_returns_its_result_types_failure_value() {
        assert_eq!(
            unsupported_result!(VALUE; NTSTATUS),
            crate::STATUS_NOT_IMPLEMENTED
        );
        assert_eq!(
            unsupported_result!(NAME; NTSTATUS),
            "STATUS_NOT_IMPLEMENTED"
        );
        assert_eq!(unsupported_result!(VALUE; BOOLEAN), 0);
        assert_eq!(unsupported_result!(NAME; BOOLEAN), "FALSE");
        assert!(unsupported_result!(VALUE; WDFIOTARGET).is_null());
        assert_eq!(unsupported_result!(NAME; WDFIOTARGET), "NULL");
        assert_eq!(unsupported_result!(VALUE; ULONG_PTR), 0);
        assert_eq!(unsupported_result!(NAME;), "nothing (a VOID DDI)");
    }

    #[test]
    fn an_entrys_own_failure_value_wins_over_its_result_types() {
        assert_eq!(unsupported_result!(VALUE; KPROCESSOR_MODE [USER_MODE]), 1);
        assert_eq!(
            unsupported_result!(NAME; KPROCESSOR_MODE [USER_MODE]),
            "USER_MODE"
        );
    }
}
