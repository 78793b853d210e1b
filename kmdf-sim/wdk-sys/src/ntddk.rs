//! Kernel routines from wdm.h/ntddk.h, as `wdk_sys::ntddk` exposes them, routed into kmdf-sim.
//!
//! In the real world these are imports from ntoskrnl.exe; here each one forwards to the routine
//! the simulator installed (`crate::__sim::install`). DDI pages: "ExAllocatePool2 (wdm.h)",
//! "ExFreePool function (wdm.h)", "KeGetCurrentIrql function (wdm.h)",
//! "KeQueryPerformanceCounter function (wdm.h)".

#![expect(non_snake_case, reason = "C names, as bindgen keeps them")]

use crate::types::{
    KIRQL, LARGE_INTEGER, PLARGE_INTEGER, POOL_FLAGS, PULONG64, PVOID, SIZE_T, ULONG, ULONG64,
};

/// Allocates pool memory (zeroed unless `POOL_FLAG_UNINITIALIZED`); null on failure.
///
/// # Safety
/// Called at or below the IRQL the DDI allows for `Flags`.
pub unsafe extern "C" fn ExAllocatePool2(
    Flags: POOL_FLAGS,
    NumberOfBytes: SIZE_T,
    Tag: ULONG,
) -> PVOID {
    (crate::__sim::routines().ex_allocate_pool2)(Flags, NumberOfBytes, Tag)
}

/// Frees pool memory allocated by `ExAllocatePool2`.
///
/// # Safety
/// `P` came from `ExAllocatePool2` and is not used afterwards.
pub unsafe extern "C" fn ExFreePool(P: PVOID) {
    (crate::__sim::routines().ex_free_pool)(P, None);
}

/// Frees pool memory, checking the tag it was allocated with.
///
/// # Safety
/// `P` came from `ExAllocatePool2` with `Tag` and is not used afterwards.
pub unsafe extern "C" fn ExFreePoolWithTag(P: PVOID, Tag: ULONG) {
    (crate::__sim::routines().ex_free_pool)(P, Some(Tag));
}

/// The current thread's IRQL.
///
/// # Safety
/// None beyond the real routine's (callable at any IRQL).
pub unsafe extern "C" fn KeGetCurrentIrql() -> KIRQL {
    (crate::__sim::routines().ke_get_current_irql)()
}

/// The performance counter (kmdf-sim: virtual time, 10 MHz) and optionally its frequency.
///
/// # Safety
/// `PerformanceFrequency` is null or valid for a write.
pub unsafe extern "C" fn KeQueryPerformanceCounter(
    PerformanceFrequency: PLARGE_INTEGER,
) -> LARGE_INTEGER {
    (crate::__sim::routines().ke_query_performance_counter)(PerformanceFrequency)
}

/// Interrupt time in 100 ns units (kmdf-sim: virtual time); optionally the QPC value.
///
/// # Safety
/// `QpcTimeStamp` is valid for a write.
pub unsafe extern "C" fn KeQueryInterruptTimePrecise(QpcTimeStamp: PULONG64) -> ULONG64 {
    (crate::__sim::routines().ke_query_interrupt_time_precise)(QpcTimeStamp)
}
