//! iolab as a filter over iolab as the pipe, in one simulation (`Root\IoLabMonitored`: the INF's
//! second model, iolab's pipe with iolab's monitor above it): every selftest scenario of the
//! function role passes through the monitor exactly as it passes on the bare pipe, and after
//! each scenario the filter's statistics match the traffic the scenario made, exactly.
//!
//! The expected statistics come from what the client saw, not from the driver: a wrapper around
//! the transport records every IOCTL and every read, write and IOCTL of the harness when it
//! completes (its kind, code, status and bytes) into a model table, with
//! `iolab_protocol::filter::record`, the arithmetic the protocol defines. Requests the I/O manager
//! refuses before any driver sees them (a handle without the access bit: `STATUS_ACCESS_DENIED`,
//! which the pipe itself never returns) are not traffic of the stack. A removal starts a new
//! stack, a new filter instance and a new model; what was still in flight at the end of a
//! scenario is the filter's `in_flight`.

#![cfg(any(not(windows), iolab_sim))]

use std::collections::BTreeMap;
use std::time::Duration;

use iolab_client::harness::{Completion, HandleId, Harness, Op, OpId};
use iolab_client::scenarios::{self, Scenario};
use iolab_client::sim::{SimTarget, SimTransport};
use iolab_client::{DeviceError, Transport};
use iolab_protocol::filter::{FILTER_LIST_SIZE, FILTER_STATS_SIZE, record};
use iolab_protocol::{
    ALL_FILTERS, FilterList, FilterSelect, FilterStats, IOCTL_IOLAB_GET_FILTER_STATS,
    IOCTL_IOLAB_LIST_FILTERS, IOCTL_IOLAB_RESET_FILTER_STATS, OpStats, RequestKind, Role,
};
use kmdf_sim::SimConfig;
use zerocopy::IntoBytes;

/// What the client sent and saw complete, as the filter should have recorded it.
#[derive(Default)]
struct Model {
    kinds: BTreeMap<u32, OpStats>,
    codes: BTreeMap<(u32, u32), OpStats>,
}

fn empty_row(kind: RequestKind, code: u32) -> OpStats {
    let mut stats = FilterStats::zeroed(0);
    let row = &mut stats.kinds[0];
    row.kind = kind as u32;
    row.code = code;
    *row
}

impl Model {
    fn record(&mut self, kind: RequestKind, code: u32, result: &Result<usize, DeviceError>) {
        let (status, information) = match result {
            // The I/O manager refused it: no driver of the stack saw it.
            Err(DeviceError::AccessDenied) => return,
            Ok(bytes) => (0, *bytes as u64),
            Err(error) => (error.ntstatus().unwrap_or(0xC000_0001), 0),
        };
        let row = self
            .kinds
            .entry(kind as u32)
            .or_insert_with(|| empty_row(kind, 0));
        record(row, status, information, 0);
        if matches!(
            kind,
            RequestKind::DeviceControl | RequestKind::InternalDeviceControl
        ) {
            let row = self
                .codes
                .entry((kind as u32, code))
                .or_insert_with(|| empty_row(kind, code));
            record(row, status, information, 0);
        }
    }
}

/// The simulator transport over the monitored pipe, recording the traffic into a [`Model`].
struct Tally {
    inner: SimTransport,
    model: Model,
    /// Operations started since the last removal and not completed yet: their kind and code.
    outstanding: BTreeMap<OpId, (RequestKind, u32)>,
    removals: usize,
}

impl Tally {
    fn complete(&mut self, op: OpId, completion: &Completion) {
        if let Some((kind, code)) = self.outstanding.remove(&op) {
            self.model.record(kind, code, &completion.result);
        }
    }

    /// Polls every operation still outstanding; what has not completed is in flight.
    fn drain(&mut self) -> u64 {
        let ops: Vec<OpId> = self.outstanding.keys().copied().collect();
        for op in ops {
            if let Some(completion) = self.inner.poll(op) {
                self.complete(op, &completion);
            }
        }
        self.outstanding.len() as u64
    }

