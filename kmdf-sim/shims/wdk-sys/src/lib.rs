//! kmdf-sim's stand-in for `wdk-sys` 0.5.2: every item of kmdf-sim's mirror (`kmdf-sim-wdk-sys`)
//! at the same path — types, constants and `PFN_*` at the root, `ntddk`, `wdf`,
//! `call_unsafe_wdf_function_binding!`, `NT_SUCCESS`, `PAGED_CODE!` — so a driver written against
//! wdk-sys compiles unchanged and its WDF calls run in the simulator that loads it. Selected by
//! `cargo ... --config kmdf-sim/patch.toml`.

#![no_std]

pub use kmdf_sim_wdk_sys::*;
