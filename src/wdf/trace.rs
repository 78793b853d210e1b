//! ETW: the driver's TraceLogging provider **`IoLab`**, control GUID
//! **`cdb335c4-f2f7-423b-b78e-c508601826f4`**, and the events it writes. DDI: "TraceLogging for
//! kernel-mode drivers", "EtwRegister function (wdm.h)"; the crate: tracelogging 1.2
//! (`define_provider!`, `write_event!`, feature `kernel_mode`).
//!
//! | event | level | keyword | fields |
//! | --- | --- | --- | --- |
//! | `RequestCompleted` | Verbose (5) | `IO` | `MajorFunction` u8, `IoControlCode` u32 hex (0 for reads and writes), `Status` NTSTATUS, `Bytes` u64, `LatencyUs` u64 |
//! | `RequestFailed` | Warning (3) | `IO`, `ERROR` | as `RequestCompleted` |
//! | `Failure` | Error (2) | `ERROR` | `Where` text (the callback that failed), `Status` NTSTATUS |
//! | `PrepareHardware`, `ReleaseHardware`, `SelfManagedIoInit`, `SelfManagedIoSuspend`, `SelfManagedIoRestart` | Informational (4) | `PNP` | `Status` NTSTATUS (what the callback returned) |
//! | `D0Entry` / `D0Exit` | Informational (4) | `PNP` | `PowerState` u32 (`WDF_POWER_DEVICE_STATE`: the state left / the target), `Status` |
//! | `SurpriseRemoval`, `DeviceCleanup` | Informational (4) | `PNP` | — |
//!
//! A successful request is Verbose: a session at Informational sees PnP transitions and every
//! failure, one at Verbose with `IO` every request with its latency (the cost of a full trace is
//! paid only when asked for; no sampling state in the driver). A failed request is Warning rather
//! than Error because most failures are the caller's (bad parameters, cancellation, timeouts);
//! `Failure` (Error) is the driver's own: DriverEntry, EvtDriverDeviceAdd or a PnP callback
//! failed.
//!
//! The events cost nothing when no session listens: every emitter checks `enabled` for its level
//! and keyword first (as `write_event!` does inside), and a request's arrival time is taken only
//! while a session listens to failed requests. Nothing here allocates.
//!
//! Two worlds. In the kernel build `define_provider!` makes the provider, [`register`]
//! (DriverEntry) and [`unregister`] (EvtDriverUnload, or DriverEntry's failure path) call
//! `EtwRegister`/`EtwUnregister`, and `write_event!` writes each event with `EtwWriteTransfer`.
//! In the simulated world the same `define_provider!`/`write_event!` invocations compile (without
//! the `etw` feature tracelogging's provider is a no-op on every OS), and the same event — name,
//! level, keyword, typed fields, from one list in [`event!`] — goes to kmdf-sim's ETW sink, which
//! captures it only while a test's session listens (`SimHandle::enable_etw`). This file is the
//! only one that knows which world it is in.

use wdk_sys::NTSTATUS;

use super::status::NtStatus;

tracelogging::define_provider!(
    PROVIDER,
    "IoLab",
    id("cdb335c4-f2f7-423b-b78e-c508601826f4")
);

/// The provider's name (the `define_provider!` literal above).
pub const PROVIDER_NAME: &str = "IoLab";
/// The provider's control GUID (the `define_provider!` literal above), as one number.
pub const PROVIDER_GUID: u128 = 0xcdb3_35c4_f2f7_423b_b78e_c508_6018_26f4;

/// The keyword bits of iolab's events.
pub mod keyword {
    /// Request completions (`RequestCompleted`, `RequestFailed`).
    pub const IO: u64 = 0x1;
    /// PnP and power transitions of the device.
    pub const PNP: u64 = 0x2;
    /// Failures: failed requests and the driver's own failures.
    pub const ERROR: u64 = 0x4;
}

