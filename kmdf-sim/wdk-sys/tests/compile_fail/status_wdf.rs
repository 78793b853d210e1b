// wdk-sys 0.5.2 binds no STATUS_WDF_* code.
extern crate kmdf_sim_wdk_sys as wdk_sys;

fn main() {
    let _ = wdk_sys::STATUS_WDF_PAUSED;
    let _ = wdk_sys::STATUS_WDF_PARENT_NOT_SPECIFIED;
}
