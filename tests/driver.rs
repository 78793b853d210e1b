//! The iolab driver, loaded into kmdf-sim: the selftest scenario suite (the same code
//! `iolabctl selftest` runs), each IOCTL's statuses, information and bytes at the I/O-manager
//! level, concurrent callers, allocation failures during device add, and removal and unload
//! leaving nothing behind.

#![cfg(any(not(windows), iolab_sim))]

use iolab_client::harness::{Completion, HandleId, Harness, Op, OpId};
use iolab_client::scenarios;
use iolab_client::sim::{HARDWARE_ID, SimTransport};
use iolab_protocol::{
    ECHO_MAX_LEN, INFO_REPLY_SIZE, IOCTL_IOLAB_ECHO, IOCTL_IOLAB_GET_INFO, InfoReply,
    PROTOCOL_VERSION, Role,
};
use kmdf_sim::wdk_sys::{
    STATUS_ACCESS_DENIED, STATUS_BUFFER_TOO_SMALL, STATUS_INSUFFICIENT_RESOURCES,
    STATUS_INVALID_DEVICE_REQUEST, STATUS_INVALID_PARAMETER, STATUS_SUCCESS,
};
use kmdf_sim::{Access, IoResult, SimError, Simulation};

fn load() -> Simulation {
    Simulation::load(iolab::driver_entry).expect("DriverEntry succeeds")
}

fn failed(status: i32) -> IoResult {
    IoResult {
        status,
        information: 0,
        output: Vec::new(),
    }
}

#[test]
fn the_selftest_scenarios_pass_in_the_simulator() {
    let mut transport = SimTransport::start(iolab::driver_entry).expect("the driver starts");
    let results = scenarios::run_all(&mut transport);
    let failures: Vec<_> = results.iter().filter(|r| !r.passed()).collect();
    assert!(failures.is_empty(), "{failures:#?}");
    assert_eq!(
        results.len(),
        scenarios::all().len() + 1,
        "every scenario plus the close check ran"
    );
    assert_eq!(results.last().map(|r| r.name), Some(scenarios::CLOSE_CHECK));
}

#[test]
fn get_info_returns_exactly_one_reply() {
    let sim = load();
    let device = sim.add_device(HARDWARE_ID).unwrap();
    let handle = sim.open(&iolab::device::INTERFACE_GUID).unwrap();
    let result = handle.ioctl(IOCTL_IOLAB_GET_INFO, &[], 200);
    assert_eq!(result.status, STATUS_SUCCESS);
    assert_eq!(result.information, INFO_REPLY_SIZE as u64);
    assert_eq!(result.output.len(), INFO_REPLY_SIZE);
    let reply = InfoReply::parse(&result.output).expect("a well-formed reply");
    assert_eq!(reply.protocol_version, PROTOCOL_VERSION);
    assert_eq!(reply.role(), Ok(Role::Function));
    assert_eq!(reply.driver_version, iolab::control::DRIVER_VERSION);
    handle.close();
    sim.remove_device(device).unwrap();
    assert_eq!(sim.unload(), Vec::new());
}

#[test]
fn get_info_rejects_bad_buffers_without_returning_data() {
    let sim = load();
    sim.add_device(HARDWARE_ID).unwrap();
    let handle = sim.open(&iolab::device::INTERFACE_GUID).unwrap();
    assert_eq!(
        handle.ioctl(IOCTL_IOLAB_GET_INFO, &[], 0),
        failed(STATUS_BUFFER_TOO_SMALL)
    );
    assert_eq!(
        handle.ioctl(IOCTL_IOLAB_GET_INFO, &[], INFO_REPLY_SIZE - 1),
        failed(STATUS_BUFFER_TOO_SMALL)
    );
    assert_eq!(
        handle.ioctl(IOCTL_IOLAB_GET_INFO, b"garbage", 64),
        failed(STATUS_INVALID_PARAMETER)
    );
}

