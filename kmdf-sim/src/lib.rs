//! kmdf-sim: a user-mode KMDF runtime and verifier that runs an unmodified windows-drivers-rs
//! driver on any host.
//!
//! The driver compiles against `kmdf-sim-wdk-sys` and `kmdf-sim-wdk` (mirrors of `wdk-sys` and
//! `wdk`) and calls the framework through the same `call_unsafe_wdf_function_binding!` syntax;
//! this crate installs the function table behind it and plays the I/O manager, the PnP manager
//! and the framework. It implements WDF semantics (object tree and cleanup order, context
//! memory, queues, request ownership and completion, cancellation, file objects, device add,
//! start and removal) and enforces the rules KMDF Verifier and Driver Verifier enforce; a broken
//! rule is a [`Violation`] naming the rule, the framework call and the object.
//!
//! Nothing may unwind out of the driver's `extern "C"` callbacks (a panic there aborts the test
//! binary), so two more kinds of failure also become reports: a DDI kmdf-sim does not implement
//! yet returns its failure value (STATUS_NOT_IMPLEMENTED, NULL, FALSE or 0) and is reported as
//! [`Rule::Unsupported`], and a test driver fails its test from inside a callback with
//! [`fail_test`] ([`Rule::TestFailure`]) where it would otherwise `assert!`.
//!
//! ```ignore
//! let sim = Simulation::load(my_driver::driver_entry)?;
//! let device = sim.add_device(r"Root\MyDevice")?;
//! let handle = sim.open(&MY_INTERFACE_GUID)?;
//! let result = handle.ioctl(IOCTL_MINE, b"in", 16);
//! assert_eq!(result.status, STATUS_SUCCESS);
//! handle.close();
//! sim.remove_device(device)?;
//! assert!(sim.unload().is_empty());
//! ```

mod api;
mod bus;
mod config;
mod ddi;
mod etw;
mod faults;
mod framework;
mod io_manager;
mod irql;
mod memory;
mod pnp_power;
mod registry;
mod scheduler;
mod security;
mod state;
mod verifier;

pub use api::{
    DeviceRef, DriverEntry, DriverRef, Exploration, FileHandle, PendingIo, SimHandle, SimThread,
    Simulation, explore, fail_test,
};
pub use bus::{LowerDevice, LowerMajor, LowerRequest, LowerResponse};
pub use config::{OnViolation, SimConfig, trace_setting};
pub use etw::{
    CAPTURE_LIMIT as ETW_CAPTURE_LIMIT, EtwCounts, EtwEvent, EtwSession, EtwValue,
    level as etw_level,
};
pub use faults::{FaultCounts, FaultPlan, FaultSite};
pub use io_manager::{Access, UserBuffer};
pub use kmdf_sim_wdk_sys as wdk_sys;
pub use registry::{Registry, RegistryValue};
pub use scheduler::Policy;
pub use security::Caller;
pub use state::{IoResult, SimError};
pub use verifier::{Rule, Violation};

/// The DDIs kmdf-sim implements (their function table entries are filled), in table order; the
/// coverage table in kmdf-sim's README is checked against it.
#[doc(hidden)]
#[must_use]
pub fn implemented_ddis() -> Vec<&'static str> {
    ddi::implemented()
}
