// WDFDEVICE_INIT is a forward declaration: bindgen derives Debug only, so it is neither Copy nor
// Clone.
extern crate kmdf_sim_wdk_sys as wdk_sys;

fn copy<T: Copy>() {}
fn clone<T: Clone>() {}

fn main() {
    copy::<wdk_sys::WDFDEVICE_INIT>();
    clone::<wdk_sys::WDFDEVICE_INIT>();
}
