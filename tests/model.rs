//! The pipe against a reference model: random sequences of open / close / read / write / cancel
//! / advance time / SET_CONFIG / PURGE / GET_STATS / surprise removal run on the driver in
//! kmdf-sim and on a plain model of the pipe's documented semantics (a `VecDeque` of bytes and
//! two queues of waiters), written apart from the driver's own logic. After every step each
//! outstanding request must be pending or completed exactly as the model says, with its status
//! and bytes; GET_STATS must agree with the model's gauges and counters; the run must end with
//! no verifier violation and nothing left.
//!
//! Short runs are part of `cargo test` (a proptest of 64 sequences, and 20,000 seeded steps);
//! `cargo test --release --test model -- --ignored` runs 1,000,000 seeded steps. A failure
//! prints its seed: `IOLAB_MODEL_SEED=<seed>` replays that sequence.

#![cfg(any(not(windows), iolab_sim))]

use std::collections::{BTreeMap, VecDeque};
use std::time::Duration;

use iolab_client::scenarios::pattern;
use iolab_client::sim::HARDWARE_ID;
use iolab_protocol::{
    IOCTL_IOLAB_GET_STATS, IOCTL_IOLAB_PURGE, IOCTL_IOLAB_SET_CONFIG, PipeConfig, StatsReply,
};
use kmdf_sim::wdk_sys::{
    STATUS_CANCELLED, STATUS_DEVICE_BUSY, STATUS_DEVICE_REMOVED, STATUS_INVALID_BUFFER_SIZE,
    STATUS_IO_TIMEOUT, STATUS_SUCCESS,
};
use kmdf_sim::{FileHandle, OnViolation, PendingIo, SimConfig, Simulation};
use proptest::prelude::*;
use zerocopy::IntoBytes;

const GUID: kmdf_sim::wdk_sys::GUID = iolab::device::INTERFACE_GUID;
const CAPACITIES: [u32; 3] = [4096, 8192, 65536];
const TIMEOUTS: [u32; 3] = [0, 5, 20];
const MAX_HANDLES: usize = 4;

/// One step of a sequence. Indices are taken modulo what exists when the step runs.
#[derive(Clone, Debug)]
enum Step {
    Open,
    Close(usize),
    Read(usize, usize),
    Write(usize, usize, u8),
    Cancel(usize),
    Advance(u64),
    SetConfig(usize, usize, usize),
    Purge,
    Stats,
    Remove,
}

/// How a request ended: status and bytes returned (reads) or information (writes).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Outcome {
    status: i32,
    information: u64,
    data: Vec<u8>,
}

fn success(information: usize, data: Vec<u8>) -> Outcome {
    Outcome {
        status: STATUS_SUCCESS,
        information: information as u64,
        data,
    }
}

fn failure(status: i32) -> Outcome {
    Outcome {
        status,
        information: 0,
        data: Vec::new(),
    }
}

struct Waiter {
    op: usize,
    handle: usize,
    length: usize,
    data: Vec<u8>,
    deadline: Option<u64>,
}

/// The pipe as documented, nothing more.
#[derive(Default)]
struct Model {
    fifo: VecDeque<u8>,
    capacity: usize,
    read_timeout: u64,
    write_timeout: u64,
    readers: VecDeque<Waiter>,
    writers: VecDeque<Waiter>,
    now: u64,
    done: BTreeMap<usize, Outcome>,
    removed: bool,
    // Counters GET_STATS reports.
    reads: u64,
    writes: u64,
    bytes_read: u64,
    bytes_written: u64,
    cancellations: u64,
    timeouts: u64,
}

impl Model {
    fn new() -> Self {
        Self {
            capacity: 65536,
            ..Self::default()
        }
    }

    fn finish_read(&mut self, op: usize, outcome: Outcome) {
        self.reads += 1;
        self.bytes_read += outcome.information;
        self.done.insert(op, outcome);
    }

    fn finish_write(&mut self, op: usize, outcome: Outcome) {
        self.writes += 1;
        self.bytes_written += outcome.information;
        self.done.insert(op, outcome);
    }