    fn control(&mut self, code: u32, input: &[u8], output: &mut [u8]) -> usize {
        self.inner
            .control_ioctl(code, input, output)
            .unwrap_or_else(|error| panic!("control IOCTL {code:#x}: {error}"))
    }

    /// The one filter instance's statistics.
    fn filter_stats(&mut self) -> FilterStats {
        let mut list = vec![0u8; FILTER_LIST_SIZE];
        let n = self.control(IOCTL_IOLAB_LIST_FILTERS, &[], &mut list);
        let list = FilterList::parse(&list[..n]).unwrap();
        assert_eq!(list.listed().len(), 1, "one filter instance on the stack");
        let id = list.listed()[0].id;
        let mut output = vec![0u8; FILTER_STATS_SIZE];
        let select = FilterSelect::new(id, false);
        let n = self.control(IOCTL_IOLAB_GET_FILTER_STATS, select.as_bytes(), &mut output);
        FilterStats::parse(&output[..n]).unwrap()
    }

    fn reset(&mut self) {
        let select = FilterSelect::new(ALL_FILTERS, false);
        self.control(IOCTL_IOLAB_RESET_FILTER_STATS, select.as_bytes(), &mut []);
        self.model = Model::default();
    }
}

impl Transport for Tally {
    fn name(&self) -> &'static str {
        "sim"
    }

    fn ioctl(&mut self, code: u32, input: &[u8], output: &mut [u8]) -> Result<usize, DeviceError> {
        let result = self.inner.ioctl(code, input, output);
        self.model.record(RequestKind::DeviceControl, code, &result);
        result
    }

    fn harness(&mut self) -> Option<&mut dyn Harness> {
        Some(self)
    }
}

impl Harness for Tally {
    fn open(&mut self, read: bool, write: bool) -> Result<HandleId, DeviceError> {
        self.inner.open(read, write)
    }

    fn close(&mut self, handle: HandleId) {
        Harness::close(&mut self.inner, handle);
    }

    fn start(&mut self, handle: HandleId, op: Op) -> Result<OpId, DeviceError> {
        let (kind, code) = match &op {
            Op::Read(_) => (RequestKind::Read, 0),
            Op::Write(_) => (RequestKind::Write, 0),
            Op::Ioctl { code, .. } => (RequestKind::DeviceControl, *code),
        };
        let id = self.inner.start(handle, op)?;
        self.outstanding.insert(id, (kind, code));
        Ok(id)
    }

    fn poll(&mut self, op: OpId) -> Option<Completion> {
        let completion = self.inner.poll(op)?;
        self.complete(op, &completion);
        Some(completion)
    }

    fn wait(&mut self, op: OpId, limit: Duration) -> Option<Completion> {
        let completion = self.inner.wait(op, limit)?;
        self.complete(op, &completion);
        Some(completion)
    }

    fn cancel(&mut self, op: OpId) {
        self.inner.cancel(op);
    }

    fn sleep(&mut self, duration: Duration) {
        self.inner.sleep(duration);
    }

    fn can_remove(&self, surprise: bool) -> Result<(), String> {
        self.inner.can_remove(surprise)
    }

    fn remove_and_restart(&mut self, surprise: bool) -> Result<(), String> {
        // What was in flight completes in the old stack, whose filter instance goes with it.
        self.outstanding.clear();
        let result = self.inner.remove_and_restart(surprise);
        self.model = Model::default();
        self.removals += 1;
        result
    }
}

/// The filter's row and the model's agree on everything the client can know (latency aside:
/// only the number of samples).
fn compare(what: &str, actual: &OpStats, expected: &OpStats) -> Result<(), String> {
    let fields = |row: &OpStats| {
        (
            row.requests,
            row.succeeded,
            row.failed,
            row.cancelled,
            row.bytes,
            row.latency_us_log2.iter().sum::<u64>(),
            row.last_failure != 0,
        )
    };
    if fields(actual) == fields(expected) {
        Ok(())
    } else {
        Err(format!(
            "{what}: filter recorded (requests, ok, failed, cancelled, bytes, latency samples, \
             has last failure) = {:?}, the traffic was {:?}",
            fields(actual),
            fields(expected)
        ))
    }
}

