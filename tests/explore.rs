//! The iolab driver under many schedules: simulated threads send IOCTLs on two handles while
//! another closes one of them mid-traffic and then removes the device. Each run is a seeded
//! interleaving (`kmdf_sim::explore`); every one must end with the right answers, no verifier
//! violation and nothing left at unload. A failure names its seed (`KMDF_SIM_SEED=<n>` replays it).

#![cfg(any(not(windows), iolab_sim))]

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use iolab_client::scenarios;
use iolab_client::sim::{HARDWARE_ID, SimTransport};
use iolab_protocol::{INFO_REPLY_SIZE, IOCTL_IOLAB_ECHO, IOCTL_IOLAB_GET_INFO};
use kmdf_sim::wdk_sys::{
    STATUS_DEVICE_REMOVED, STATUS_INVALID_HANDLE, STATUS_NO_SUCH_DEVICE, STATUS_SUCCESS,
};
use kmdf_sim::{Access, OnViolation, Policy, SimConfig, SimHandle, Simulation, explore};

/// How many seeded schedules each scenario runs under.
const SCHEDULES: u64 = 1000;
/// How many seeded schedules the selftest scenarios run under in the short run.
const SCENARIO_SCHEDULES: u64 = 100;

/// `n`, or a twenty-fifth of it under `.ci/memcheck.sh` (valgrind runs everything some 30 times
/// slower; it looks for undefined behaviour, which a few schedules of each kind show as well —
/// a tenth took eight minutes of CI's thirty once the filter scenarios joined).
fn scaled(n: u64) -> u64 {
    if std::env::var_os("IOLAB_MEMCHECK").is_some() {
        n.div_ceil(25)
    } else {
        n
    }
}

/// iolab loaded with `config` (verifier in record mode) and its device added.
fn load(config: SimConfig) -> (Simulation, kmdf_sim::DeviceRef) {
    let config = SimConfig {
        driver_name: "iolab".to_owned(),
        on_violation: OnViolation::Record,
        ..config
    };
    let sim = Simulation::load_with(iolab::driver_entry, config).unwrap();
    let device = sim.add_device(HARDWARE_ID).unwrap();
    (sim, device)
}

fn traffic_close_and_removal(config: SimConfig) -> u64 {
    let (sim, device) = load(config);
    let echo_handle = Arc::new(sim.open(&iolab::device::INTERFACE_GUID).unwrap());
    let query_handle = Arc::new(sim.open(&iolab::device::INTERFACE_GUID).unwrap());
    let echo_thread = {
        let echoes = Arc::clone(&echo_handle);
        sim.spawn("echoer", move || {
            for round in 0..4_u8 {
                let input = [round, 0x5a, round ^ 0xff];
                let result = echoes.ioctl(IOCTL_IOLAB_ECHO, &input, 8);
                match result.status {
                    STATUS_SUCCESS => assert_eq!(result.output, input, "round {round}"),
                    STATUS_INVALID_HANDLE | STATUS_DEVICE_REMOVED => {
                        assert!(result.output.is_empty());
                    }
                    other => panic!("ECHO ended with {other:#x}"),
                }
            }
        })
    };
    let query_thread = {
        let queries = Arc::clone(&query_handle);
        sim.spawn("querier", move || {
            for _ in 0..4 {
                let result = queries.ioctl(IOCTL_IOLAB_GET_INFO, &[], INFO_REPLY_SIZE);
                match result.status {
                    STATUS_SUCCESS => assert_eq!(result.output.len(), INFO_REPLY_SIZE),
                    STATUS_INVALID_HANDLE | STATUS_DEVICE_REMOVED => {}
                    other => panic!("GET_INFO ended with {other:#x}"),
                }
            }
        })
    };
    let remover = {
        let sim = sim.handle();
        let to_close = Arc::clone(&echo_handle);
        sim.clone().spawn("closer and remover", move || {
            to_close.close();
            sim.remove_device(device).unwrap();
        })
    };
    echo_thread.join();
    query_thread.join();
    remover.join();
    assert_eq!(sim.take_violations(), [], "no violation against iolab");
    let fingerprint = sim.schedule_fingerprint();
    drop((echo_handle, query_handle));
    assert_eq!(sim.unload(), [], "nothing left at unload");
    fingerprint
}

#[test]
fn ioctl_traffic_handle_close_and_removal_are_clean_under_every_schedule() {
    let seen = explore(0..SCHEDULES, Policy::Random, traffic_close_and_removal);
    println!("random schedules: {seen:?}");
    assert_eq!(seen.runs, SCHEDULES);
    assert!(
        seen.distinct > 100,
        "the seeds explored many interleavings: {seen:?}"
    );
}

