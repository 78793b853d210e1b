//! ETW: the driver's TraceLogging provider `IoLab` (src/wdf/trace.rs) under kmdf-sim's ETW sink —
//! the exact events of a device's life and of failing and succeeding requests, what a session
//! at a lower level or with other keywords gets, a failed device add, and that with no session
//! nothing is written while with one nothing is allocated either.

#![cfg(any(not(windows), iolab_sim))]

use std::time::Duration;

use iolab::wdf::trace::{PROVIDER_GUID, PROVIDER_NAME, keyword};
use iolab_client::sim::HARDWARE_ID;
use iolab_protocol::{IOCTL_IOLAB_ECHO, IOCTL_IOLAB_GET_INFO, IOCTL_IOLAB_PING};
use kmdf_sim::wdk_sys::{
    STATUS_CANCELLED, STATUS_INSUFFICIENT_RESOURCES, STATUS_INVALID_PARAMETER, STATUS_SUCCESS,
};
use kmdf_sim::{EtwEvent, EtwSession, EtwValue, SimConfig, Simulation, etw_level};

const GUID: kmdf_sim::wdk_sys::GUID = iolab::device::INTERFACE_GUID;

/// `IRP_MJ_*`.
const CREATE: u8 = 0x00;
const READ: u8 = 0x03;
const WRITE: u8 = 0x04;
const DEVICE_CONTROL: u8 = 0x0e;
/// `WdfPowerDeviceD3Final`: the state a first D0 entry comes from and a removal goes to.
const D3_FINAL: u32 = 5;

fn load(sessions: Vec<EtwSession>) -> Simulation {
    let config = SimConfig {
        etw: sessions,
        ..SimConfig::default()
    };
    Simulation::load_with(iolab::driver_entry, config).expect("DriverEntry succeeds")
}

/// An event of the IoLab provider, as the model says it should be.
fn event(name: &str, level: u8, keyword: u64, fields: &[(&str, EtwValue)]) -> EtwEvent {
    EtwEvent {
        provider: PROVIDER_NAME.to_owned(),
        provider_id: PROVIDER_GUID,
        name: name.to_owned(),
        level,
        keyword,
        fields: fields
            .iter()
            .map(|(n, v)| ((*n).to_owned(), v.clone()))
            .collect(),
    }
}

fn pnp(name: &str) -> EtwEvent {
    event(
        name,
        etw_level::INFORMATIONAL,
        keyword::PNP,
        &[("Status", EtwValue::NtStatus(STATUS_SUCCESS))],
    )
}

fn power(name: &str, state: u32) -> EtwEvent {
    event(
        name,
        etw_level::INFORMATIONAL,
        keyword::PNP,
        &[
            ("PowerState", EtwValue::U32(state)),
            ("Status", EtwValue::NtStatus(STATUS_SUCCESS)),
        ],
    )
}

fn bare(name: &str) -> EtwEvent {
    event(name, etw_level::INFORMATIONAL, keyword::PNP, &[])
}

fn request(major: u8, code: u32, status: i32, bytes: u64, latency_us: u64) -> EtwEvent {
    let fields = [
        ("MajorFunction", EtwValue::U8(major)),
        ("IoControlCode", EtwValue::Hex32(code)),
        ("Status", EtwValue::NtStatus(status)),
        ("Bytes", EtwValue::U64(bytes)),
        ("LatencyUs", EtwValue::U64(latency_us)),
    ];
    if status == STATUS_SUCCESS {
        event("RequestCompleted", etw_level::VERBOSE, keyword::IO, &fields)
    } else {
        event(
            "RequestFailed",
            etw_level::WARNING,
            keyword::IO | keyword::ERROR,
            &fields,
        )
    }
}

#[test]
fn the_provider_is_registered_from_driver_entry_to_unload() {
    let sim = load(Vec::new());
    assert_eq!(
        sim.etw_providers(),
        [(PROVIDER_NAME.to_owned(), PROVIDER_GUID, 1)]
    );
    assert_eq!(sim.etw_counts().registrations, 1);
    // unload reports EtwProviderNotUnregistered if EvtDriverUnload did not unregister it.
    assert_eq!(sim.unload(), []);
}

