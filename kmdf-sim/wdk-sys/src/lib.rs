//! kmdf-sim's mirror of `wdk-sys`: the same items, names, types and call syntax that
//! windows-drivers-rs generates from the WDK headers (KMDF 1.33, x86-64), so that a driver
//! compiles unchanged against either. Types and constants are at the crate root, kernel routines
//! in [`ntddk`], WDF functions behind [`call_unsafe_wdf_function_binding!`].
//!
//! Nothing here simulates anything: the `kmdf-sim` crate installs the function table and kernel
//! routines this crate dispatches through.

#![no_std]
#![expect(
    clippy::must_use_candidate,
    reason = "a mirror of generated bindings: C names in docs, bindgen's shapes and glob scopes kept"
)]

mod constants;
mod types;

pub mod ntddk;

// The function table's items (`PFN_WDFXXX`, `_WDFFUNCENUM`, `WDFFUNC`, `WdfFunctions`,
// `WdfDriverGlobals`) live at the crate root only, as in wdk-sys, where bindgen emits them with
// the types and variables; they are not reachable through `wdf`.
#[path = "wdf.rs"]
mod wdf_table;

/// wdk-sys's `wdf` module: there, the functions bindgen generates from the `wdf*.h` headers. Every
/// WDF function a KMDF driver calls is a table entry reached through
/// [`call_unsafe_wdf_function_binding!`], so the mirror's holds only the hidden entry points that
/// macro expands to.
pub mod wdf {
    #[doc(hidden)]
    pub use crate::wdf_table::__wdf_calls;
}

#[doc(hidden)]
#[path = "sim.rs"]
pub mod __sim;

pub use crate::constants::*;
pub use crate::types::*;
pub use crate::wdf_table::*;

/// `NT_SUCCESS` (ntdef.h): true for success and informational statuses.
#[must_use]
#[expect(non_snake_case, reason = "C name, as wdk-sys keeps it")]
pub const fn NT_SUCCESS(nt_status: NTSTATUS) -> bool {
    nt_status >= 0
}

/// `NT_INFORMATION` (ntdef.h): 0x40000000 - 0x7FFFFFFF.
#[must_use]
#[expect(non_snake_case, reason = "C name, as wdk-sys keeps it")]
#[expect(
    clippy::cast_sign_loss,
    reason = "status bits are inspected as unsigned, as in ntdef.h"
)]
pub const fn NT_INFORMATION(nt_status: NTSTATUS) -> bool {
    (nt_status as u32 >> 30) == 1
}

/// `NT_WARNING` (ntdef.h): 0x80000000 - 0xBFFFFFFF.
#[must_use]
#[expect(non_snake_case, reason = "C name, as wdk-sys keeps it")]
#[expect(
    clippy::cast_sign_loss,
    reason = "status bits are inspected as unsigned, as in ntdef.h"
)]
pub const fn NT_WARNING(nt_status: NTSTATUS) -> bool {
    (nt_status as u32 >> 30) == 2
}

/// `NT_ERROR` (ntdef.h): 0xC0000000 - 0xFFFFFFFF.
#[must_use]
#[expect(non_snake_case, reason = "C name, as wdk-sys keeps it")]
#[expect(
    clippy::cast_sign_loss,
    reason = "status bits are inspected as unsigned, as in ntdef.h"
)]
pub const fn NT_ERROR(nt_status: NTSTATUS) -> bool {
    (nt_status as u32 >> 30) == 3
}

/// `PAGED_CODE()`: asserts (in debug builds) that the caller runs at or below `APC_LEVEL`.
#[macro_export]
macro_rules! PAGED_CODE {
    () => {
        debug_assert!(unsafe { $crate::ntddk::KeGetCurrentIrql() <= $crate::APC_LEVEL as u8 });
    };
}