    fn pump(&mut self) {
        loop {
            if !self.fifo.is_empty() && !self.readers.is_empty() {
                let reader = self.readers.pop_front().unwrap();
                let count = reader.length.min(self.fifo.len());
                let data: Vec<u8> = self.fifo.drain(..count).collect();
                self.finish_read(reader.op, success(count, data));
                continue;
            }
            let room = self.capacity - self.fifo.len();
            if self.writers.front().is_some_and(|w| w.data.len() <= room) {
                let writer = self.writers.pop_front().unwrap();
                self.fifo.extend(&writer.data);
                self.finish_write(writer.op, success(writer.data.len(), Vec::new()));
                continue;
            }
            return;
        }
    }

    fn read(&mut self, op: usize, handle: usize, length: usize) {
        if self.removed {
            self.done.insert(op, failure(STATUS_DEVICE_REMOVED));
        } else if length == 0 {
            // KMDF completes zero-length reads itself; the driver never sees (nor counts) them.
            self.done.insert(op, success(0, Vec::new()));
        } else if self.readers.is_empty() && !self.fifo.is_empty() {
            let count = length.min(self.fifo.len());
            let data: Vec<u8> = self.fifo.drain(..count).collect();
            self.finish_read(op, success(count, data));
            self.pump();
        } else {
            let deadline = (self.read_timeout > 0).then_some(self.now + self.read_timeout);
            self.readers.push_back(Waiter {
                op,
                handle,
                length,
                data: Vec::new(),
                deadline,
            });
        }
    }

    fn write(&mut self, op: usize, handle: usize, data: Vec<u8>) {
        if self.removed {
            self.done.insert(op, failure(STATUS_DEVICE_REMOVED));
        } else if data.is_empty() {
            self.done.insert(op, success(0, Vec::new()));
        } else if data.len() > self.capacity {
            self.finish_write(op, failure(STATUS_INVALID_BUFFER_SIZE));
        } else if self.writers.is_empty() && data.len() <= self.capacity - self.fifo.len() {
            self.fifo.extend(&data);
            self.finish_write(op, success(data.len(), Vec::new()));
            self.pump();
        } else {
            let deadline = (self.write_timeout > 0).then_some(self.now + self.write_timeout);
            self.writers.push_back(Waiter {
                op,
                handle,
                length: data.len(),
                data,
                deadline,
            });
        }
    }

    /// Ends the waiters `matches` picks with `status`, then serves what can move.
    fn end(&mut self, matches: impl Fn(&Waiter) -> bool, status: i32) {
        let (ended_readers, kept): (Vec<Waiter>, Vec<Waiter>) =
            self.readers.drain(..).partition(&matches);
        self.readers = kept.into();
        let (ended_writers, kept): (Vec<Waiter>, Vec<Waiter>) =
            self.writers.drain(..).partition(&matches);
        self.writers = kept.into();
        for waiter in ended_readers {
            self.count_ended(status);
            self.finish_read(waiter.op, failure(status));
        }
        for waiter in ended_writers {
            self.count_ended(status);
            self.finish_write(waiter.op, failure(status));
        }
        self.pump();
    }

    fn count_ended(&mut self, status: i32) {
        if status == STATUS_CANCELLED {
            self.cancellations += 1;
        } else if status == STATUS_IO_TIMEOUT {
            self.timeouts += 1;
        }
    }

    fn advance(&mut self, ms: u64) {
        let target = self.now + ms;
        loop {
            let next = self
                .readers
                .iter()
                .chain(&self.writers)
                .filter_map(|w| w.deadline)
                .filter(|d| *d <= target)
                .min();
            let Some(deadline) = next else { break };
            self.now = deadline;
            self.end(
                |w| w.deadline.is_some_and(|d| d <= deadline),
                STATUS_IO_TIMEOUT,
            );
        }
        self.now = target;
    }

    fn set_config(&mut self, capacity: usize, read_timeout: u64, write_timeout: u64) -> i32 {
        if capacity != self.capacity && !self.fifo.is_empty() {
            return STATUS_DEVICE_BUSY;
        }
        self.capacity = capacity;
        self.read_timeout = read_timeout;
        self.write_timeout = write_timeout;
        STATUS_SUCCESS
    }
}

