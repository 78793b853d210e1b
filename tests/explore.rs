//! The iolab driver under many schedules: simulated threads send IOCTLs on two handles while
//! another closes one of them mid-traffic and then removes the device. Each run is a seeded
//! interleaving (`kmdf_sim::explore`); every one must end with the right answers, no verifier
//! violation and nothing left at unload. A failure names its seed (`KMDF_SIM_SEED=<n>` replays it).

#![cfg(any(not(windows), iolab_sim))]

use std::sync::Arc;

use iolab_client::sim::HARDWARE_ID;
use iolab_protocol::{INFO_REPLY_SIZE, IOCTL_IOLAB_ECHO, IOCTL_IOLAB_GET_INFO};
use kmdf_sim::wdk_sys::{STATUS_DEVICE_REMOVED, STATUS_INVALID_HANDLE, STATUS_SUCCESS};
use kmdf_sim::{OnViolation, Policy, SimConfig, Simulation, explore};

/// How many seeded schedules each scenario runs under.
const SCHEDULES: u64 = 1000;

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