#[test]
fn the_same_under_pct_schedules() {
    let seen = explore(
        0..SCHEDULES,
        Policy::Pct {
            depth: 3,
            steps: 200,
        },
        traffic_close_and_removal,
    );
    println!("PCT schedules: {seen:?}");
    assert_eq!(seen.runs, SCHEDULES);
    assert!(seen.distinct > 10, "{seen:?}");
}

/// The function role's selftest scenarios, run in one simulation under the schedule `config`
/// gives, while another simulated thread opens and closes handles to the same device (each close
/// takes the pipe's lock in EvtFileCleanup) so the schedule has two threads to interleave;
/// returns the run's fingerprint. Panics naming the scenarios that failed.
fn scenarios_under(config: SimConfig, which: &[&scenarios::Scenario]) -> u64 {
    let mut transport = SimTransport::start_with(iolab::driver_entry, config).unwrap();
    let sim = transport.simulation().map(|sim| sim.handle()).unwrap();
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let churner = {
        let (sim, stop) = (sim.clone(), Arc::clone(&stop));
        sim.clone().spawn("handle churner", move || {
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                // The device may be between a removal and its restart: then there is nothing
                // to open for a moment.
                if let Ok(handle) = sim.open(&iolab::device::INTERFACE_GUID) {
                    handle.close();
                }
                sim.advance(std::time::Duration::from_micros(500));
            }
        })
    };
    let failures: Vec<String> = which
        .iter()
        .filter_map(|s| {
            (s.run)(&mut transport)
                .err()
                .map(|e| format!("{}: {e}", s.name))
        })
        .collect();
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    churner.join();
    assert!(failures.is_empty(), "{failures:#?}");
    let fingerprint = sim.schedule_fingerprint();
    assert_eq!(transport.finish(), Ok(()), "no violation, nothing left");
    fingerprint
}

/// Scenarios whose cost is their data (16 MiB patterns and echoes), not their interleavings: the
/// short runs leave them to `all_scenarios_under_1000_schedules` (ignored) and the selftest.
const HEAVY: [&str; 3] = [
    "pipe-pattern-integrity-1b-to-16mib",
    "echo-direct-roundtrip",
    "echo-direct-bad-lengths-rejected",
];

#[test]
fn the_selftest_scenarios_pass_under_many_schedules() {
    let light: Vec<&scenarios::Scenario> = scenarios::function_role()
        .iter()
        .filter(|s| !HEAVY.contains(&s.name))
        .collect();
    for (policy, runs) in [
        (Policy::Random, scaled(SCENARIO_SCHEDULES)),
        (
            Policy::Pct {
                depth: 3,
                steps: 2000,
            },
            scaled(SCENARIO_SCHEDULES / 2),
        ),
    ] {
        let started = std::time::Instant::now();
        let seen = explore(0..runs, policy, |config| scenarios_under(config, &light));
        println!(
            "{} scenarios under {seen:?} ({policy:?}) in {:?}",
            light.len(),
            started.elapsed()
        );
        assert_eq!(seen.runs, runs);
        assert!(seen.distinct as u64 > runs / 10, "{seen:?}");
    }
}

#[test]
#[ignore = "long: every function-role scenario under 1,000 random and 1,000 PCT schedules (cargo test --test explore -- --ignored)"]
fn all_scenarios_under_1000_schedules() {
    let all: Vec<&scenarios::Scenario> = scenarios::function_role().iter().collect();
    for policy in [
        Policy::Random,
        Policy::Pct {
            depth: 3,
            steps: 2000,
        },
    ] {
        let seen = explore(0..1000, policy, |config| scenarios_under(config, &all));
        println!("{} scenarios under {seen:?} ({policy:?})", all.len());
        assert_eq!(seen.runs, 1000);
    }
}

/// The filter scenario that unloads the driver (and loads it again): an unload waits for the
/// test's simulated threads, so the control reader stops before it.
const UNLOADS: &str = "filter-last-removed-control-device-gone-unload-clean";

/// How many seeded schedules the filter scenarios run under in the short run, per policy.
const FILTER_SCHEDULES: u64 = 50;

