//! kmdf-sim's stand-in for `wdk` 0.5.0: the items of kmdf-sim's mirror (`kmdf-sim-wdk`) at the
//! same paths — `nt_success`, `paged_code!`, `print!`, `println!`, `dbg!`, `dbg_break`, `fmt`
//! (`FormatBuffer`, `FlushableFormatBuffer`) and `wdf` (`SpinLock`, `Timer`). Debug output goes to
//! the simulation's debug log. Selected by `cargo ... --config kmdf-sim/patch.toml`.

#![no_std]

pub use kmdf_sim_wdk::*;
