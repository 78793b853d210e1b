// wdk-sys's GUID derives Debug, Default, Copy and Clone only: `==` does not compile.
extern crate kmdf_sim_wdk_sys as wdk_sys;

fn main() {
    let a = wdk_sys::GUID::default();
    let b = a;
    let _ = a == b;
}