/// Reads the filter's control device until `stop`: opens it (when it exists), lists the
/// instances and reads each one's statistics, closes it, lets 300 µs pass. Each reply is whole
/// and well-formed, or the instance or the device went meanwhile.
fn control_reader(sim: &SimHandle, stop: &AtomicBool) {
    use iolab_protocol::filter::{
        FILTER_LIST_SIZE, FILTER_STATS_SIZE, FilterList, FilterSelect, FilterStats,
        IOCTL_IOLAB_GET_FILTER_STATS, IOCTL_IOLAB_LIST_FILTERS,
    };
    use zerocopy::IntoBytes;

    while !stop.load(Ordering::Relaxed) {
        if let Ok(control) = sim.open_by_name(iolab_protocol::FILTER_CONTROL_PATH, Access::READ) {
            let listed = control.ioctl(IOCTL_IOLAB_LIST_FILTERS, &[], FILTER_LIST_SIZE);
            if listed.status == STATUS_SUCCESS {
                let list = FilterList::parse(&listed.output).expect("a whole LIST_FILTERS reply");
                for entry in list.listed() {
                    let select = FilterSelect::new(entry.id, false);
                    let reply = control.ioctl(
                        IOCTL_IOLAB_GET_FILTER_STATS,
                        select.as_bytes(),
                        FILTER_STATS_SIZE,
                    );
                    match reply.status {
                        STATUS_SUCCESS => {
                            let stats = FilterStats::parse(&reply.output)
                                .expect("a whole GET_FILTER_STATS reply");
                            assert_eq!(stats.id, entry.id);
                        }
                        // The instance, or the control device with its handles, went meanwhile.
                        STATUS_NO_SUCH_DEVICE | STATUS_INVALID_HANDLE | STATUS_DEVICE_REMOVED => {}
                        other => panic!("GET_FILTER_STATS of {} ended with {other:#x}", entry.id),
                    }
                }
            } else {
                assert!(
                    matches!(listed.status, STATUS_INVALID_HANDLE | STATUS_DEVICE_REMOVED),
                    "LIST_FILTERS ended with {:#x}",
                    listed.status
                );
            }
            control.close();
        }
        sim.advance(Duration::from_micros(300));
    }
}

/// The filter role's scenarios, run in order in one simulation under the schedule `config`
/// gives, while another simulated thread reads the control device ([`control_reader`]): its
/// IOCTLs take the driver's instance table and each instance's statistics lock against the
/// filter's completion routines (the lower device's delayed answers come from the bus's own
/// thread at DISPATCH_LEVEL), additions and removals. Returns the run's fingerprint. Panics
/// naming the scenarios that did not pass (a scenario not run counts: nothing is skipped here).
fn filter_scenarios_under(config: SimConfig) -> u64 {
    let mut transport = SimTransport::start_with(iolab::driver_entry, config).unwrap();
    let sim = transport.simulation().map(|sim| sim.handle()).unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let mut reader = Some({
        let (handle, stop) = (sim.clone(), Arc::clone(&stop));
        sim.spawn("control reader", move || control_reader(&handle, &stop))
    });
    assert!(scenarios::find(UNLOADS).is_some());
    let mut failures = Vec::new();
    for scenario in scenarios::filter_role() {
        if scenario.name == UNLOADS {
            stop.store(true, Ordering::Relaxed);
            if let Some(reader) = reader.take() {
                reader.join();
            }
        }
        if let Err(why) = (scenario.run)(&mut transport) {
            failures.push(format!("{}: {why}", scenario.name));
        }
    }
    stop.store(true, Ordering::Relaxed);
    if let Some(reader) = reader.take() {
        reader.join();
    }
    assert!(failures.is_empty(), "{failures:#?}");
    // The unload scenario loaded the driver again: the fingerprint is the new simulation's.
    let fingerprint = sim.schedule_fingerprint()
        ^ transport
            .simulation()
            .map_or(0, |sim| sim.schedule_fingerprint().rotate_left(1));
    assert_eq!(transport.finish(), Ok(()), "no violation, nothing left");
    fingerprint
}

fn explore_filter_scenarios(runs: u64) {
    for policy in [
        Policy::Random,
        Policy::Pct {
            depth: 3,
            steps: 2000,
        },
    ] {
        let started = std::time::Instant::now();
        let seen = explore(0..runs, policy, filter_scenarios_under);
        println!(
            "{} filter scenarios under {seen:?} ({policy:?}) in {:?}",
            scenarios::filter_role().len(),
            started.elapsed()
        );
        assert_eq!(seen.runs, runs);
        assert!(seen.distinct as u64 > runs / 10, "{seen:?}");
    }
}

#[test]
fn the_filter_scenarios_pass_under_many_schedules() {
    explore_filter_scenarios(scaled(FILTER_SCHEDULES));
}

#[test]
#[ignore = "long: the filter scenarios under 1,000 random and 1,000 PCT schedules (cargo test --release --test explore -- --ignored)"]
fn the_filter_scenarios_under_1000_schedules() {
    explore_filter_scenarios(1000);
}

const WRITERS: u32 = 3;
const CHUNKS: u32 = 12;
const CHUNK: usize = 700;

/// Chunk `index` of `writer`: writer, index, the first 4 bytes of its body's FNV-1a, the body.
fn stream_chunk(writer: u32, index: u32) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(CHUNK);
    bytes.extend(writer.to_le_bytes());
    bytes.extend(index.to_le_bytes());
    let body = scenarios::pattern(CHUNK - 12, u8::try_from(writer * 31 + index).unwrap());
    bytes.extend(&iolab_protocol::fnv1a64(&body).to_le_bytes()[..4]);
    bytes.extend(body);
    bytes
}

