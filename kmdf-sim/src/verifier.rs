//! The rules kmdf-sim enforces, and the violation reports it raises when a driver breaks one.
//!
//! Each rule corresponds to a check of KMDF Verifier (bug check 0x10D `WDF_VIOLATION`), Driver
//! Verifier (0xC4 and friends) or a KMDF DDI compliance rule of Static Driver Verifier; the rule's
//! documentation names its real-world counterpart. Two reports are not driver bugs but end the
//! test the same way: a DDI kmdf-sim does not implement yet ([`Rule::Unsupported`]) and a check
//! the test driver made itself ([`fail_test`], [`Rule::TestFailure`]).

use std::fmt;

/// A rule of the framework that a driver can break.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Rule {
    /// A request was completed twice (SDV `DoubleCompletion`; 0x10D).
    DoubleCompletion,
    /// A request the driver owned was never completed: it was still pending when its device was
    /// removed or the simulation ended (SDV `RequestCompleted`; a hung removal on Windows).
    RequestNotCompleted,
    /// The information reported at completion exceeds the request's output buffer
    /// (0x10D code 6 with KMDF Verifier on).
    InformationExceedsBuffer,
    /// A request was used after it was completed (SDV `InvalidReqAccess`; 0x10D code 3).
    RequestUsedAfterCompletion,
    /// A request's buffer was written after the request was completed, or (with page
    /// protection) read (SDV `BufAfterReqCompletedIoctl` and relatives; Driver Verifier special
    /// pool).
    BufferUsedAfterCompletion,
    /// The driver wrote outside a buffer it was given — past its end or before its start — into
    /// the guard bytes around it: a request's system buffer (checked at completion), a WDFMEMORY
    /// buffer (at deletion), a pool block (at `ExFreePool`) or an object's context (at deletion).
    /// Driver Verifier's special pool catches the same write as bug check 0xD6 at the access or
    /// 0xC1 when the block is freed.
    BufferOverrun,
    /// Pool freed with `ExFreePool*`, or the buffer of a deleted WDFMEMORY, was written (or, with
    /// page protection, read) afterwards (Driver Verifier special pool: bug check 0xD5).
    FreedMemoryUsed,
    /// A `WdfDeviceInit*` call on a `WDFDEVICE_INIT` that `WdfDeviceCreate` (or the end of
    /// EvtDriverDeviceAdd) already consumed (SDV `DeviceInitAPI`, `InitFreeDeviceCreate`).
    DeviceInitAfterCreate,
    /// An object still existed when the driver unloaded (KMDF Verifier handle tracking; 0x10D).
    ObjectLeak,
    /// Pool memory was still allocated when the driver unloaded (Driver Verifier pool tracking,
    /// bug check 0xC4 / 0x62).
    PoolLeak,
    /// A pool free of memory that is not a live allocation, or with the wrong tag (0xC2 / 0xC4).
    BadPoolFree,
    /// A framework call was made above its maximum IRQL (0x10D, 0xC4; SDV IRQL rules).
    IrqlTooHigh,
    /// A callback returned at a different IRQL than it was called at (0x10D code 0xE).
    IrqlNotRestored,
    /// A callback returned while still holding a spin lock (0x10D; SDV `WdfSpinlock`).
    LockHeldOnReturn,
    /// Spin lock acquire/release did not alternate (SDV `WdfSpinlockRelease`; 0xC4).
    LockMisuse,
    /// A handle that is not a live object of the expected type (0x10D code 0x4 / 0x5).
    InvalidHandle,
    /// A structure's `Size` field, a null pointer or another argument the DDI rejects.
    InvalidArgument,
    /// `WdfDriverCreate` missing, called twice, or outside DriverEntry.
    DriverCreate,
    /// A request was completed while still marked cancelable (SDV `CompleteCanceledReq`).
    CompletedWhileCancelable,
    /// Cancel-marking misuse: marking twice, unmarking an unmarked request
    /// (SDV `MarkCancOnCancReqLocal`, `ReqNotCanceledLocal`).
    CancelMisuse,
    /// An object the framework owns was deleted with `WdfObjectDelete`, or an object was
    /// dereferenced below zero (0x10D code 7).
    ObjectDeleteMisuse,
    /// A request was used by a driver that does not own it (it sits in a queue, or belongs to the
    /// framework), e.g. completing a request that was forwarded away.
    RequestNotOwned,
    /// A request was sent to an I/O target without being formatted for it (SDV
    /// `RequestFormattedValid`): only send-and-forget may send a request as it came.
    RequestNotFormatted,
    /// A request was formatted and then sent with `WDF_REQUEST_SEND_OPTION_SEND_AND_FORGET`
    /// (SDV `RequestSendAndForgetNoFormatting`).
    SendAndForgetFormatted,
    /// `WdfRequestSend` was called while holding a spin lock (SDV `RequestSendWhileSpinlock`): the
    /// lower driver may complete the request at once, on this thread, into a completion routine
    /// that takes the same lock.
    SendWhileHoldingSpinLock,
    /// After `WdfRequestSend` returned FALSE for a request (the framework then holds why in
    /// `WdfRequestGetStatus`), the driver completed it with another status, without saying why
    /// first: a debug print (`wdk::println!`, `DbgPrint` on Windows) on the thread that got FALSE
    /// back, after that and before the completion. Static Driver Verifier's `ReqSendFail` checks
    /// that a failed send is completed with an appropriate status; kmdf-sim holds the driver to
    /// the send's own status unless it explains the other one.
    FailedSendStatusReplaced,
    /// A control device still existed when its driver unloaded: the driver deletes it (for
    /// example in the last PnP device's cleanup) so that it can unload.
    ControlDeviceNotDeleted,
    /// A `WDFDEVICE_INIT` from `WdfControlDeviceInitAllocate` was neither used by
    /// `WdfDeviceCreate` nor freed with `WdfDeviceInitFree` (an error path forgot it).
    DeviceInitNotFreed,
    /// An ETW provider the driver registered (`EtwRegister`, tracelogging's
    /// `Provider::register`) was still registered when it unloaded, or when its DriverEntry
    /// failed.
    EtwProviderNotUnregistered,
    /// The driver called a KMDF 1.33 DDI that kmdf-sim does not implement yet; the call returned
    /// the DDI's failure value (STATUS_NOT_IMPLEMENTED, NULL, FALSE or 0). Not a driver bug: the
    /// test cannot tell what the driver would do on Windows.
    Unsupported,
    /// The test driver reported a failed check with [`fail_test`]. Not a framework rule.
    TestFailure,
}