#[test]
fn a_device_s_life_and_its_requests_are_traced_exactly() {
    let sim = load(vec![EtwSession::everything(PROVIDER_GUID)]);
    let device = sim.add_device(HARDWARE_ID).unwrap();
    assert_eq!(
        sim.take_etw_events(),
        [
            pnp("PrepareHardware"),
            power("D0Entry", D3_FINAL),
            pnp("SelfManagedIoInit"),
        ]
    );

    let handle = sim.open(&GUID).unwrap();
    // A failing IOCTL (ECHO of nothing) and succeeding ones.
    let echo = handle.ioctl(IOCTL_IOLAB_ECHO, &[], 0);
    assert_eq!(echo.status, STATUS_INVALID_PARAMETER);
    assert_eq!(
        handle.ioctl(IOCTL_IOLAB_PING, &[], 0).status,
        STATUS_SUCCESS
    );
    assert_eq!(
        handle.ioctl(IOCTL_IOLAB_GET_INFO, &[], 64).status,
        STATUS_SUCCESS
    );
    // A read that waits 3 ms for a write, and one cancelled after 2 ms.
    let read = handle.read(10);
    sim.advance(Duration::from_millis(3));
    assert_eq!(handle.write(b"abc").wait().status, STATUS_SUCCESS);
    assert_eq!(read.wait().output, b"abc");
    let cancelled = handle.read(10);
    sim.advance(Duration::from_millis(2));
    cancelled.cancel();
    assert_eq!(cancelled.wait().status, STATUS_CANCELLED);
    assert_eq!(
        sim.take_etw_events(),
        [
            request(CREATE, 0, STATUS_SUCCESS, 0, 0),
            request(
                DEVICE_CONTROL,
                IOCTL_IOLAB_ECHO,
                STATUS_INVALID_PARAMETER,
                0,
                0
            ),
            request(DEVICE_CONTROL, IOCTL_IOLAB_PING, STATUS_SUCCESS, 0, 0),
            request(DEVICE_CONTROL, IOCTL_IOLAB_GET_INFO, STATUS_SUCCESS, 64, 0),
            request(WRITE, 0, STATUS_SUCCESS, 3, 0),
            request(READ, 0, STATUS_SUCCESS, 3, 3000),
            request(READ, 0, STATUS_CANCELLED, 0, 2000),
        ]
    );

    handle.close();
    sim.remove_device(device).unwrap();
    assert_eq!(
        sim.take_etw_events(),
        [
            pnp("SelfManagedIoSuspend"),
            power("D0Exit", D3_FINAL),
            pnp("ReleaseHardware"),
            bare("DeviceCleanup"),
        ]
    );

    let device = sim.add_device(HARDWARE_ID).unwrap();
    assert_eq!(sim.take_etw_events().len(), 3, "prepare, D0 entry, init");
    sim.surprise_remove(device).unwrap();
    let names: Vec<String> = sim.take_etw_events().into_iter().map(|e| e.name).collect();
    assert_eq!(
        names,
        [
            "SurpriseRemoval",
            "SelfManagedIoSuspend",
            "D0Exit",
            "ReleaseHardware",
            "DeviceCleanup"
        ]
    );
    let counts = sim.etw_counts();
    assert_eq!((counts.discarded, counts.dropped), (0, 0));
    assert_eq!(sim.unload(), []);
}

#[test]
fn a_session_gets_only_its_level_and_keywords() {
    // Failures only: Warning and above, keyword ERROR.
    let sim = load(vec![EtwSession::new(
        PROVIDER_GUID,
        etw_level::WARNING,
        keyword::ERROR,
    )]);
    let device = sim.add_device(HARDWARE_ID).unwrap();
    let handle = sim.open(&GUID).unwrap();
    let _ = handle.ioctl(IOCTL_IOLAB_ECHO, &[], 0);
    let _ = handle.ioctl(IOCTL_IOLAB_PING, &[], 0);
    handle.close();
    sim.remove_device(device).unwrap();
    assert_eq!(
        sim.take_etw_events(),
        [request(
            DEVICE_CONTROL,
            IOCTL_IOLAB_ECHO,
            STATUS_INVALID_PARAMETER,
            0,
            0
        )]
    );

    // PnP only, at Informational: no request at all.
    sim.enable_etw(EtwSession::new(
        PROVIDER_GUID,
        etw_level::INFORMATIONAL,
        keyword::PNP,
    ));
    let device = sim.add_device(HARDWARE_ID).unwrap();
    let handle = sim.open(&GUID).unwrap();
    let _ = handle.ioctl(IOCTL_IOLAB_ECHO, &[], 0);
    handle.close();
    sim.remove_device(device).unwrap();
    let events = sim.take_etw_events();
    assert_eq!(events.len(), 7, "{events:?}");
    assert!(events.iter().all(|e| e.keyword == keyword::PNP));
    // Nothing was written that no session wanted: the driver checks `enabled` first.
    assert_eq!(sim.etw_counts().discarded, 0);
    assert_eq!(sim.unload(), []);
}