/// Each reader's bytes are whole, intact chunks, each writer's in its order; together every
/// chunk exactly once.
fn check_stream(received: &[Vec<u8>]) {
    let mut seen = std::collections::BTreeSet::new();
    for bytes in received {
        assert_eq!(bytes.len() % CHUNK, 0, "whole chunks only");
        let mut last = [None; 3];
        for piece in bytes.chunks(CHUNK) {
            let writer = u32::from_le_bytes(piece[..4].try_into().unwrap());
            let index = u32::from_le_bytes(piece[4..8].try_into().unwrap());
            assert_eq!(
                piece,
                stream_chunk(writer, index).as_slice(),
                "chunk {writer}/{index} intact"
            );
            let slot = &mut last[usize::try_from(writer).unwrap()];
            assert!(
                slot.is_none_or(|l| l < index),
                "writer {writer}'s chunks in order"
            );
            *slot = Some(index);
            assert!(seen.insert((writer, index)), "chunk {writer}/{index} once");
        }
    }
    assert_eq!(
        seen.len(),
        usize::try_from(WRITERS * CHUNKS).unwrap(),
        "no chunk lost"
    );
}

/// Three writer threads and two reader threads move a stream of checksummed chunks through the
/// pipe (capacity 4 KiB, so writers wait for room and readers for data) on their own handles.
/// Chunks go in whole and come out in arrival order, so each reader's bytes, joined in the order
/// its reads completed, must hold whole chunks of each writer in that writer's order; together the
/// readers must hold every chunk exactly once. Under random and PCT schedules.
fn threads_stream(config: SimConfig) -> u64 {
    use iolab_protocol::{IOCTL_IOLAB_SET_CONFIG, PipeConfig};
    use zerocopy::IntoBytes;

    let (sim, device) = load(config);
    let control = sim.open(&iolab::device::INTERFACE_GUID).unwrap();
    let small = PipeConfig::new(4096, 0, 0);
    assert_eq!(
        control
            .ioctl(IOCTL_IOLAB_SET_CONFIG, small.as_bytes(), 0)
            .status,
        STATUS_SUCCESS
    );
    let writers: Vec<_> = (0..WRITERS)
        .map(|writer| {
            let handle = sim.open(&iolab::device::INTERFACE_GUID).unwrap();
            sim.spawn("writer", move || {
                for index in 0..CHUNKS {
                    let result = handle.write(&stream_chunk(writer, index)).wait();
                    assert_eq!(
                        result.status, STATUS_SUCCESS,
                        "writer {writer} chunk {index}"
                    );
                }
                handle.close();
            })
        })
        .collect();
    let total = usize::try_from(WRITERS * CHUNKS).unwrap() * CHUNK;
    let received = Arc::new(std::sync::Mutex::new(vec![Vec::new(), Vec::new()]));
    let moved = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let readers: Vec<_> = (0..2)
        .map(|reader: usize| {
            let handle = sim.open(&iolab::device::INTERFACE_GUID).unwrap();
            let (received, moved) = (Arc::clone(&received), Arc::clone(&moved));
            sim.spawn("reader", move || {
                // Whole chunks per read, so that each reader's bytes are whole chunks. A read
                // still waiting when the stream is complete is cancelled by the close.
                let mut pending = None;
                while moved.load(std::sync::atomic::Ordering::SeqCst) < total {
                    let read = pending.take().unwrap_or_else(|| handle.read(CHUNK));
                    match read.wait_timeout(std::time::Duration::from_millis(50)) {
                        Some(result) => {
                            assert_eq!(result.status, STATUS_SUCCESS);
                            moved.fetch_add(
                                result.output.len(),
                                std::sync::atomic::Ordering::SeqCst,
                            );
                            received.lock().unwrap()[reader].extend(result.output);
                        }
                        None => pending = Some(read),
                    }
                }
                handle.close();
            })
        })
        .collect();
    for thread in writers.into_iter().chain(readers) {
        thread.join();
    }
    let received = received.lock().unwrap();
    check_stream(&received);
    drop(received);
    control.close();
    sim.remove_device(device).unwrap();
    let fingerprint = sim.schedule_fingerprint();
    assert_eq!(sim.unload(), [], "nothing left at unload");
    fingerprint
}

#[test]
fn writer_and_reader_threads_move_a_checksummed_stream_under_schedules() {
    for policy in [
        Policy::Random,
        Policy::Pct {
            depth: 3,
            steps: 2000,
        },
    ] {
        let runs = scaled(100);
        let seen = explore(0..runs, policy, threads_stream);
        println!("threads stream: {seen:?} ({policy:?})");
        assert!(seen.distinct as u64 > runs / 2, "{seen:?}");
    }
}
