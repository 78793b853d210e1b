//! kmdf-sim stays bounded and lean (issue 5, item 10): a simulation's host memory does not grow
//! with the requests it serves, and an ECHO request costs at most three host allocations. Both
//! are measured with a counting `#[global_allocator]` in this test binary: live bytes and
//! allocation calls, which are deterministic (one simulated thread, no timing).
//!
//! The long run is a million requests in one simulation; it takes about 7 s in the debug
//! profile on a 2-core machine, so it runs with every `cargo test`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use kmdf_sim::Simulation;
use kmdf_sim::wdk_sys::STATUS_SUCCESS;

mod common;
#[path = "common/echo.rs"]
mod echo;
use echo::{GUID_ECHO, INFO, IOCTL_ECHO, IOCTL_GET_INFO, IOCTL_PARK, IOCTL_PRINT, IOCTL_RELEASE};

/// The system allocator, counting live bytes and allocation calls.
struct Counting;

static LIVE_BYTES: AtomicUsize = AtomicUsize::new(0);
static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);

// SAFETY: every call is forwarded to `System` with the caller's arguments; the counters are
// plain atomics and allocate nothing.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        LIVE_BYTES.fetch_add(layout.size(), Ordering::Relaxed);
        // SAFETY: the caller's layout, as `GlobalAlloc::alloc` requires.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
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
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
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
    let _measuring = MEASURING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let sim = Simulation::load(echo::driver_entry).unwrap();
    let device = sim.add_device(r"Root\Echo").unwrap();
    let handle = sim.open(&GUID_ECHO).unwrap();
    let input: Vec<u8> = (0..64_u8).collect();

    // Warm up past every ring's capacity (1,024 tombstones and debug lines, 64 quarantined
    // buffers) and every collection's steady size; then measure.
    let mut served = 0;
    let mut index = 0;
    while served < 20_000 {
        served += round(&handle, index, &input);
        index += 1;
    }
    let after_warm_up = live_bytes();
    let served_at_warm_up = served;
    while served < 1_000_000 {
        served += round(&handle, index, &input);
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
    handle.close();
    sim.remove_device(device).unwrap();
    assert!(sim.unload().is_empty());
}
