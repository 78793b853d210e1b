//! Wait locks under contention, in virtual time: `WdfWaitLockAcquire` with a timeout waits for
//! the holder until the timeout (then STATUS_TIMEOUT, at exactly that virtual time), and gets
//! the lock as soon as the holder releases it within the timeout. (Before the scheduler, a
//! contended acquire with a timeout failed at once.) A wait lock is never taken at
//! DISPATCH_LEVEL: a driver that does, holding a spin lock, is reported (`IrqlTooHigh`).

use std::sync::Mutex;
use std::time::Duration;

use kmdf_sim::wdk_sys::{
    _WDF_IO_QUEUE_DISPATCH_TYPE, DRIVER_OBJECT, GUID, NTSTATUS, PCUNICODE_STRING, PWDFDEVICE_INIT,
    STATUS_SUCCESS, STATUS_TIMEOUT, ULONG, WDF_NO_OBJECT_ATTRIBUTES, WDFDRIVER, WDFQUEUE,
    WDFREQUEST, WDFSPINLOCK, WDFWAITLOCK, call_unsafe_wdf_function_binding,
};
use kmdf_sim::{OnViolation, Rule, SimConfig, Simulation};

mod common;
use common::{attributes, create_driver, queue_config};
#[path = "common/device.rs"]
mod device;

const GUID_LOCKS: GUID = GUID {
    Data1: 0xfeed_0007,
    Data2: 7,
    Data3: 7,
    Data4: [7, 7, 7, 7, 7, 7, 7, 7],
};
/// Acquires the lock (no timeout) and keeps it.
const IOCTL_HOLD: u32 = 0x8000_2000;
/// Releases the lock.
const IOCTL_RELEASE: u32 = 0x8000_2004;
/// Acquires the lock with the relative timeout (100 ns units) in its 8-byte input; releases it
/// if acquired; completes with the acquire's status.
const IOCTL_TRY: u32 = 0x8000_2008;

/// Deliberately broken: acquires the wait lock while holding a spin lock (at DISPATCH_LEVEL),
/// once without a timeout and once with a zero timeout (the try that is allowed below
/// DISPATCH_LEVEL), releasing it after each.
const IOCTL_AT_DISPATCH: u32 = 0x8000_200C;

/// The driver's wait lock (a handle value).
static LOCK: Mutex<usize> = Mutex::new(0);

unsafe extern "system" fn driver_entry(
    driver: &mut DRIVER_OBJECT,
    registry_path: PCUNICODE_STRING,
) -> NTSTATUS {
    // SAFETY: forwarded from DriverEntry.
    unsafe { create_driver(driver, registry_path, Some(device_add)) }
}

unsafe extern "C" fn device_add(_driver: WDFDRIVER, init: PWDFDEVICE_INIT) -> NTSTATUS {
    let mut config = queue_config(
        _WDF_IO_QUEUE_DISPATCH_TYPE::WdfIoQueueDispatchParallel,
        true,
    );
    config.EvtIoDeviceControl = Some(device_control);
    // SAFETY: EvtDriverDeviceAdd context.
    let status = unsafe { device::create_device(init, &GUID_LOCKS, config) };
    if status != STATUS_SUCCESS {
        return status;
    }
    let mut lock_attributes = attributes();
    let mut lock: WDFWAITLOCK = core::ptr::null_mut();
    // SAFETY: attributes and out-pointer are locals.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfWaitLockCreate,
            &raw mut lock_attributes,
            &raw mut lock
        )
    };
    *LOCK
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner) = lock.expose_provenance();
    status
}

fn the_lock() -> WDFWAITLOCK {
    core::ptr::with_exposed_provenance_mut(
        *LOCK
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner),
    )
}

unsafe extern "C" fn device_control(
    _queue: WDFQUEUE,
    request: WDFREQUEST,
    _output: usize,
    _input: usize,
    code: ULONG,
) {
    let lock = the_lock();
    let status = match code {
        IOCTL_HOLD => {
            // SAFETY: a live wait lock; no timeout (PASSIVE_LEVEL here).
            unsafe {
                call_unsafe_wdf_function_binding!(WdfWaitLockAcquire, lock, core::ptr::null_mut())
            }
        }
        IOCTL_RELEASE => {
            // SAFETY: this thread holds the lock (the test's contract).
            unsafe { call_unsafe_wdf_function_binding!(WdfWaitLockRelease, lock) };
            STATUS_SUCCESS
        }
        IOCTL_TRY => {
            let (mut input, mut length) = (core::ptr::null_mut(), 0_usize);
            // SAFETY: the driver owns the request; out-pointers are locals.
            let found = unsafe {
                call_unsafe_wdf_function_binding!(
                    WdfRequestRetrieveInputBuffer,
                    request,
                    8,
                    &raw mut input,
                    &raw mut length
                )
            };
            if found != STATUS_SUCCESS {
                kmdf_sim::fail_test("IOCTL_TRY needs an 8-byte timeout");
            }
            // SAFETY: the input buffer holds at least 8 bytes.
            let mut timeout = unsafe { input.cast::<i64>().read_unaligned() };
            // SAFETY: a live wait lock; the timeout outlives the call.
            let status = unsafe {
                call_unsafe_wdf_function_binding!(WdfWaitLockAcquire, lock, &raw mut timeout)
            };
            if status == STATUS_SUCCESS {
                // SAFETY: acquired just now by this thread.
                unsafe { call_unsafe_wdf_function_binding!(WdfWaitLockRelease, lock) };
            }
            status
        }
        IOCTL_AT_DISPATCH => wait_lock_at_dispatch(lock),
        _ => STATUS_SUCCESS,
    };
    // SAFETY: the driver owns the request.
    unsafe { call_unsafe_wdf_function_binding!(WdfRequestComplete, request, status) };
}

