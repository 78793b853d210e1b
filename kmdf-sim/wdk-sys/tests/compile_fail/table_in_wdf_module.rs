// The function table's items are at the crate root, as in wdk-sys, not in `wdf`.
extern crate kmdf_sim_wdk_sys as wdk_sys;

fn main() {
    let _: wdk_sys::wdf::PFN_WDFDRIVERCREATE = None;
    let _: wdk_sys::wdf::WDFFUNC = None;
    let _ = wdk_sys::wdf::_WDFFUNCENUM::WdfFunctionTableNumEntries;
    let _ = &raw const wdk_sys::wdf::WdfFunctions;
    let _ = &raw const wdk_sys::wdf::WdfDriverGlobals;
}
