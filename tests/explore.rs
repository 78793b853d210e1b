//! The iolab driver under many schedules: simulated threads send IOCTLs on two handles while
//! another closes one of them mid-traffic and then removes the device. Each run is a seeded
//! interleaving (`kmdf_sim::explore`); every one must end with the right answers, no verifier
//! violation and nothing left at unload. A failure names its seed (`KMDF_SIM_SEED=<n>` replays it).

#![cfg(any(not(windows), iolab_sim))]

use std::sync::Arc;

use iolab_client::scenarios;
use iolab_client::sim::{HARDWARE_ID, SimTransport};
use iolab_protocol::{INFO_REPLY_SIZE, IOCTL_IOLAB_ECHO, IOCTL_IOLAB_GET_INFO};
use kmdf_sim::wdk_sys::{STATUS_DEVICE_REMOVED, STATUS_INVALID_HANDLE, STATUS_SUCCESS};
use kmdf_sim::{OnViolation, Policy, SimConfig, Simulation, explore};

/// How many seeded schedules each scenario runs under.
const SCHEDULES: u64 = 1000;
/// How many seeded schedules the selftest scenarios run under in the short run.
const SCENARIO_SCHEDULES: u64 = 100;

fn traffic_close_and_removal(config: SimConfig) -> u64 {
    let config = SimConfig {
        driver_name: "iolab".to_owned(),
        on_violation: OnViolation::Record,
        ..config
    };
    let sim = Simulation::load_with(iolab::driver_entry, config).unwrap();
    let device = sim.add_device(HARDWARE_ID).unwrap();
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

/// The selftest scenarios, run in one simulation under the schedule `config` gives, while another
/// simulated thread opens and closes handles to the same device (each close takes the pipe's lock
/// in EvtFileCleanup) so the schedule has two threads to interleave; returns the run's
/// fingerprint. Panics naming the scenarios that failed.
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
    let light: Vec<&scenarios::Scenario> = scenarios::all()
        .iter()
        .filter(|s| !HEAVY.contains(&s.name))
        .collect();
    for (policy, runs) in [
        (Policy::Random, SCENARIO_SCHEDULES),
        (
            Policy::Pct {
                depth: 3,
                steps: 2000,
            },
            SCENARIO_SCHEDULES / 2,
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
        assert!(seen.distinct > 10, "{seen:?}");
    }
}

#[test]
#[ignore = "long: every scenario under 1,000 random and 1,000 PCT schedules (cargo test --test explore -- --ignored)"]
fn all_scenarios_under_1000_schedules() {
    let all: Vec<&scenarios::Scenario> = scenarios::all().iter().collect();
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