/// The driver side of a run, with the model beside it.
struct Run {
    sim: Simulation,
    device: Option<kmdf_sim::DeviceRef>,
    handles: Vec<Option<FileHandle>>,
    pending: BTreeMap<usize, PendingIo>,
    next_op: usize,
    model: Model,
    seed: u64,
    step: usize,
}

impl Run {
    fn new(seed: u64) -> Self {
        let config = SimConfig {
            driver_name: "iolab".to_owned(),
            on_violation: OnViolation::Record,
            seed,
            ..SimConfig::default()
        };
        let sim = Simulation::load_with(iolab::driver_entry, config).unwrap();
        let device = sim.add_device(HARDWARE_ID).unwrap();
        let main = sim.open(&GUID).unwrap();
        Self {
            sim,
            device: Some(device),
            handles: vec![Some(main)],
            pending: BTreeMap::new(),
            next_op: 0,
            model: Model::new(),
            seed,
            step: 0,
        }
    }

    fn open_handles(&self) -> Vec<usize> {
        (0..self.handles.len())
            .filter(|h| self.handles[*h].is_some())
            .collect()
    }

    fn diverged(&self, what: &str) -> String {
        format!("seed {} step {}: {what}", self.seed, self.step)
    }

    fn ioctl_status(&self, code: u32, input: &[u8], output: usize) -> kmdf_sim::IoResult {
        self.handles[0].as_ref().unwrap().ioctl(code, input, output)
    }

    fn apply(&mut self, step: &Step) -> Result<(), String> {
        self.step += 1;
        if self.model.removed
            && !matches!(
                step,
                Step::Read(..) | Step::Write(..) | Step::Advance(_) | Step::Cancel(_)
            )
        {
            return Ok(());
        }
        match step {
            Step::Open => {
                if self.handles.len() < MAX_HANDLES + 1 {
                    let handle = self
                        .sim
                        .open(&GUID)
                        .map_err(|e| self.diverged(&format!("open: {e}")))?;
                    self.handles.push(Some(handle));
                }
            }
            Step::Close(index) => {
                let extra: Vec<usize> = self
                    .open_handles()
                    .into_iter()
                    .filter(|h| *h != 0)
                    .collect();
                if !extra.is_empty() {
                    let handle = extra[index % extra.len()];
                    self.handles[handle].take().unwrap().close();
                    self.model.end(|w| w.handle == handle, STATUS_CANCELLED);
                }
            }
            Step::Read(index, length) => {
                let open = self.open_handles();
                let handle = open[index % open.len()];
                let op = self.next_op;
                self.next_op += 1;
                self.pending
                    .insert(op, self.handles[handle].as_ref().unwrap().read(*length));
                self.model.read(op, handle, *length);
            }
            Step::Write(index, length, seed) => {
                let open = self.open_handles();
                let handle = open[index % open.len()];
                let op = self.next_op;
                self.next_op += 1;
                let data = pattern(*length, *seed);
                self.pending
                    .insert(op, self.handles[handle].as_ref().unwrap().write(&data));
                self.model.write(op, handle, data);
            }
            Step::Cancel(index) => {
                if !self.pending.is_empty() {
                    let op = *self.pending.keys().nth(index % self.pending.len()).unwrap();
                    self.pending[&op].cancel();
                    self.model.end(|w| w.op == op, STATUS_CANCELLED);
                }
            }
            Step::Advance(ms) => {
                self.sim.advance(Duration::from_millis(*ms));
                self.model.advance(*ms);
            }
            Step::SetConfig(capacity, read, write) => {
                let config = PipeConfig::new(
                    CAPACITIES[capacity % 3],
                    TIMEOUTS[read % 3],
                    TIMEOUTS[write % 3],
                );
                let result = self.ioctl_status(IOCTL_IOLAB_SET_CONFIG, config.as_bytes(), 0);
                let expected = self.model.set_config(
                    config.capacity as usize,
                    u64::from(config.read_timeout_ms),
                    u64::from(config.write_timeout_ms),
                );
                if result.status != expected {
                    return Err(self.diverged(&format!(
                        "SET_CONFIG {config:?}: {:#x}, model {expected:#x}",
                        result.status
                    )));
                }
            }
            Step::Purge => {
                let result = self.ioctl_status(IOCTL_IOLAB_PURGE, &[], 0);
                if result.status != STATUS_SUCCESS {
                    return Err(self.diverged(&format!("PURGE: {:#x}", result.status)));
                }
                self.model.fifo.clear();
                self.model.pump();
            }
            Step::Stats => self.compare_stats()?,
            Step::Remove => {
                self.sim
                    .surprise_remove(self.device.take().unwrap())
                    .unwrap();
                self.model.end(|_| true, STATUS_CANCELLED);
                self.model.removed = true;
            }
        }
        self.compare_requests()
    }