/// One event: written through tracelogging in both worlds (a no-op provider in the simulated
/// one) and, in the simulated world, to kmdf-sim's sink with the same name, level, keyword and
/// fields. Fields are TraceLogging field types: `u8`, `u32`, `u32_hex`, `u64`, `win_ntstatus`
/// (each given a reference) and `str8` (given a `&str`). Callers check [`enabled`] first.
macro_rules! event {
    ($name:tt, $level:ident, [$($keyword:tt)+] $(, $kind:ident($field:tt, $($value:tt)+))* $(,)?) => {{
        tracelogging::write_event!(
            PROVIDER,
            $name,
            level($level),
            keyword($($keyword)+),
            $($kind($field, $($value)+)),*
        );
        #[cfg(any(not(windows), iolab_sim))]
        sim::write(
            $name,
            tracelogging::Level::$level,
            $($keyword)+,
            &[$(sim::field!($kind, $field, $($value)+)),*],
        );
    }};
}

/// The simulated world's ETW: kmdf-sim's sink, behind the mirror's kernel-routine hook.
#[cfg(any(not(windows), iolab_sim))]
mod sim {
    use wdk_sys::__sim::{EtwEvent, EtwField, EtwProvider, routines};

    /// The provider as the sink knows it.
    static PROVIDER: EtwProvider = EtwProvider {
        name: super::PROVIDER_NAME,
        id: super::PROVIDER_GUID,
    };

    /// One field, of a TraceLogging field type.
    macro_rules! field {
        (u8, $name:tt, $($value:tt)+) => {
            wdk_sys::__sim::EtwField { name: $name, value: wdk_sys::__sim::EtwValue::U8(*$($value)+) }
        };
        (u32, $name:tt, $($value:tt)+) => {
            wdk_sys::__sim::EtwField { name: $name, value: wdk_sys::__sim::EtwValue::U32(*$($value)+) }
        };
        (u32_hex, $name:tt, $($value:tt)+) => {
            wdk_sys::__sim::EtwField { name: $name, value: wdk_sys::__sim::EtwValue::Hex32(*$($value)+) }
        };
        (u64, $name:tt, $($value:tt)+) => {
            wdk_sys::__sim::EtwField { name: $name, value: wdk_sys::__sim::EtwValue::U64(*$($value)+) }
        };
        (win_ntstatus, $name:tt, $($value:tt)+) => {
            wdk_sys::__sim::EtwField { name: $name, value: wdk_sys::__sim::EtwValue::NtStatus(*$($value)+) }
        };
        (str8, $name:tt, $($value:tt)+) => {
            wdk_sys::__sim::EtwField { name: $name, value: wdk_sys::__sim::EtwValue::Str($($value)+) }
        };
    }
    pub(super) use field;

    pub(super) fn register() {
        (routines().etw_register)(&PROVIDER);
    }

    pub(super) fn unregister() {
        (routines().etw_unregister)(&PROVIDER);
    }

    pub(super) fn enabled(level: tracelogging::Level, keyword: u64) -> bool {
        (routines().etw_enabled)(&PROVIDER, level.as_int(), keyword)
    }

    pub(super) fn write(
        name: &'static str,
        level: tracelogging::Level,
        keyword: u64,
        fields: &[EtwField<'_>],
    ) {
        (routines().etw_write)(&EtwEvent {
            provider: &PROVIDER,
            name,
            level: level.as_int(),
            keyword,
            fields,
        });
    }
}

/// Registers the provider (DriverEntry, before anything can write an event). A failure to
/// register is not the driver's failure: its events are then no-ops.
pub fn register() {
    #[cfg(all(windows, not(iolab_sim)))]
    {
        // SAFETY: `PROVIDER` is a static, so it never moves while registered; every path that
        // ends the image's life unregisters it first (EvtDriverUnload, and DriverEntry's
        // failure path, where no EvtDriverUnload follows); DriverEntry runs once per image load,
        // so it is not registered already and no other register/unregister runs meanwhile.
        let _status = unsafe { PROVIDER.register() };
    }
    #[cfg(any(not(windows), iolab_sim))]
    {
        // SAFETY: as above; without the `etw` feature the call only returns 0.
        let _status = unsafe { PROVIDER.register() };
        sim::register();
    }
}

/// Unregisters the provider (EvtDriverUnload, or DriverEntry when it fails after [`register`]).
pub fn unregister() {
    PROVIDER.unregister();
    #[cfg(any(not(windows), iolab_sim))]
    sim::unregister();
}

/// Whether a session listens to events of `level` and `keyword`.
fn enabled(level: tracelogging::Level, keyword: u64) -> bool {
    #[cfg(all(windows, not(iolab_sim)))]
    {
        PROVIDER.enabled(level, keyword)
    }
    #[cfg(any(not(windows), iolab_sim))]
    {
        sim::enabled(level, keyword)
    }
}

/// What a completion event says of its request, gathered when the request arrives: its major
/// function, its IOCTL code (0 for reads and writes) and, while a session listens to failed
/// requests, its arrival time (100 ns ticks).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct IoMeta {
    major: u8,
    code: u32,
    since: Option<u64>,
}

