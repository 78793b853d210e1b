//! The system's interrupt time, in 100 ns units since boot (virtual time in kmdf-sim). DDI:
//! "KeQueryInterruptTimePrecise function (wdm.h)".

use wdk_sys::ntddk::KeQueryInterruptTimePrecise;

/// Now, in 100 ns ticks.
#[must_use]
pub fn now() -> u64 {
    let mut qpc = 0_u64;
    // SAFETY: any IRQL; the out-pointer is valid for the call.
    unsafe { KeQueryInterruptTimePrecise(&raw mut qpc) }
}
