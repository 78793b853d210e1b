//! The hook through which kmdf-sim's runtime provides the kernel routines of `ntddk`, and learns
//! of calls through WDF function table entries it has not filled. Not part of the wdk-sys
//! surface: driver code never names it.

use core::sync::atomic::{AtomicPtr, Ordering};

use crate::_WDFFUNCENUM;
use crate::types::{
    KIRQL, LARGE_INTEGER, NTSTATUS, PLARGE_INTEGER, POOL_FLAGS, PULONG64, PVOID, SIZE_T, ULONG,
    ULONG64,
};

/// An ETW provider as a driver's trace layer names it: its TraceLogging name and its control
/// GUID (as `u128`, the GUID's canonical text read as one hexadecimal number).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EtwProvider {
    /// The provider's name, e.g. `IoLab`.
    pub name: &'static str,
    /// The provider's control GUID.
    pub id: u128,
}

/// A typed field value of an ETW event, after TraceLogging's field types of the same names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EtwValue<'a> {
    /// `u8`.
    U8(u8),
    /// `u32`.
    U32(u32),
    /// `u32_hex`: shown in hexadecimal.
    Hex32(u32),
    /// `u64`.
    U64(u64),
    /// `win_ntstatus`: an NTSTATUS, decoded by name by the viewer.
    NtStatus(NTSTATUS),
    /// `str8`: UTF-8 text.
    Str(&'a str),
}

/// One named field of an ETW event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EtwField<'a> {
    /// The field's name.
    pub name: &'static str,
    /// Its value.
    pub value: EtwValue<'a>,
}

/// An ETW event as a driver writes it: its provider, name, level, keyword and fields (borrowed:
/// the sink copies what it keeps).
#[derive(Clone, Copy, Debug)]
pub struct EtwEvent<'a> {
    /// The provider that writes it.
    pub provider: &'a EtwProvider,
    /// The event's name.
    pub name: &'static str,
    /// Its level (1 critical .. 5 verbose).
    pub level: u8,
    /// Its keyword bits.
    pub keyword: u64,
    /// Its fields, in order.
    pub fields: &'a [EtwField<'a>],
}

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
    /// ETW's `EtwRegister` for a TraceLogging provider (the real world's provider registration
    /// through the tracelogging crate).
    pub etw_register: fn(&EtwProvider) -> NTSTATUS,
    /// ETW's `EtwUnregister`.
    pub etw_unregister: fn(&EtwProvider),
    /// Whether a session listens to the provider at this level and keyword (the check
    /// tracelogging's `write_event!` makes before it evaluates any field).
    pub etw_enabled: fn(&EtwProvider, u8, u64) -> bool,
    /// ETW's `EtwWriteTransfer` of one event.
    pub etw_write: fn(&EtwEvent<'_>),
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
