//! kmdf-sim stays bounded and lean (issue 5, item 10): a simulation's host memory does not grow
//! with the requests it serves, and an ECHO request costs at most three host allocations. Both
//! are measured with a counting `#[global_allocator]` in this test binary: live bytes and
//! allocation calls, which are deterministic (one simulated thread, no timing).
//!
//! The long run is a million requests in one simulation; it takes about 7 s in the debug
//! profile on a 2-core machine, so it runs with every `cargo test`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use kmdf_sim::wdk_sys::STATUS_SUCCESS;
use kmdf_sim::{OnViolation, Rule, SimConfig, Simulation};

mod common;
#[path = "common/echo.rs"]
mod echo;
use echo::{
    GUID_ECHO, INFO, IOCTL_ECHO, IOCTL_GET_INFO, IOCTL_PARK, IOCTL_PRINT, IOCTL_RELEASE,
    IOCTL_SCRIBBLE,
};

/// The system allocator, counting live bytes and allocation calls.
struct Counting;

static LIVE_BYTES: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    /// Allocation calls made by this thread: the simulations here run on the test's own thread
    /// (no simulated thread is spawned), so the count is exact whatever the harness's other
    /// threads do meanwhile.
    static ALLOCATIONS: Cell<u64> = const { Cell::new(0) };
}

fn count_allocation() {
    ALLOCATIONS.with(|count| count.set(count.get() + 1));
}

// SAFETY: every call is forwarded to `System` with the caller's arguments; the counters are an
// atomic and a const-initialised thread-local cell, and allocate nothing.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count_allocation();
        LIVE_BYTES.fetch_add(layout.size(), Ordering::Relaxed);
        // SAFETY: the caller's layout, as `GlobalAlloc::alloc` requires.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count_allocation();
        LIVE_BYTES.fetch_add(layout.size(), Ordering::Relaxed);
        // SAFETY: as above.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE_BYTES.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: `ptr` came from this allocator (so from `System`) with `layout`.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count_allocation();
        LIVE_BYTES.fetch_add(new_size, Ordering::Relaxed);
        LIVE_BYTES.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: as in `dealloc`, and `new_size` is the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The counters are process-wide: the tests of this binary measure one at a time.
static MEASURING: Mutex<()> = Mutex::new(());

fn live_bytes() -> usize {
    LIVE_BYTES.load(Ordering::Relaxed)
}

/// Loads the echo driver, adds its device and opens it, runs `body` with the simulation and the
/// handle (measuring alone: the counters are process-wide), then closes, removes and unloads,
/// leaving no violation.
fn with_echo_device(
    on_violation: OnViolation,
    body: impl FnOnce(&Simulation, &kmdf_sim::FileHandle),
) {
    let _measuring = MEASURING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let config = SimConfig {
        on_violation,
        ..SimConfig::default()
    };
    let sim = Simulation::load_with(echo::driver_entry, config).unwrap();
    let device = sim.add_device(r"Root\Echo").unwrap();
    let handle = sim.open(&GUID_ECHO).unwrap();
    body(&sim, &handle);
    handle.close();
    sim.remove_device(device).unwrap();
    assert!(sim.unload().is_empty());
}

/// One round of traffic: every kind of request the echo driver serves, including I/O whose
/// `PendingIo` the caller drops (once completed, and once still pending), and a debug line.
/// Returns how many requests it sent.
fn round(handle: &kmdf_sim::FileHandle, index: u64, input: &[u8]) -> u64 {
    let echoed = handle.ioctl(IOCTL_ECHO, input, input.len());
    assert_eq!(echoed.status, STATUS_SUCCESS);
    assert_eq!(echoed.output, input);
    let info = handle.ioctl(IOCTL_GET_INFO, &[], INFO.len());
    assert_eq!(info.output, INFO);
    // Dropped after it completed: nobody will ask for its result.
    drop(handle.device_io_control(IOCTL_ECHO, input, input.len()));
    // Dropped while still pending: completed later by RELEASE, its result discarded then.
    drop(handle.device_io_control(IOCTL_PARK, &[], 0));
    assert_eq!(handle.ioctl(IOCTL_RELEASE, &[], 0).status, STATUS_SUCCESS);
    if index.is_multiple_of(2) {
        assert_eq!(handle.ioctl(IOCTL_PRINT, &[], 0).status, STATUS_SUCCESS);
        6
    } else {
        5
    }
}