impl IoMeta {
    /// A request of major function `major` (`IRP_MJ_*`) and IOCTL code `code` arrives now.
    #[must_use]
    pub fn arrived(major: u32, code: u32) -> Self {
        // Every session that takes RequestCompleted also takes RequestFailed (lower level, and
        // the IO bit), so this one check covers both.
        let since = enabled(tracelogging::Level::Warning, keyword::IO | keyword::ERROR)
            .then(super::time::now);
        Self {
            major: 0,
            code: 0,
            since,
        }
        .of(major, code)
    }

    /// Whether a session listened when the request arrived (its arrival time was taken).
    #[must_use]
    pub const fn is_traced(&self) -> bool {
        self.since.is_some()
    }

    /// The same arrival, of major function `major` and IOCTL code `code`.
    #[must_use]
    pub fn of(self, major: u32, code: u32) -> Self {
        Self {
            major: u8::try_from(major).unwrap_or(u8::MAX),
            code,
            since: self.since,
        }
    }

    /// The same request, known to have arrived at `since` (100 ns ticks of
    /// [`super::time::now`]): for a request whose cancel routine completes it, which the
    /// framework hands back without what was gathered at arrival.
    #[must_use]
    pub fn with_arrival(self, since: u64) -> Self {
        Self {
            since: Some(since),
            ..self
        }
    }
}

/// A request completes with `status` and `information` bytes: `RequestCompleted` (success,
/// Verbose) or `RequestFailed` (Warning).
pub(crate) fn request_completed(meta: &IoMeta, status: NTSTATUS, information: u64) {
    let success = wdk::nt_success(status);
    let listening = if success {
        enabled(tracelogging::Level::Verbose, keyword::IO)
    } else {
        enabled(tracelogging::Level::Warning, keyword::IO | keyword::ERROR)
    };
    if !listening {
        return;
    }
    // 0 when the arrival time was not taken (no session listened then).
    let latency_us = meta
        .since
        .map_or(0, |since| super::time::now().saturating_sub(since) / 10);
    let IoMeta { major, code, .. } = *meta;
    if success {
        event!(
            "RequestCompleted",
            Verbose,
            [keyword::IO],
            u8("MajorFunction", &major),
            u32_hex("IoControlCode", &code),
            win_ntstatus("Status", &status),
            u64("Bytes", &information),
            u64("LatencyUs", &latency_us),
        );
    } else {
        event!(
            "RequestFailed",
            Warning,
            [keyword::IO | keyword::ERROR],
            u8("MajorFunction", &major),
            u32_hex("IoControlCode", &code),
            win_ntstatus("Status", &status),
            u64("Bytes", &information),
            u64("LatencyUs", &latency_us),
        );
    }
}

/// The driver's own failure: `place` (DriverEntry, EvtDriverDeviceAdd, a PnP callback) failed
/// with `status`.
pub fn failure(place: &'static str, status: NtStatus) {
    if !enabled(tracelogging::Level::Error, keyword::ERROR) {
        return;
    }
    let status = status.raw();
    event!(
        "Failure",
        Error,
        [keyword::ERROR],
        str8("Where", place),
        win_ntstatus("Status", &status),
    );
}