impl Rule {
    /// The rule's name, as used in reports and assertions.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::DoubleCompletion => "DoubleCompletion",
            Self::RequestNotCompleted => "RequestNotCompleted",
            Self::InformationExceedsBuffer => "InformationExceedsBuffer",
            Self::RequestUsedAfterCompletion => "RequestUsedAfterCompletion",
            Self::BufferUsedAfterCompletion => "BufferUsedAfterCompletion",
            Self::BufferOverrun => "BufferOverrun",
            Self::FreedMemoryUsed => "FreedMemoryUsed",
            Self::DeviceInitAfterCreate => "DeviceInitAfterCreate",
            Self::ObjectLeak => "ObjectLeak",
            Self::PoolLeak => "PoolLeak",
            Self::BadPoolFree => "BadPoolFree",
            Self::IrqlTooHigh => "IrqlTooHigh",
            Self::IrqlNotRestored => "IrqlNotRestored",
            Self::LockHeldOnReturn => "LockHeldOnReturn",
            Self::LockMisuse => "LockMisuse",
            Self::InvalidHandle => "InvalidHandle",
            Self::InvalidArgument => "InvalidArgument",
            Self::DriverCreate => "DriverCreate",
            Self::CompletedWhileCancelable => "CompletedWhileCancelable",
            Self::CancelMisuse => "CancelMisuse",
            Self::ObjectDeleteMisuse => "ObjectDeleteMisuse",
            Self::RequestNotOwned => "RequestNotOwned",
            Self::RequestNotFormatted => "RequestNotFormatted",
            Self::SendAndForgetFormatted => "SendAndForgetFormatted",
            Self::SendWhileHoldingSpinLock => "SendWhileHoldingSpinLock",
            Self::FailedSendStatusReplaced => "FailedSendStatusReplaced",
            Self::ControlDeviceNotDeleted => "ControlDeviceNotDeleted",
            Self::DeviceInitNotFreed => "DeviceInitNotFreed",
            Self::EtwProviderNotUnregistered => "EtwProviderNotUnregistered",
            Self::Unsupported => "Unsupported",
            Self::TestFailure => "TestFailure",
        }
    }

    /// What the real world does when this rule is broken.
    #[must_use]
    pub const fn on_windows(self) -> &'static str {
        match self {
            Self::DoubleCompletion
            | Self::RequestUsedAfterCompletion
            | Self::InformationExceedsBuffer
            | Self::DeviceInitAfterCreate
            | Self::InvalidHandle
            | Self::ObjectDeleteMisuse
            | Self::IrqlNotRestored
            | Self::LockHeldOnReturn
            | Self::CompletedWhileCancelable
            | Self::CancelMisuse
            | Self::RequestNotOwned
            | Self::DriverCreate => "bug check 0x10D WDF_VIOLATION with KMDF Verifier on",
            Self::RequestNotCompleted => "the device removal or the caller hangs forever",
            Self::BufferUsedAfterCompletion => {
                "memory corruption; special pool bug checks 0xD5/0xCC"
            }
            Self::BufferOverrun => {
                "memory corruption; under Driver Verifier special pool, bug check 0xD6 \
                 DRIVER_PAGE_FAULT_BEYOND_END_OF_ALLOCATION at the access, or 0xC1 \
                 SPECIAL_POOL_DETECTED_MEMORY_CORRUPTION when the block is freed"
            }
            Self::FreedMemoryUsed => {
                "memory corruption; under Driver Verifier special pool, bug check 0xD5 \
                 DRIVER_PAGE_FAULT_IN_FREED_SPECIAL_POOL at the access"
            }
            Self::ObjectLeak => "bug check 0x10D at unload with handle tracking on",
            Self::PoolLeak => "bug check 0xC4 (0x62) at unload under Driver Verifier",
            Self::BadPoolFree => "bug check 0xC2 / 0xC4 under Driver Verifier",
            Self::IrqlTooHigh => "bug check 0xA IRQL_NOT_LESS_OR_EQUAL or 0xC4",
            Self::InvalidArgument => "the call fails; KMDF Verifier breaks into the debugger",
            Self::LockMisuse => "deadlock, or bug check 0xC4 under Driver Verifier",
            Self::RequestNotFormatted => {
                "the lower driver reads an uninitialised I/O stack location; flagged by Static \
                 Driver Verifier (RequestFormattedValid)"
            }
            Self::SendAndForgetFormatted => {
                "flagged by Static Driver Verifier (RequestSendAndForgetNoFormatting)"
            }
            Self::SendWhileHoldingSpinLock => {
                "a deadlock when the completion routine takes the same lock; flagged by Static \
                 Driver Verifier (RequestSendWhileSpinlock)"
            }
            Self::FailedSendStatusReplaced => {
                "the caller sees a status that hides why the I/O failed, and no trace says where \
                 it came from; Static Driver Verifier's ReqSendFail covers completing a request \
                 whose send failed"
            }
            Self::ControlDeviceNotDeleted => {
                "the driver cannot unload: its control device keeps it loaded"
            }
            Self::DeviceInitNotFreed => "a pool leak, found at unload under Driver Verifier (0xC4)",
            Self::EtwProviderNotUnregistered => {
                "the provider's enable callback points into the unloaded image: the next session \
                 that enables the provider calls freed code (bug check 0xCE \
                 DRIVER_UNLOADED_WITHOUT_CANCELLING_PENDING_OPERATIONS)"
            }
            Self::Unsupported => "the framework implements the DDI; this is a gap in kmdf-sim",
            Self::TestFailure => "nothing: the check is the test driver's own",
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One broken rule: which rule, in which framework call, on which object, and what happened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    /// The rule that was broken.
    pub rule: Rule,
    /// The framework call (or simulator step, such as `unload`) that detected it.
    pub call: String,
    /// The object involved, e.g. `WDFREQUEST 0x1f0 (IOCTL 0x8a1b2004)`.
    pub object: String,
    /// What happened, in plain words.
    pub detail: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "kmdf-sim verifier: {} in {} on {}: {} (on Windows: {})",
            self.rule,
            self.call,
            self.object,
            self.detail,
            self.rule.on_windows()
        )
    }
}
