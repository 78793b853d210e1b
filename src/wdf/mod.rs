//! The thin safe layer over the Windows Driver Frameworks. Every `unsafe` block of the driver
//! lives here, each with its proof; the driver's logic above it is safe Rust.
//!
//! Shapes (after Rust for Linux and Tock): [`status::NtStatus`] is an error type with a
//! [`status::Result`] alias; callbacks are traits whose `extern "C"` trampolines are written once
//! here; completing a request consumes it; the device-init object exists only during
//! EvtDriverDeviceAdd and is consumed by device creation; context memory is pinned and
//! initialised in place.

pub mod collection;
pub mod context;
pub mod control;
pub mod device;
pub mod driver;
pub mod file;
pub mod pnp;
pub mod pool;
pub mod queue;
pub mod request;
pub mod status;
pub mod sync;
pub mod target;
pub mod time;
pub mod timer;
pub mod trace;