    fn compare_requests(&mut self) -> Result<(), String> {
        let ops: Vec<usize> = self.pending.keys().copied().collect();
        for op in ops {
            let found = self.pending[&op].poll();
            let expected = self.model.done.get(&op);
            match (found, expected) {
                (None, None) => {}
                (Some(result), Some(expected)) => {
                    let found = Outcome {
                        status: result.status,
                        information: result.information,
                        data: result.output,
                    };
                    if found != *expected {
                        return Err(self.diverged(&format!(
                            "request {op} ended {:#x} with {} bytes, the model says {:#x} with {} bytes (or other bytes)",
                            found.status, found.information, expected.status, expected.information
                        )));
                    }
                    self.pending.remove(&op);
                    self.model.done.remove(&op);
                }
                (found, expected) => {
                    return Err(self.diverged(&format!(
                        "request {op}: driver {}, model {}",
                        if found.is_some() {
                            "completed it"
                        } else {
                            "still has it"
                        },
                        if expected.is_some() {
                            "completed it"
                        } else {
                            "still has it"
                        }
                    )));
                }
            }
        }
        Ok(())
    }

    fn compare_stats(&self) -> Result<(), String> {
        let result = self.ioctl_status(IOCTL_IOLAB_GET_STATS, &[], 512);
        let stats = StatsReply::parse(&result.output)
            .map_err(|e| self.diverged(&format!("GET_STATS: {e}")))?;
        let model = &self.model;
        let found = (
            stats.fifo_used,
            stats.fifo_capacity,
            stats.waiting_reads,
            stats.waiting_writes,
            stats.reads,
            stats.writes,
            stats.bytes_read,
            stats.bytes_written,
            stats.cancellations,
            stats.timeouts,
        );
        let expected = (
            model.fifo.len() as u64,
            model.capacity as u64,
            model.readers.len() as u64,
            model.writers.len() as u64,
            model.reads,
            model.writes,
            model.bytes_read,
            model.bytes_written,
            model.cancellations,
            model.timeouts,
        );
        if found == expected {
            Ok(())
        } else {
            Err(self.diverged(&format!(
                "GET_STATS (used, capacity, waiting reads, waiting writes, reads, writes, bytes read, bytes written, cancellations, timeouts) = {found:?}, model {expected:?}"
            )))
        }
    }

    /// Ends the run: every handle closed (their waiters cancelled), the device removed, the
    /// driver unloaded; nothing may be left and no rule broken.
    fn finish(mut self) -> Result<(), String> {
        for index in 0..self.handles.len() {
            if let Some(handle) = self.handles[index].take() {
                handle.close();
                self.model.end(|w| w.handle == index, STATUS_CANCELLED);
            }
        }
        self.compare_requests()?;
        if !self.pending.is_empty() {
            return Err(self.diverged(&format!("{} requests never completed", self.pending.len())));
        }
        if let Some(device) = self.device.take() {
            self.sim.remove_device(device).unwrap();
        }
        let seed = self.seed;
        let violations = self.sim.unload();
        if violations.is_empty() {
            Ok(())
        } else {
            Err(format!("seed {seed}: {violations:#?}"))
        }
    }
}

