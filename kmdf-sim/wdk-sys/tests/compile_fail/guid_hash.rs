// wdk-sys's GUID is not Eq or Hash: it cannot key a HashMap or a BTreeMap.
extern crate kmdf_sim_wdk_sys as wdk_sys;

fn key<T: Eq + core::hash::Hash>() {}

fn main() {
    key::<wdk_sys::GUID>();
}