/// A PnP or power transition of the device, as its callback saw it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pnp {
    /// EvtDevicePrepareHardware.
    PrepareHardware,
    /// EvtDeviceReleaseHardware.
    ReleaseHardware,
    /// EvtDeviceD0Entry from the power state given (`WDF_POWER_DEVICE_STATE`).
    D0Entry(u32),
    /// EvtDeviceD0Exit to the power state given.
    D0Exit(u32),
    /// EvtDeviceSelfManagedIoInit.
    SelfManagedIoInit,
    /// EvtDeviceSelfManagedIoSuspend.
    SelfManagedIoSuspend,
    /// EvtDeviceSelfManagedIoRestart.
    SelfManagedIoRestart,
    /// EvtDeviceSurpriseRemoval.
    SurpriseRemoval,
    /// The device object's EvtCleanupCallback.
    DeviceCleanup,
}

impl Pnp {
    /// The callback's name, as a `Failure` event's `Where`.
    #[must_use]
    pub const fn callback(self) -> &'static str {
        match self {
            Self::PrepareHardware => "EvtDevicePrepareHardware",
            Self::ReleaseHardware => "EvtDeviceReleaseHardware",
            Self::D0Entry(_) => "EvtDeviceD0Entry",
            Self::D0Exit(_) => "EvtDeviceD0Exit",
            Self::SelfManagedIoInit => "EvtDeviceSelfManagedIoInit",
            Self::SelfManagedIoSuspend => "EvtDeviceSelfManagedIoSuspend",
            Self::SelfManagedIoRestart => "EvtDeviceSelfManagedIoRestart",
            Self::SurpriseRemoval => "EvtDeviceSurpriseRemoval",
            Self::DeviceCleanup => "EvtCleanupCallback",
        }
    }
}

/// The transition `transition` happened with `result` (Ok for the callbacks that return
/// nothing); a failed one is also a `Failure`.
pub(crate) fn pnp(transition: Pnp, result: Result<(), NtStatus>) {
    if let Err(status) = result {
        failure(transition.callback(), status);
    }
    if !enabled(tracelogging::Level::Informational, keyword::PNP) {
        return;
    }
    let status = super::status::from_result(result);
    // Each event's name is a literal (`write_event!` takes no other); these name the shapes.
    macro_rules! with_status {
        ($name:tt) => {
            event!(
                $name,
                Informational,
                [keyword::PNP],
                win_ntstatus("Status", &status)
            )
        };
    }
    macro_rules! with_power_state {
        ($name:tt, $state:expr) => {{
            let state: u32 = $state;
            event!(
                $name,
                Informational,
                [keyword::PNP],
                u32("PowerState", &state),
                win_ntstatus("Status", &status),
            )
        }};
    }
    match transition {
        Pnp::PrepareHardware => with_status!("PrepareHardware"),
        Pnp::ReleaseHardware => with_status!("ReleaseHardware"),
        Pnp::D0Entry(previous) => with_power_state!("D0Entry", previous),
        Pnp::D0Exit(target) => with_power_state!("D0Exit", target),
        Pnp::SelfManagedIoInit => with_status!("SelfManagedIoInit"),
        Pnp::SelfManagedIoSuspend => with_status!("SelfManagedIoSuspend"),
        Pnp::SelfManagedIoRestart => with_status!("SelfManagedIoRestart"),
        Pnp::SurpriseRemoval => event!("SurpriseRemoval", Informational, [keyword::PNP]),
        Pnp::DeviceCleanup => event!("DeviceCleanup", Informational, [keyword::PNP]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_provider_is_the_documented_one() {
        assert_eq!(PROVIDER.id().to_u128(), PROVIDER_GUID);
        assert_eq!(PROVIDER.name(), PROVIDER_NAME);
        assert_eq!(
            tracelogging::Guid::try_parse("cdb335c4-f2f7-423b-b78e-c508601826f4")
                .map(|g| g.to_u128()),
            Some(PROVIDER_GUID)
        );
    }
}