#[test]
fn echo_returns_the_input_and_nothing_more() {
    let sim = load();
    sim.add_device(HARDWARE_ID).unwrap();
    let handle = sim.open(&iolab::device::INTERFACE_GUID).unwrap();
    let payload: Vec<u8> = (0..ECHO_MAX_LEN)
        .map(|i| u8::try_from(i % 251).unwrap())
        .collect();
    for length in [1, 2, 63, 64, 1000, ECHO_MAX_LEN] {
        let input = &payload[..length];
        let result = handle.ioctl(IOCTL_IOLAB_ECHO, input, length + 17);
        assert_eq!(result.status, STATUS_SUCCESS, "length {length}");
        assert_eq!(result.information, length as u64);
        assert_eq!(result.output, input, "length {length}");
    }
}

#[test]
fn echo_rejects_bad_lengths() {
    let sim = load();
    sim.add_device(HARDWARE_ID).unwrap();
    let handle = sim.open(&iolab::device::INTERFACE_GUID).unwrap();
    assert_eq!(
        handle.ioctl(IOCTL_IOLAB_ECHO, &[], 16),
        failed(STATUS_INVALID_PARAMETER)
    );
    assert_eq!(
        handle.ioctl(
            IOCTL_IOLAB_ECHO,
            &vec![1; ECHO_MAX_LEN + 1],
            ECHO_MAX_LEN + 1
        ),
        failed(STATUS_INVALID_PARAMETER)
    );
    assert_eq!(
        handle.ioctl(IOCTL_IOLAB_ECHO, b"hello", 4),
        failed(STATUS_BUFFER_TOO_SMALL)
    );
    assert_eq!(
        handle.ioctl(IOCTL_IOLAB_ECHO, b"hello", 0),
        failed(STATUS_BUFFER_TOO_SMALL)
    );
}

#[test]
fn unknown_and_mis_typed_codes_are_invalid_device_requests() {
    let sim = load();
    sim.add_device(HARDWARE_ID).unwrap();
    let handle = sim.open(&iolab::device::INTERFACE_GUID).unwrap();
    let neither = iolab_protocol::ctl_code(
        iolab_protocol::IOLAB_DEVICE_TYPE,
        0x801,
        iolab_protocol::METHOD_NEITHER,
        3,
    );
    for code in [
        0,
        0x0022_2000,
        IOCTL_IOLAB_ECHO + 4,
        IOCTL_IOLAB_GET_INFO ^ 0x4000,
        neither,
    ] {
        assert_eq!(
            handle.ioctl(code, b"abc", 64),
            failed(STATUS_INVALID_DEVICE_REQUEST),
            "code {code:#x}"
        );
    }
}

#[test]
fn each_ioctl_asks_for_the_access_it_needs() {
    let sim = load();
    sim.add_device(HARDWARE_ID).unwrap();
    let guid = &iolab::device::INTERFACE_GUID;
    // GET_INFO is FILE_ANY_ACCESS: it works on a handle opened for neither reading nor writing.
    let query_only = sim.open_with_access(guid, Access::NONE).unwrap();
    let info = query_only.ioctl(IOCTL_IOLAB_GET_INFO, &[], INFO_REPLY_SIZE);
    assert_eq!(info.status, STATUS_SUCCESS);
    // ECHO moves data both ways: the I/O manager refuses it without both rights.
    assert_eq!(
        query_only.ioctl(IOCTL_IOLAB_ECHO, b"x", 1),
        failed(STATUS_ACCESS_DENIED)
    );
    let read_only = sim.open_with_access(guid, Access::READ).unwrap();
    assert_eq!(
        read_only.ioctl(IOCTL_IOLAB_ECHO, b"x", 1),
        failed(STATUS_ACCESS_DENIED)
    );
    let read_write = sim.open_with_access(guid, Access::READ_WRITE).unwrap();
    assert_eq!(read_write.ioctl(IOCTL_IOLAB_ECHO, b"x", 1).output, b"x");
}