fn check(stats: &FilterStats, model: &Model, in_flight: u64) -> Result<(), String> {
    if !stats.is_monitoring() {
        return Err("monitoring is off".to_owned());
    }
    if stats.in_flight != in_flight {
        return Err(format!(
            "in flight: the filter says {}, the client has {in_flight} not completed",
            stats.in_flight
        ));
    }
    if (stats.unmonitored, stats.send_failures) != (0, 0) {
        return Err(format!(
            "unmonitored {} and send failures {} on a healthy stack",
            stats.unmonitored, stats.send_failures
        ));
    }
    for kind in RequestKind::ALL {
        let expected = model
            .kinds
            .get(&(kind as u32))
            .copied()
            .unwrap_or_else(|| empty_row(kind, 0));
        compare(kind.name(), stats.kind(kind), &expected)?;
    }
    let tracked = stats.tracked_ioctls().len() as u64;
    let expected_untracked: u64 = model
        .codes
        .values()
        .filter(|row| stats.ioctl(RequestKind::DeviceControl, row.code).is_none())
        .map(|row| row.requests)
        .sum();
    if stats.untracked_ioctls != expected_untracked
        || tracked != (model.codes.len() as u64).min(iolab_protocol::filter::IOCTL_SLOTS as u64)
    {
        return Err(format!(
            "IOCTL slots: {tracked} codes tracked and {} untracked requests; the traffic had {} \
             codes ({expected_untracked} requests of codes without a slot)",
            stats.untracked_ioctls,
            model.codes.len()
        ));
    }
    for ((kind, code), expected) in &model.codes {
        let kind = RequestKind::from_u32(*kind).unwrap();
        if let Some(actual) = stats.ioctl(kind, *code) {
            compare(&format!("IOCTL {code:#x}"), actual, expected)?;
        }
    }
    Ok(())
}

fn monitored() -> Tally {
    let inner = SimTransport::start_target(
        iolab::driver_entry,
        SimConfig::default(),
        SimTarget::MonitoredPipe,
    )
    .unwrap();
    Tally {
        inner,
        model: Model::default(),
        outstanding: BTreeMap::new(),
        removals: 0,
    }
}

fn run(tally: &mut Tally, scenario: &Scenario) -> Result<(), String> {
    tally.reset();
    (scenario.run)(tally).map_err(|why| why.to_string())?;
    let in_flight = tally.drain();
    let stats = tally.filter_stats();
    check(&stats, &tally.model, in_flight)
}

#[test]
fn the_pipe_selftest_passes_through_the_monitor_and_its_statistics_match_the_traffic() {
    let mut tally = monitored();
    let mut failures = Vec::new();
    // The filter's own scenarios build stacks of their own beside this one (tests/driver.rs and
    // tests/explore.rs run them).
    for scenario in scenarios::function_role() {
        if let Err(reason) = run(&mut tally, scenario) {
            failures.push(format!("{}: {reason}", scenario.name));
        }
    }
    assert!(tally.removals > 0, "the removal scenarios ran");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    tally
        .inner
        .finish()
        .expect("removal and unload of the monitored pipe are clean");
}

#[test]
fn the_monitored_pipe_answers_as_the_function_role_and_the_control_device_as_the_filter() {
    let mut tally = monitored();
    let mut client = iolab_client::Client::new(&mut tally.inner);
    assert_eq!(client.info().unwrap().role(), Ok(Role::Function));
    let mut output = [0u8; iolab_protocol::INFO_REPLY_SIZE];
    let n = tally
        .inner
        .control_ioctl(iolab_protocol::IOCTL_IOLAB_GET_INFO, &[], &mut output)
        .unwrap();
    let info = iolab_protocol::InfoReply::parse(&output[..n]).unwrap();
    assert_eq!(info.role(), Ok(Role::Filter));
    tally.inner.finish().unwrap();
}