#[test]
fn a_million_requests_keep_host_memory_flat() {
    with_echo_device(OnViolation::Panic, |sim, handle| {
        let input: Vec<u8> = (0..64_u8).collect();

        // Warm up past every ring's capacity (1,024 tombstones and debug lines, 64 quarantined
        // buffers) and every collection's steady size; then measure.
        let mut served = 0;
        let mut index = 0;
        while served < 20_000 {
            served += round(handle, index, &input);
            index += 1;
        }
        let after_warm_up = live_bytes();
        let served_at_warm_up = served;
        while served < 1_000_000 {
            served += round(handle, index, &input);
            index += 1;
        }
        let after_million = live_bytes();
        println!(
            "live host heap: {after_warm_up} bytes after {served_at_warm_up} requests, \
             {after_million} bytes after {served}; {} debug lines dropped",
            sim.debug_lines_dropped()
        );
        // The debug log kept its newest lines and counted the rest.
        let log = sim.debug_log();
        assert_eq!(log.len(), 1024);
        assert!(
            log.iter()
                .all(|line| line.starts_with("echo: PRINT request"))
        );
        assert_eq!(sim.debug_lines_dropped() + 1024, index.div_ceil(2));
        // Flat: the same live bytes within 4 KiB (the growth of one unbounded record per request
        // would be tens of megabytes: 980,000 requests times at least a few dozen bytes).
        assert!(
            after_million <= after_warm_up + 4096,
            "host memory grew by {} bytes over {} requests",
            after_million.saturating_sub(after_warm_up),
            served - served_at_warm_up
        );
    });
}
fn allocations() -> u64 {
    ALLOCATIONS.with(Cell::get)
}

/// Sends `count` ECHO requests of `input` and returns the host allocations they made.
fn echo_allocations(handle: &kmdf_sim::FileHandle, input: &[u8], count: u64) -> u64 {
    let before = allocations();
    for _ in 0..count {
        let result = handle.ioctl(IOCTL_ECHO, input, input.len());
        assert_eq!(result.status, STATUS_SUCCESS);
        assert_eq!(result.output, input);
    }
    allocations() - before
}

#[test]
fn an_echo_request_costs_at_most_three_host_allocations() {
    with_echo_device(OnViolation::Panic, |_, handle| {
        for size in [64, 4096, 65_536] {
            let input: Vec<u8> = (0..size).map(|i: u32| (i % 251).to_le_bytes()[0]).collect();
            // Steady state: past the quarantine ring's 64 buffers.
            echo_allocations(handle, &input, 200);
            let count = 1_000;
            let made = echo_allocations(handle, &input, count);
            println!("ECHO {size} B: {made} host allocations for {count} requests");
            assert!(
                made <= 3 * count,
                "ECHO {size} B made {made} host allocations for {count} requests"
            );
        }
    });
}

#[test]
fn well_behaved_calls_format_no_reports() {
    with_echo_device(OnViolation::Panic, |_, handle| {
        let pair = || {
            drop(handle.device_io_control(IOCTL_PARK, &[], 0));
            assert_eq!(handle.ioctl(IOCTL_RELEASE, &[], 0).status, STATUS_SUCCESS);
        };
        (0..200).for_each(|_| pair());
        let before = allocations();
        let count = 1_000;
        (0..count).for_each(|_| pair());
        let made = allocations() - before;
        // Two requests without data: one request record each. WdfRequestForwardToIoQueue,
        // WdfIoQueueRetrieveNextRequest and both completions describe no object unless a rule fires.
        assert!(
            made <= 2 * count,
            "PARK (forwarded to a manual queue) + RELEASE made {made} host allocations for {count} pairs"
        );
    });
}

#[test]
fn a_write_after_completion_is_caught_when_its_buffer_is_reused() {
    with_echo_device(OnViolation::Record, |sim, handle| {
        let size = 65_536;
        let echo = |fill: u8| {
            let input = vec![fill; size];
            let result = handle.ioctl(IOCTL_ECHO, &input, size);
            assert_eq!(result.status, STATUS_SUCCESS);
            assert_eq!(
                result.output, input,
                "a reused buffer must carry the new request's data"
            );
        };
        // Fill the quarantine ring (64 buffers) with buffers of this size.
        (0..64).for_each(|_| echo(0x22));
        // Offsets in the first, a middle and the last 4 KiB block of the sweep.
        for offset in [5_u32, 4096 + 7, 65_535] {
            let mut input = vec![0; size];
            input[..4].copy_from_slice(&offset.to_le_bytes());
            let result = handle.ioctl(IOCTL_SCRIBBLE, &input, size);
            assert_eq!(result.status, STATUS_SUCCESS);
            // The scribbled buffer is now the newest of 64; 63 later requests do not reach it.
            (0..63).for_each(|_| echo(0x33));
            assert_eq!(sim.take_violations(), Vec::new());
            // The 64th reuses it, and the check made in the same sweep finds the write.
            echo(0x44);
            let violations = sim.take_violations();
            assert_eq!(violations.len(), 1, "{violations:#?}");
            let v = &violations[0];
            assert_eq!(v.rule, Rule::BufferUsedAfterCompletion);
            assert_eq!(v.call, "a later request");
            assert!(v.object.starts_with("WDFREQUEST 0x"), "{v}");
            assert!(
                v.detail.contains(&format!(
                    "65536-byte buffer was written at offset {offset} after the request was completed"
                )),
                "{v}"
            );
        }
    });
}