/// Runs `steps` on a fresh simulation and its model.
fn run(seed: u64, steps: &[Step]) -> Result<(), String> {
    let mut run = Run::new(seed);
    for step in steps {
        run.apply(step)?;
    }
    run.finish()
}

/// xorshift64*, for the seeded runs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, bound: u64) -> usize {
        usize::try_from(self.next() % bound).unwrap_or(0)
    }
}

/// A random step, with the weights of a mixed workload.
fn random_step(rng: &mut Rng, last: bool) -> Step {
    if last {
        return if rng.below(2) == 0 {
            Step::Remove
        } else {
            Step::Stats
        };
    }
    match rng.below(100) {
        0..=2 => Step::Open,
        3..=4 => Step::Close(rng.below(8)),
        5..=34 => Step::Read(
            rng.below(8),
            if rng.below(10) == 0 {
                0
            } else {
                1 + rng.below(3000)
            },
        ),
        35..=64 => Step::Write(
            rng.below(8),
            if rng.below(20) == 0 {
                0
            } else {
                1 + rng.below(5000)
            },
            u8::try_from(rng.below(256)).unwrap_or(0),
        ),
        65..=72 => Step::Cancel(rng.below(16)),
        73..=84 => Step::Advance(1 + rng.below(25) as u64),
        85..=88 => Step::SetConfig(rng.below(3), rng.below(3), rng.below(3)),
        89..=91 => Step::Purge,
        _ => Step::Stats,
    }
}

/// `runs` simulations of `length` seeded steps each, from `first_seed` on; `IOLAB_MODEL_SEED`
/// replays one.
fn seeded(first_seed: u64, runs: u64, length: usize) -> usize {
    let seeds: Vec<u64> = match std::env::var("IOLAB_MODEL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
    {
        Some(seed) => vec![seed],
        None => (first_seed..first_seed + runs).collect(),
    };
    let mut total = 0;
    for seed in seeds {
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let steps: Vec<Step> = (0..length)
            .map(|i| random_step(&mut rng, i + 1 == length))
            .collect();
        if let Err(divergence) = run(seed, &steps) {
            panic!("{divergence}\nreplay: IOLAB_MODEL_SEED={seed} cargo test --test model");
        }
        total += steps.len();
    }
    total
}

#[test]
fn twenty_thousand_seeded_steps_agree_with_the_model() {
    // A tenth under .ci/memcheck.sh (valgrind), which looks for undefined behaviour.
    let runs = if std::env::var_os("IOLAB_MEMCHECK").is_some() {
        1
    } else {
        10
    };
    let steps = seeded(1, runs, 2_000);
    println!("{steps} steps, 0 divergences, 0 violations");
    assert!(steps >= 2_000);
}

#[test]
#[ignore = "long: 1,000,000 steps (cargo test --release --test model -- --ignored)"]
fn a_million_seeded_steps_agree_with_the_model() {
    let started = std::time::Instant::now();
    let steps = seeded(1_000, 500, 2_000);
    println!(
        "{steps} steps, 0 divergences, 0 violations, in {:?}",
        started.elapsed()
    );
    assert!(steps >= 1_000_000 || std::env::var("IOLAB_MODEL_SEED").is_ok());
}

fn any_step() -> impl Strategy<Value = Step> {
    prop_oneof![
        2 => Just(Step::Open),
        2 => (0..8_usize).prop_map(Step::Close),
        20 => (0..8_usize, 0..3000_usize).prop_map(|(h, n)| Step::Read(h, n)),
        20 => (0..8_usize, 0..5000_usize, any::<u8>()).prop_map(|(h, n, s)| Step::Write(h, n, s)),
        6 => (0..16_usize).prop_map(Step::Cancel),
        8 => (1..30_u64).prop_map(Step::Advance),
        4 => (0..3_usize, 0..3_usize, 0..3_usize).prop_map(|(c, r, w)| Step::SetConfig(c, r, w)),
        2 => Just(Step::Purge),
        3 => Just(Step::Stats),
        1 => Just(Step::Remove),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn random_sequences_agree_with_the_model(steps in proptest::collection::vec(any_step(), 1..120)) {
        prop_assert_eq!(run(7, &steps), Ok(()));
    }
}
