//! Safe wrappers over WDF objects, as `wdk::wdf`: [`SpinLock`] and [`Timer`], with the same
//! constructors and methods. They call the framework through
//! `call_unsafe_wdf_function_binding!`, so in a simulation kmdf-sim checks each call as it checks
//! the driver's own.

mod spinlock;
mod timer;

pub use spinlock::SpinLock;
pub use timer::Timer;