#[test]
fn concurrent_callers_each_get_their_own_answer() {
    let sim = load();
    sim.add_device(HARDWARE_ID).unwrap();
    let handle = std::sync::Arc::new(sim.open(&iolab::device::INTERFACE_GUID).unwrap());
    let threads: Vec<_> = (0..4_u8)
        .map(|thread| {
            let handle = std::sync::Arc::clone(&handle);
            sim.spawn(&format!("caller {thread}"), move || {
                for round in 0..50_u8 {
                    let input = [thread, round, thread ^ round];
                    let result = handle.ioctl(IOCTL_IOLAB_ECHO, &input, 8);
                    assert_eq!(
                        (result.status, result.output.as_slice()),
                        (STATUS_SUCCESS, &input[..])
                    );
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join();
    }
}

/// Objects the driver keeps while loaded: the WDFDRIVER, the two wait locks of its context
/// (the control device's and the registry's) and the WDFCOLLECTION of filter instances.
const DRIVER_OBJECTS: usize = 4;

#[test]
fn removal_and_unload_leave_nothing_behind() {
    let sim = load();
    // The WDFDRIVER and what its context holds: two wait locks and the filters' collection.
    assert_eq!(sim.object_count(), DRIVER_OBJECTS);
    let device = sim.add_device(HARDWARE_ID).unwrap();
    let handle = sim.open(&iolab::device::INTERFACE_GUID).unwrap();
    let _ = handle.ioctl(IOCTL_IOLAB_ECHO, b"x", 1);
    handle.close();
    sim.remove_device(device).unwrap();
    assert_eq!(
        sim.object_count(),
        DRIVER_OBJECTS,
        "only the WDFDRIVER and its own objects are left after removal"
    );
    assert_eq!(sim.pool_in_use(), (0, 0));
    assert!(matches!(
        sim.open(&iolab::device::INTERFACE_GUID),
        Err(SimError::NoSuchInterface(_))
    ));
    assert_eq!(sim.remove_device(device), Err(SimError::DeviceGone));
    assert_eq!(sim.unload(), Vec::new());
}

#[test]
fn every_allocation_failure_during_device_add_fails_cleanly_and_the_driver_recovers() {
    let sim = load();
    let mut failures = 0;
    for n in 1.. {
        sim.fail_nth_allocation(n);
        match sim.add_device(HARDWARE_ID) {
            Err(error) => {
                assert_eq!(
                    error,
                    SimError::DeviceAddFailed(STATUS_INSUFFICIENT_RESOURCES),
                    "allocation {n}"
                );
                assert_eq!(
                    sim.object_count(),
                    DRIVER_OBJECTS,
                    "nothing left behind after failing allocation {n}"
                );
                failures += 1;
            }
            Ok(device) => {
                // Past the last allocation of device add: the device works.
                sim.stop_failing_allocations();
                let handle = sim.open(&iolab::device::INTERFACE_GUID).unwrap();
                assert_eq!(handle.ioctl(IOCTL_IOLAB_ECHO, b"ok", 2).output, b"ok");
                handle.close();
                sim.remove_device(device).unwrap();
                break;
            }
        }
    }
    assert!(
        failures >= 3,
        "device add makes at least a device, an interface and a queue: {failures}"
    );
    assert_eq!(sim.unload(), Vec::new());
}

#[test]
fn the_driver_reports_what_it_does_in_the_debug_log() {
    let sim = load();
    sim.add_device(HARDWARE_ID).unwrap();
    assert!(
        sim.debug_log()
            .iter()
            .any(|line| line.contains("iolab: function device added"))
    );
}

mod any_caller {
    use proptest::prelude::*;

    use super::*;

    /// Control codes: iolab's, its neighbours (every method and access), and anything at all.
    fn codes() -> impl Strategy<Value = u32> {
        prop_oneof![
            Just(IOCTL_IOLAB_GET_INFO),
            Just(IOCTL_IOLAB_ECHO),
            (0x7F0_u32..0x810, 0_u32..4, 0_u32..4).prop_map(|(f, m, a)| iolab_protocol::ctl_code(
                iolab_protocol::IOLAB_DEVICE_TYPE,
                f,
                m,
                a
            )),
            any::<u32>(),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

        /// Whatever a caller sends (any code, any input, any output size), the driver answers
        /// with one of the protocol's statuses, never returns more than the caller's buffer,
        /// reports exactly the bytes it returned, and breaks no framework rule (the default
        /// verifier mode panics on the first violation).
        #[test]
        fn any_ioctl_is_answered_safely(
            code in codes(),
            input in proptest::collection::vec(any::<u8>(), 0..ECHO_MAX_LEN + 64),
            output_len in 0..ECHO_MAX_LEN + 64,
        ) {
            let sim = load();
            sim.add_device(HARDWARE_ID).unwrap();
            let handle = sim.open(&iolab::device::INTERFACE_GUID).unwrap();
            let result = handle.ioctl(code, &input, output_len);
            let expected = [STATUS_SUCCESS, STATUS_INVALID_DEVICE_REQUEST, STATUS_INVALID_PARAMETER, STATUS_BUFFER_TOO_SMALL];
            prop_assert!(expected.contains(&result.status), "status {:#x}", result.status);
            prop_assert!(result.output.len() <= output_len);
            prop_assert_eq!(result.information, result.output.len() as u64);
            if result.status == STATUS_SUCCESS && code == IOCTL_IOLAB_ECHO {
                prop_assert_eq!(&result.output, &input);
            }
            handle.close();
            prop_assert!(sim.unload().is_empty());
        }
    }
}

/// The simulator as a transport that, like a real device, cannot be surprise-removed.
struct NoSurpriseRemoval(SimTransport);

const NO_SURPRISE: &str = "not from user mode";

impl iolab_client::Transport for NoSurpriseRemoval {
    fn name(&self) -> &'static str {
        "no-surprise"
    }

    fn ioctl(
        &mut self,
        code: u32,
        input: &[u8],
        output: &mut [u8],
    ) -> Result<usize, iolab_client::DeviceError> {
        self.0.ioctl(code, input, output)
    }

    fn close(&mut self) -> Result<(), String> {
        self.0.finish()
    }

    fn harness(&mut self) -> Option<&mut dyn Harness> {
        Some(self)
    }
}

impl Harness for NoSurpriseRemoval {
    fn open(&mut self, read: bool, write: bool) -> Result<HandleId, iolab_client::DeviceError> {
        self.0.open(read, write)
    }
    fn close(&mut self, handle: HandleId) {
        Harness::close(&mut self.0, handle);
    }
    fn start(&mut self, handle: HandleId, op: Op) -> Result<OpId, iolab_client::DeviceError> {
        self.0.start(handle, op)
    }
    fn poll(&mut self, op: OpId) -> Option<Completion> {
        self.0.poll(op)
    }
    fn wait(&mut self, op: OpId, limit: std::time::Duration) -> Option<Completion> {
        self.0.wait(op, limit)
    }
    fn cancel(&mut self, op: OpId) {
        self.0.cancel(op);
    }
    fn sleep(&mut self, duration: std::time::Duration) {
        self.0.sleep(duration);
    }
    fn can_remove(&self, surprise: bool) -> Result<(), String> {
        if surprise {
            Err(NO_SURPRISE.to_owned())
        } else {
            Ok(())
        }
    }
    fn remove_and_restart(&mut self, surprise: bool) -> Result<(), String> {
        self.can_remove(surprise)?;
        self.0.remove_and_restart(surprise)
    }
}

/// Over a transport that cannot surprise-remove its device (a real one), the removal scenario
/// checks the orderly removal, then reports that it was not run, saying why the surprise removal
/// was not checked — before starting any I/O for it, so nothing is left waiting and the device
/// is clean after.
#[test]
fn the_removal_scenario_is_not_run_where_surprise_removal_is_impossible() {
    let mut transport =
        NoSurpriseRemoval(SimTransport::start(iolab::driver_entry).expect("the driver starts"));
    let scenario = scenarios::find("pipe-removal-with-requests-in-flight").unwrap();
    assert_eq!(
        (scenario.run)(&mut transport),
        Err(scenarios::NotPassed::NotRun(format!(
            "surprise removal with requests in flight cannot be checked over the no-surprise \
             transport: {NO_SURPRISE} (the orderly removal was checked and passed)"
        )))
    );
    let stats = iolab_client::Client::new(&mut transport).stats().unwrap();
    assert_eq!(
        (stats.waiting_reads, stats.waiting_writes),
        (0, 0),
        "no I/O was started for the check that could not run"
    );
    assert_eq!(
        (
            stats.writes,
            stats.reads,
            stats.bytes_written,
            stats.bytes_read
        ),
        (1, 1, 5, 5),
        "the orderly half ran to its end: the device after its restart moved \"fresh\" through"
    );
    assert_eq!(iolab_client::Transport::close(&mut transport), Ok(()));
}