#[test]
fn a_failed_device_add_is_a_failure_event() {
    let sim = load(vec![EtwSession::new(
        PROVIDER_GUID,
        etw_level::ERROR,
        keyword::ERROR,
    )]);
    // The device context's FIFO is its first allocation.
    sim.fail_nth_allocation(1);
    assert!(sim.add_device(HARDWARE_ID).is_err());
    sim.stop_failing_allocations();
    assert_eq!(
        sim.take_etw_events(),
        [event(
            "Failure",
            etw_level::ERROR,
            keyword::ERROR,
            &[
                ("Where", EtwValue::Str("EvtDriverDeviceAdd".to_owned())),
                ("Status", EtwValue::NtStatus(STATUS_INSUFFICIENT_RESOURCES)),
            ]
        )]
    );
    assert_eq!(sim.unload(), []);
}

/// Driver allocations (pool, objects) other than the framework's own request and file objects
/// during `workload`, and the number of requests it sent.
fn driver_allocations(sim: &Simulation, workload: impl FnOnce() -> u64) -> (Vec<String>, u64) {
    let before = sim.fault_counts();
    let requests = workload();
    let after = sim.fault_counts();
    let allocated = after
        .by_call
        .iter()
        .filter(|(call, n)| {
            **n > before.by_call.get(*call).copied().unwrap_or(0)
                && call.as_str() != "WDFREQUEST"
                && call.as_str() != "WDFFILEOBJECT"
        })
        .map(|(call, _)| call.clone())
        .collect();
    (allocated, requests)
}

/// 100 rounds of a failing and a succeeding IOCTL, a write, a read and a cancelled read.
fn workload(sim: &Simulation) -> u64 {
    let handle = sim.open(&GUID).unwrap();
    for _ in 0..100 {
        assert_eq!(
            handle.ioctl(IOCTL_IOLAB_ECHO, &[], 0).status,
            STATUS_INVALID_PARAMETER
        );
        assert_eq!(
            handle.ioctl(IOCTL_IOLAB_PING, &[], 0).status,
            STATUS_SUCCESS
        );
        assert_eq!(handle.write(b"data").wait().status, STATUS_SUCCESS);
        assert_eq!(handle.read(4).wait().status, STATUS_SUCCESS);
        let waiting = handle.read(4);
        waiting.cancel();
        assert_eq!(waiting.wait().status, STATUS_CANCELLED);
    }
    handle.close();
    // The open's create request and five per round.
    1 + 5 * 100
}

#[test]
fn with_no_session_nothing_is_written_and_nothing_is_allocated() {
    let sim = load(Vec::new());
    let device = sim.add_device(HARDWARE_ID).unwrap();
    let (allocated, _) = driver_allocations(&sim, || workload(&sim));
    assert_eq!(allocated, Vec::<String>::new());
    assert_eq!(sim.etw_events(), []);
    // Not one event was even written: every emitter asked `enabled` first.
    assert_eq!(sim.etw_counts().written, 0);
    sim.remove_device(device).unwrap();
    assert_eq!(sim.unload(), []);
}

#[test]
fn with_a_verbose_session_every_request_is_an_event_and_nothing_is_allocated() {
    let sim = load(Vec::new());
    let device = sim.add_device(HARDWARE_ID).unwrap();
    sim.enable_etw(EtwSession::everything(PROVIDER_GUID));
    let (allocated, requests) = driver_allocations(&sim, || workload(&sim));
    assert_eq!(allocated, Vec::<String>::new());
    let events = sim.take_etw_events();
    assert_eq!(u64::try_from(events.len()).unwrap(), requests);
    let failed = events.iter().filter(|e| e.name == "RequestFailed").count();
    assert_eq!(failed, 200, "100 ECHOs of nothing and 100 cancelled reads");
    sim.remove_device(device).unwrap();
    assert_eq!(sim.unload(), []);
}

#[test]
fn the_wpr_profile_and_the_readme_name_the_provider() {
    let root = env!("CARGO_MANIFEST_DIR");
    let guid = "cdb335c4-f2f7-423b-b78e-c508601826f4";
    assert_eq!(format!("{PROVIDER_GUID:032x}"), guid.replace('-', ""));
    let profile = std::fs::read_to_string(format!("{root}/docs/iolab.wprp")).unwrap();
    assert!(
        profile.contains(&format!("Name=\"{guid}\"")),
        "docs/iolab.wprp names the provider's GUID"
    );
    let readme = std::fs::read_to_string(format!("{root}/README.md")).unwrap();
    assert!(readme.contains("## ETW capture") && readme.contains(guid));
}
