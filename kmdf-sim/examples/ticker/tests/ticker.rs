//! The ticker driver in kmdf-sim, through its device interface as a user-mode client would reach
//! it. Expected counts come from the model: one tick per `TICK_PERIOD_MS` of virtual time while
//! the device is in D0, the first one period after the timer starts.

use std::time::Duration;

use kmdf_sim::wdk_sys::{
    NT_SUCCESS, STATUS_BUFFER_TOO_SMALL, STATUS_INVALID_DEVICE_REQUEST, STATUS_SUCCESS,
};
use kmdf_sim::{FileHandle, Simulation};
use ticker::{GUID_DEVINTERFACE_TICKER, IOCTL_TICKER_ADD, IOCTL_TICKER_GET, TICK_PERIOD_MS};

const PERIOD: Duration = Duration::from_millis(TICK_PERIOD_MS as u64);

fn ticks(handle: &FileHandle) -> u64 {
    let result = handle.ioctl(IOCTL_TICKER_GET, &[], 8);
    assert_eq!(result.status, STATUS_SUCCESS);
    assert_eq!(result.information, 8);
    u64::from_le_bytes(result.output[..8].try_into().unwrap())
}

#[test]
fn the_count_follows_virtual_time_and_adds() {
    let sim = Simulation::load(ticker::driver_entry).unwrap();
    let device = sim.add_device(r"Root\Ticker").unwrap();
    let handle = sim.open(&GUID_DEVINTERFACE_TICKER).unwrap();
    assert_eq!(
        ticks(&handle),
        0,
        "the first tick is one period after the start"
    );

    sim.advance(PERIOD * 10);
    assert_eq!(ticks(&handle), 10);

    let added = handle.ioctl(IOCTL_TICKER_ADD, &1000_u64.to_le_bytes(), 0);
    assert_eq!(added.status, STATUS_SUCCESS);
    assert_eq!(added.information, 0);
    sim.advance(PERIOD * 3);
    assert_eq!(ticks(&handle), 1013);

    // WDFMEMORY copies check their lengths: 4 bytes in or out are too few for a u64.
    let short_in = handle.ioctl(IOCTL_TICKER_ADD, &[1, 2, 3, 4], 0);
    assert_eq!(short_in.status, STATUS_BUFFER_TOO_SMALL);
    let short_out = handle.ioctl(IOCTL_TICKER_GET, &[], 4);
    assert_eq!(short_out.status, STATUS_BUFFER_TOO_SMALL);
    assert_eq!(short_out.information, 0);
    // No output buffer at all: the framework has no output memory to give.
    let no_out = handle.ioctl(IOCTL_TICKER_GET, &[], 0);
    assert!(!NT_SUCCESS(no_out.status), "{:#x}", no_out.status);
    let unknown = handle.ioctl(0x0022_2FFC, &[], 0);
    assert_eq!(unknown.status, STATUS_INVALID_DEVICE_REQUEST);
    assert_eq!(ticks(&handle), 1013, "failed requests changed nothing");

    handle.close();
    sim.remove_device(device).unwrap();
    assert!(
        sim.debug_log()
            .iter()
            .any(|line| line.contains("ticker: DriverEntry")),
        "{:?}",
        sim.debug_log()
    );
    assert_eq!(sim.unload(), []);
}

#[test]
fn out_of_d0_the_queue_and_the_timer_stop_and_come_back() {
    let sim = Simulation::load(ticker::driver_entry).unwrap();
    let device = sim.add_device(r"Root\Ticker").unwrap();
    let handle = sim.open(&GUID_DEVINTERFACE_TICKER).unwrap();
    sim.advance(PERIOD * 5);
    assert_eq!(ticks(&handle), 5);

    sim.power_down(device).unwrap();
    // The queue is stopped: a request waits in it, and no tick is counted however long D3 lasts.
    let waiting = handle.device_io_control(IOCTL_TICKER_GET, &[], 8);
    sim.advance(PERIOD * 50);
    assert!(
        waiting.poll().is_none(),
        "presented while the queue is stopped"
    );

    sim.power_up(device).unwrap();
    let result = waiting.wait();
    assert_eq!(result.status, STATUS_SUCCESS);
    assert_eq!(
        u64::from_le_bytes(result.output[..8].try_into().unwrap()),
        5
    );
    sim.advance(PERIOD * 4);
    assert_eq!(ticks(&handle), 9, "the timer restarted with the queue");

    let log = sim.debug_log();
    let suspended = log.iter().position(|l| l.contains("ticker: suspended"));
    let restarted = log.iter().position(|l| l.contains("ticker: restarted"));
    assert!(suspended.is_some() && suspended < restarted, "{log:?}");

    handle.close();
    sim.remove_device(device).unwrap();
    assert_eq!(sim.unload(), []);
}
