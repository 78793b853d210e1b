//! iolab: a KMDF driver in Rust. In its function role it is a root-enumerated virtual device
//! (`Root\IoLab`, or `Root\IoLabMonitored`) that is a kernel pipe answering a documented IOCTL
//! protocol (`iolab-protocol`); in its upper-filter role it forwards every request of the stack
//! it sits on unchanged and records what it saw, readable through a control device.
//!
//! The role is decided per device in EvtDriverDeviceAdd ([`roles`]): function driver when the
//! node's hardware IDs include `Root\IoLab` or `Root\IoLabMonitored` and iolab has no function
//! device on that PDO yet (PnP adds the function driver before the upper filters); upper filter
//! otherwise.
//!
//! The same source runs in two worlds: on Windows with the WDK it builds against
//! windows-drivers-rs (`wdk`, `wdk-sys`) into `iolab.sys`; everywhere else, or on Windows with
//! `RUSTFLAGS="--cfg iolab_sim"`, it builds against kmdf-sim's mirror of those crates and runs
//! inside the simulator. The block below is the only place that knows which.
//!
//! Layers: [`wdf`] is the thin safe layer over the framework and holds every `unsafe` block;
//! [`device`], [`control`], [`pipe`] (the pipe as a pure model) and [`stats`] are the function
//! role's logic, [`roles`], [`filter`], [`monitor`] and [`sideband`] the filter role's, all in
//! safe Rust.

#![no_std]
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    clippy::unreachable,
    clippy::todo,
    clippy::unimplemented
)]

// ---- The one selection point: which world this build is for. ---------------------------------
// The simulated world: kmdf-sim's mirrors take the names `wdk` and `wdk_sys`, so every other line
// of the driver (and the macros it expands) reads the same in both worlds. `std` provides the
// panic handler and allocator the host process needs.
#[cfg(any(not(windows), iolab_sim))]
extern crate kmdf_sim_wdk as wdk;
#[cfg(any(not(windows), iolab_sim))]
extern crate kmdf_sim_wdk_sys as wdk_sys;
#[cfg(any(not(windows), iolab_sim))]
extern crate std;
// The real world: the kernel image uses the WDK's pool allocator and panic handler.
#[cfg(all(windows, not(iolab_sim)))]
extern crate wdk_panic;
#[cfg(all(windows, not(iolab_sim)))]
#[global_allocator]
static GLOBAL_ALLOCATOR: wdk_alloc::WdkAllocator = wdk_alloc::WdkAllocator;
// ------------------------------------------------------------------------------------------------

#[forbid(unsafe_code)]
pub mod control;
#[forbid(unsafe_code)]
pub mod device;
#[forbid(unsafe_code)]
pub mod filter;
#[forbid(unsafe_code)]
pub mod monitor;
#[forbid(unsafe_code)]
pub mod pipe;
#[forbid(unsafe_code)]
pub mod roles;
#[forbid(unsafe_code)]
pub mod sideband;
#[forbid(unsafe_code)]
pub mod stats;
pub mod wdf;

use wdk_sys::{DRIVER_OBJECT, NTSTATUS, PCUNICODE_STRING};

/// The driver's entry point: creates the WDFDRIVER with iolab's EvtDriverDeviceAdd and
/// EvtDriverUnload. In the kernel image the WDK's `FxDriverEntry` stub binds to the framework and
/// then calls this.
///
/// # Safety
/// Called once, by the I/O manager (or kmdf-sim), at PASSIVE_LEVEL, with the driver object it
/// created and the service's registry path.
#[unsafe(export_name = "DriverEntry")]
pub unsafe extern "system" fn driver_entry(
    driver: &mut DRIVER_OBJECT,
    registry_path: PCUNICODE_STRING,
) -> NTSTATUS {
    // SAFETY: forwarded from this function's own contract.
    let result = unsafe { wdf::driver::create::<roles::IoLab>(driver, registry_path) };
    wdf::status::from_result(result)
}
