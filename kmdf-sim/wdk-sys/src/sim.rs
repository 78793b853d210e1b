//! The hook through which kmdf-sim's runtime provides the kernel routines of `ntddk`, and learns
//! of calls through WDF function table entries it has not filled. Not part of the wdk-sys
//! surface: driver code never names it.

use core::sync::atomic::{AtomicPtr, Ordering};

use crate::_WDFFUNCENUM;
use crate::types::{
    KIRQL, LARGE_INTEGER, PLARGE_INTEGER, POOL_FLAGS, PULONG64, PVOID, SIZE_T, ULONG, ULONG64,
};

/// A call of a WDF function whose table entry the simulator left empty.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnsupportedDdi {
    /// The DDI's name, e.g. `WdfRequestSend`.
    pub name: &'static str,
    /// Its `_WDFFUNCENUM` index.
    pub index: _WDFFUNCENUM::Type,
    /// What the call returns to the driver, as C spells it: `STATUS_NOT_IMPLEMENTED`, `NULL`,
    /// `FALSE`, `0`, or `nothing (a VOID DDI)`.
    pub returned: &'static str,
}

/// The kernel routines a simulator provides, and its hook for WDF functions it lacks.
#[derive(Debug)]
pub struct KernelRoutines {
    /// `ExAllocatePool2`.
    pub ex_allocate_pool2: fn(POOL_FLAGS, SIZE_T, ULONG) -> PVOID,
    /// `ExFreePool` (tag `None`) and `ExFreePoolWithTag`.
    pub ex_free_pool: fn(PVOID, Option<ULONG>),
    /// `KeGetCurrentIrql`.
    pub ke_get_current_irql: fn() -> KIRQL,
    /// `KeQueryPerformanceCounter`.
    pub ke_query_performance_counter: fn(PLARGE_INTEGER) -> LARGE_INTEGER,
    /// `KeQueryInterruptTimePrecise`.
    pub ke_query_interrupt_time_precise: fn(PULONG64) -> ULONG64,
    /// Where `wdk::println!` output goes (`DbgPrint` in the real world).
    pub debug_print: fn(&str),
    /// Called (on the driver's thread, possibly inside one of its callbacks) when the driver
    /// calls a WDF function whose table entry is empty; the dispatcher then returns the DDI's
    /// failure value. Must not panic: a panic would unwind through the driver's `extern "C"`
    /// frames and abort the process.
    pub unsupported_ddi: fn(UnsupportedDdi),
}

static ROUTINES: AtomicPtr<KernelRoutines> = AtomicPtr::new(core::ptr::null_mut());

/// Installs the simulator's kernel routines (once per process; later calls replace them).
pub fn install(routines: &'static KernelRoutines) {
    ROUTINES.store(core::ptr::from_ref(routines).cast_mut(), Ordering::Release);
}

/// The installed kernel routines.
///
/// # Panics
/// If no simulator has installed them: a kernel routine was called outside a simulation.
#[must_use]
pub fn routines() -> &'static KernelRoutines {
    let routines = ROUTINES.load(Ordering::Acquire);
    // SAFETY: the pointer is null or came from a `&'static KernelRoutines` in `install`.
    match unsafe { routines.as_ref() } {
        Some(routines) => routines,
        None => panic!(
            "kmdf-sim: a kernel routine was called outside a simulation (no routines installed)"
        ),
    }
}