/// IOCTL_AT_DISPATCH: the wait lock taken under a spin lock, without a timeout and with a zero
/// one.
fn wait_lock_at_dispatch(lock: WDFWAITLOCK) -> NTSTATUS {
    let mut spin: WDFSPINLOCK = core::ptr::null_mut();
    // SAFETY: out-pointer is a local; the spin lock's parent is the driver.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfSpinLockCreate,
            WDF_NO_OBJECT_ATTRIBUTES,
            &raw mut spin
        )
    };
    if status != STATUS_SUCCESS {
        return status;
    }
    let mut zero: i64 = 0;
    for timeout in [core::ptr::null_mut(), &raw mut zero] {
        // SAFETY: the live spin lock, released below on this thread.
        unsafe { call_unsafe_wdf_function_binding!(WdfSpinLockAcquire, spin) };
        // SAFETY: deliberately broken: a live wait lock taken at DISPATCH_LEVEL; `zero`
        // outlives the call.
        let acquired =
            unsafe { call_unsafe_wdf_function_binding!(WdfWaitLockAcquire, lock, timeout) };
        if acquired == STATUS_SUCCESS {
            // SAFETY: acquired just now by this thread.
            unsafe { call_unsafe_wdf_function_binding!(WdfWaitLockRelease, lock) };
        }
        // SAFETY: held by this thread.
        unsafe { call_unsafe_wdf_function_binding!(WdfSpinLockRelease, spin) };
    }
    // SAFETY: the driver created the spin lock; nothing holds it.
    unsafe { call_unsafe_wdf_function_binding!(WdfObjectDelete, spin.cast()) };
    STATUS_SUCCESS
}

#[test]
fn a_contended_wait_lock_times_out_at_its_timeout_and_is_won_when_released_in_time() {
    let sim = Simulation::load(driver_entry).unwrap();
    let device = sim.add_device(r"Root\Locks").unwrap();
    let holder = sim.open(&GUID_LOCKS).unwrap();
    let other = sim.open(&GUID_LOCKS).unwrap();
    let clock = sim.handle();
    let holding = sim.spawn("holder", move || {
        assert_eq!(holder.ioctl(IOCTL_HOLD, b"", 0).status, STATUS_SUCCESS);
        clock.advance(Duration::from_millis(50));
        assert_eq!(holder.ioctl(IOCTL_RELEASE, b"", 0).status, STATUS_SUCCESS);
        holder.close();
    });
    // Only the holder can run while the test's thread waits: it takes the lock at 0.
    sim.advance(Duration::from_millis(1));
    let start = sim.now();
    let ten_ms = (-100_000_i64).to_le_bytes();
    let timed_out = other.ioctl(IOCTL_TRY, &ten_ms, 0);
    assert_eq!(timed_out.status, STATUS_TIMEOUT, "{timed_out:?}");
    assert_eq!(
        sim.now().checked_sub(start),
        Some(Duration::from_millis(10)),
        "it waited exactly its timeout"
    );
    let hundred_ms = (-1_000_000_i64).to_le_bytes();
    let won = other.ioctl(IOCTL_TRY, &hundred_ms, 0);
    assert_eq!(won.status, STATUS_SUCCESS, "{won:?}");
    assert_eq!(
        sim.now(),
        Duration::from_millis(50),
        "acquired the moment the holder released it"
    );
    holding.join();
    other.close();
    sim.remove_device(device).unwrap();
    assert_eq!(sim.unload(), []);
}

#[test]
fn a_wait_lock_taken_at_dispatch_level_is_reported() {
    let sim = Simulation::load_with(
        driver_entry,
        SimConfig {
            on_violation: OnViolation::Record,
            ..SimConfig::default()
        },
    )
    .unwrap();
    let device = sim.add_device(r"Root\Locks").unwrap();
    let handle = sim.open(&GUID_LOCKS).unwrap();
    assert_eq!(
        handle.ioctl(IOCTL_AT_DISPATCH, b"", 0).status,
        STATUS_SUCCESS
    );
    handle.close();
    sim.remove_device(device).unwrap();
    let violations = sim.unload();
    let reports: Vec<(Rule, &str, &str, &str)> = violations
        .iter()
        .map(|v| {
            (
                v.rule,
                v.call.as_str(),
                v.object.as_str(),
                v.detail.as_str(),
            )
        })
        .collect();
    assert_eq!(
        reports,
        [
            (
                Rule::IrqlTooHigh,
                "WdfWaitLockAcquire",
                "the calling thread at DISPATCH_LEVEL",
                "WdfWaitLockAcquire must be called at or below PASSIVE_LEVEL"
            ),
            (
                Rule::IrqlTooHigh,
                "WdfWaitLockAcquire",
                "the calling thread at DISPATCH_LEVEL",
                "WdfWaitLockAcquire must be called at or below APC_LEVEL"
            ),
        ],
        "{violations:#?}"
    );
}
