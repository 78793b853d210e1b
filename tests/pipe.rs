//! The pipe at the I/O-manager level, in kmdf-sim: reads and writes (direct I/O), waiting,
//! timeouts in virtual time, cancellation, handle close, surprise removal, the IOCTLs' effect on
//! the pipe, the device's security, and the statistics counting it all.

#![cfg(any(not(windows), iolab_sim))]

use std::time::Duration;

use iolab_client::sim::HARDWARE_ID;
use iolab_protocol::{
    IOCTL_IOLAB_GET_CONFIG, IOCTL_IOLAB_GET_STATS, IOCTL_IOLAB_PURGE, IOCTL_IOLAB_RESET_STATS,
    IOCTL_IOLAB_SET_CONFIG, PIPE_CONFIG_SIZE, PipeConfig, STATS_REPLY_SIZE, StatsReply,
};
use kmdf_sim::wdk_sys::{
    FILE_DEVICE_SECURE_OPEN, STATUS_ACCESS_DENIED, STATUS_CANCELLED, STATUS_DEVICE_BUSY,
    STATUS_DEVICE_REMOVED, STATUS_INVALID_BUFFER_SIZE, STATUS_IO_TIMEOUT, STATUS_SUCCESS,
};
use kmdf_sim::{Access, Caller, FileHandle, OnViolation, SimConfig, SimError, Simulation};
use zerocopy::IntoBytes;

const GUID: kmdf_sim::wdk_sys::GUID = iolab::device::INTERFACE_GUID;

fn start() -> (Simulation, kmdf_sim::DeviceRef, FileHandle) {
    let sim = Simulation::load(iolab::driver_entry).expect("DriverEntry succeeds");
    let device = sim.add_device(HARDWARE_ID).unwrap();
    let handle = sim.open(&GUID).unwrap();
    (sim, device, handle)
}

fn finish(sim: Simulation, device: kmdf_sim::DeviceRef, handles: Vec<FileHandle>) {
    for handle in handles {
        handle.close();
    }
    sim.remove_device(device).unwrap();
    assert_eq!(sim.unload(), [], "nothing left at unload");
}

fn set_config(handle: &FileHandle, config: PipeConfig) -> i32 {
    handle
        .ioctl(IOCTL_IOLAB_SET_CONFIG, config.as_bytes(), 0)
        .status
}

fn stats(handle: &FileHandle) -> StatsReply {
    let result = handle.ioctl(IOCTL_IOLAB_GET_STATS, &[], STATS_REPLY_SIZE);
    assert_eq!(result.status, STATUS_SUCCESS);
    StatsReply::parse(&result.output).expect("a well-formed reply")
}

#[test]
fn bytes_come_out_in_order_and_reads_take_what_is_there() {
    let (sim, device, handle) = start();
    assert_eq!(handle.write(b"hello, ").wait().information, 7);
    assert_eq!(handle.write(b"pipe").wait().information, 4);
    let first = handle.read(5).wait();
    assert_eq!(
        (first.status, first.output.as_slice()),
        (STATUS_SUCCESS, &b"hello"[..])
    );
    let rest = handle.read(100).wait();
    assert_eq!(rest.output, b", pipe");
    assert_eq!(rest.information, 6);
    let empty_read = handle.read(0).wait();
    assert_eq!(
        (empty_read.status, empty_read.information),
        (STATUS_SUCCESS, 0)
    );
    let empty_write = handle.write(&[]).wait();
    assert_eq!(
        (empty_write.status, empty_write.information),
        (STATUS_SUCCESS, 0)
    );
    let stats = stats(&handle);
    // KMDF completes zero-length reads and writes itself (the queue does not set
    // AllowZeroLengthRequests), so the driver counts two of each.
    assert_eq!((stats.reads, stats.writes), (2, 2));
    assert_eq!((stats.bytes_read, stats.bytes_written), (11, 11));
    assert_eq!(stats.fifo_capacity, 65536);
    finish(sim, device, vec![handle]);
}

#[test]
fn a_waiting_read_is_satisfied_by_a_later_write_and_writes_wait_for_room() {
    let (sim, device, handle) = start();
    let reader = handle.read(8);
    sim.advance(Duration::from_millis(5));
    assert!(!reader.is_complete(), "an empty pipe makes the read wait");
    assert_eq!(stats(&handle).waiting_reads, 1);
    assert_eq!(handle.write(b"abc").wait().status, STATUS_SUCCESS);
    assert_eq!(reader.wait().output, b"abc");
    assert_eq!(
        set_config(&handle, PipeConfig::new(4096, 0, 0)),
        STATUS_SUCCESS
    );
    assert_eq!(handle.write(&[1; 4000]).wait().status, STATUS_SUCCESS);
    let big = vec![2; 200];
    let writer = handle.write(&big);
    let small = handle.write(&[3; 10]);
    sim.advance(Duration::from_millis(1));
    assert!(
        !writer.is_complete() && !small.is_complete(),
        "no room: both wait, in order"
    );
    assert_eq!(
        handle.write(&[0; 4097]).wait().status,
        STATUS_INVALID_BUFFER_SIZE
    );
    assert_eq!(handle.read(300).wait().output, vec![1; 300]);
    assert_eq!(writer.wait().information, 200);
    assert_eq!(small.wait().information, 10);
    let all = handle.read(4096).wait().output;
    assert_eq!(all.len(), 3700 + 200 + 10);
    assert!(all[..3700].iter().all(|b| *b == 1) && all[3700..3900].iter().all(|b| *b == 2));
    assert!(all[3900..].iter().all(|b| *b == 3));
    assert_eq!(stats(&handle).peak_waiting_writes, 2);
    finish(sim, device, vec![handle]);
}

#[test]
fn timeouts_end_waiting_requests_in_virtual_time() {
    let (sim, device, handle) = start();
    assert_eq!(
        set_config(&handle, PipeConfig::new(4096, 20, 50)),
        STATUS_SUCCESS
    );
    let reader = handle.read(4);
    sim.advance(Duration::from_millis(19));
    assert!(!reader.is_complete());
    sim.advance(Duration::from_millis(1));
    assert_eq!(reader.wait().status, STATUS_IO_TIMEOUT);
    assert_eq!(handle.write(&[7; 4096]).wait().status, STATUS_SUCCESS);
    let writer = handle.write(b"x");
    sim.advance(Duration::from_millis(49));
    assert!(!writer.is_complete());
    sim.advance(Duration::from_millis(1));
    assert_eq!(writer.wait().status, STATUS_IO_TIMEOUT);
    let stats = stats(&handle);
    assert_eq!(stats.timeouts, 2);
    assert_eq!(stats.completions_of("io_timeout"), Some(2));
    finish(sim, device, vec![handle]);
}

#[test]
fn cancel_close_and_surprise_removal_end_exactly_the_right_waiters() {
    let (sim, device, handle) = start();
    let other = sim.open(&GUID).unwrap();
    let cancelled = handle.read(4);
    let closed = other.read(4);
    let kept = handle.read(4);
    sim.advance(Duration::from_millis(1));
    cancelled.cancel();
    assert_eq!(cancelled.wait().status, STATUS_CANCELLED);
    other.close();
    assert_eq!(closed.wait().status, STATUS_CANCELLED);
    assert!(
        !kept.is_complete(),
        "closing another handle leaves this one's read waiting"
    );
    assert_eq!(stats(&handle).cancellations, 2);
    sim.surprise_remove(device).unwrap();
    assert_eq!(kept.wait().status, STATUS_CANCELLED);
    assert_eq!(handle.read(4).wait().status, STATUS_DEVICE_REMOVED);
    handle.close();
    assert_eq!(sim.unload(), []);
}

#[test]
fn purge_and_capacity_changes() {
    let (sim, device, handle) = start();
    assert_eq!(handle.write(b"stale").wait().status, STATUS_SUCCESS);
    let bigger = PipeConfig::new(1 << 20, 0, 0);
    assert_eq!(set_config(&handle, bigger), STATUS_DEVICE_BUSY);
    assert_eq!(
        handle.ioctl(IOCTL_IOLAB_PURGE, &[], 0).status,
        STATUS_SUCCESS
    );
    assert_eq!(set_config(&handle, bigger), STATUS_SUCCESS);
    let config = handle.ioctl(IOCTL_IOLAB_GET_CONFIG, &[], PIPE_CONFIG_SIZE);
    assert_eq!(PipeConfig::parse(&config.output), Ok(bigger));
    let reader = handle.read(3);
    assert_eq!(
        handle.ioctl(IOCTL_IOLAB_PURGE, &[], 0).status,
        STATUS_SUCCESS
    );
    sim.advance(Duration::from_millis(1));
    assert!(!reader.is_complete(), "purge leaves readers waiting");
    assert_eq!(handle.write(b"new").wait().status, STATUS_SUCCESS);
    assert_eq!(reader.wait().output, b"new");
    assert_eq!(
        handle.ioctl(IOCTL_IOLAB_RESET_STATS, &[], 0).status,
        STATUS_SUCCESS
    );
    let stats = stats(&handle);
    // Only RESET_STATS itself, counted as it completes.
    assert_eq!((stats.reads, stats.writes, stats.ioctls), (0, 0, 1));
    assert_eq!(stats.fifo_capacity, 1 << 20);
    finish(sim, device, vec![handle]);
}

#[test]
fn only_administrators_open_it_and_access_bits_hold() {
    let (sim, device, handle) = start();
    assert_eq!(
        sim.device_security(device),
        Some((
            Some(iolab_protocol::DEVICE_SDDL.to_owned()),
            FILE_DEVICE_SECURE_OPEN
        ))
    );
    assert_eq!(
        sim.open_as(&GUID, Access::READ, Caller::User).err(),
        Some(SimError::CreateFailed(STATUS_ACCESS_DENIED))
    );
    let reader = sim.open_with_access(&GUID, Access::READ).unwrap();
    assert_eq!(
        set_config(&reader, PipeConfig::DEFAULT),
        STATUS_ACCESS_DENIED
    );
    assert_eq!(
        reader.ioctl(IOCTL_IOLAB_PURGE, &[], 0).status,
        STATUS_ACCESS_DENIED
    );
    assert_eq!(reader.write(b"x").wait().status, STATUS_ACCESS_DENIED);
    assert_eq!(
        reader.ioctl(IOCTL_IOLAB_GET_STATS, &[], 512).status,
        STATUS_SUCCESS
    );
    finish(sim, device, vec![handle, reader]);
}

/// Zero pool allocations per request: a long mixed workload — reads and writes that complete at
/// once and that wait, timeouts, cancellations, handle churn with waiters, every IOCTL but a
/// capacity change — passes no allocation of the driver's (ExAllocatePool2, memory, context,
/// lock, timer or work item creation), only the framework's own request and file objects, and
/// the pool in use is the same before and after.
#[test]
fn a_long_mixed_workload_allocates_nothing_per_request() {
    let (sim, device, handle) = start();
    assert_eq!(
        set_config(&handle, PipeConfig::new(8192, 3, 7)),
        STATUS_SUCCESS
    );
    let pool_before = sim.pool_in_use();
    let before = sim.fault_counts();
    let mut requests = 0_u64;
    // A tenth under .ci/memcheck.sh (valgrind), which looks for undefined behaviour.
    let rounds = if std::env::var_os("IOLAB_MEMCHECK").is_some() {
        200
    } else {
        2_000
    };
    for round in 0..rounds {
        let other = sim.open(&GUID).unwrap();
        let waiting = [other.read(100), handle.read(50)];
        let data = vec![u8::try_from(round % 251).unwrap_or(0); 2000];
        for _ in 0..3 {
            assert_eq!(handle.write(&data).wait().status, STATUS_SUCCESS);
        }
        let blocked = handle.write(&[7; 3000]);
        let cancelled = handle.write(b"later");
        cancelled.cancel();
        assert_eq!(cancelled.wait().status, STATUS_CANCELLED);
        for pending in waiting {
            assert_eq!(pending.wait().status, STATUS_SUCCESS);
        }
        sim.advance(Duration::from_millis(8));
        assert_eq!(blocked.wait().status, STATUS_IO_TIMEOUT);
        for code in [
            iolab_protocol::IOCTL_IOLAB_PING,
            IOCTL_IOLAB_PURGE,
            IOCTL_IOLAB_RESET_STATS,
        ] {
            assert_eq!(handle.ioctl(code, &[], 0).status, STATUS_SUCCESS);
        }
        assert_eq!(
            handle.ioctl(IOCTL_IOLAB_GET_STATS, &[], 512).status,
            STATUS_SUCCESS
        );
        assert_eq!(
            handle.ioctl(IOCTL_IOLAB_GET_CONFIG, &[], 32).status,
            STATUS_SUCCESS
        );
        assert_eq!(
            set_config(&handle, PipeConfig::new(8192, 3, 7)),
            STATUS_SUCCESS
        );
        let timed_out = other.read(10);
        sim.advance(Duration::from_millis(4));
        assert_eq!(timed_out.wait().status, STATUS_IO_TIMEOUT);
        let closed = other.read(10);
        other.close();
        assert_eq!(closed.wait().status, STATUS_CANCELLED);
        requests += 15;
    }
    let after = sim.fault_counts();
    let allocated: Vec<(&String, u64)> = after
        .by_call
        .iter()
        .map(|(call, n)| (call, n - before.by_call.get(call).copied().unwrap_or(0)))
        .filter(|(call, n)| {
            *n > 0 && call.as_str() != "WDFREQUEST" && call.as_str() != "WDFFILEOBJECT"
        })
        .collect();
    assert_eq!(allocated, [], "the driver allocated on the request path");
    let framework_requests = after.by_call.get("WDFREQUEST").copied().unwrap_or(0)
        - before.by_call.get("WDFREQUEST").copied().unwrap_or(0);
    assert!(
        framework_requests >= requests,
        "{framework_requests} requests seen"
    );
    assert_eq!(
        sim.pool_in_use(),
        pool_before,
        "pool in use before and after"
    );
    println!("{requests} requests, 0 driver allocations, pool {pool_before:?} before and after");
    finish(sim, device, vec![handle]);
}

/// More waiters than the driver completes per lock round (16): closing their handle cancels all
/// of them, and a timeout expires all of them, none left behind.
#[test]
fn many_waiters_end_together_on_close_and_on_timeout() {
    let (sim, device, handle) = start();
    let other = sim.open(&GUID).unwrap();
    let closing: Vec<_> = (0..40).map(|_| other.read(8)).collect();
    other.close();
    for pending in closing {
        assert_eq!(pending.wait().status, STATUS_CANCELLED);
    }
    assert_eq!(
        set_config(&handle, PipeConfig::new(4096, 10, 0)),
        STATUS_SUCCESS
    );
    let expiring: Vec<_> = (0..40).map(|_| handle.read(8)).collect();
    sim.advance(Duration::from_millis(10));
    for pending in expiring {
        assert_eq!(pending.wait().status, STATUS_IO_TIMEOUT);
    }
    let stats = stats(&handle);
    assert_eq!(
        (stats.cancellations, stats.timeouts, stats.waiting_reads),
        (40, 40, 0)
    );
    finish(sim, device, vec![handle]);
}

/// Reads and writes waiting in the driver's cancelable window when the device leaves D0 (idle
/// power-down, or the system going to sleep): the framework stops the power-managed queue and
/// hands each of them to EvtIoStop, which keeps them (`WdfRequestStopAcknowledge` without
/// requeue) so the power-down completes. In D3 new requests wait in the queue, the kept ones
/// can still be cancelled or closed; back in D0 the queued requests arrive and serve the kept
/// ones in arrival order — each request completed once, no byte lost.
#[test]
fn waiters_are_kept_through_a_power_down_and_served_after_it() {
    let config = SimConfig {
        on_violation: OnViolation::Record,
        ..SimConfig::default()
    };
    let sim = Simulation::load_with(iolab::driver_entry, config).unwrap();
    let device = sim.add_device(HARDWARE_ID).unwrap();
    let handle = sim.open(&GUID).unwrap();
    let other = sim.open(&GUID).unwrap();

    // Readers waiting on an empty pipe.
    let first = handle.read(4);
    let cancelled = other.read(4);
    let second = other.read(4);
    sim.advance(Duration::from_millis(1));
    assert_eq!(stats(&handle).waiting_reads, 3);
    sim.power_down(device).unwrap();
    assert_eq!(
        sim.take_violations(),
        [],
        "the power-down settles every waiter"
    );
    let write = handle.write(b"abcdefgh");
    sim.advance(Duration::from_millis(10));
    assert!(
        !write.is_complete() && !first.is_complete() && !second.is_complete(),
        "in D3 the write waits in the queue and the reads stay the driver's"
    );
    cancelled.cancel();
    assert_eq!(cancelled.wait().status, STATUS_CANCELLED);
    sim.power_up(device).unwrap();
    assert_eq!(write.wait().information, 8);
    assert_eq!(first.wait().output, b"abcd");
    assert_eq!(second.wait().output, b"efgh");

    // Writers waiting on a full pipe.
    assert_eq!(
        set_config(&handle, PipeConfig::new(4096, 0, 0)),
        STATUS_SUCCESS
    );
    assert_eq!(handle.write(&[9; 4096]).wait().status, STATUS_SUCCESS);
    let third = sim.open(&GUID).unwrap();
    let w1 = handle.write(&[1; 10]);
    let w2 = third.write(&[2; 10]);
    let w3 = other.write(&[3; 10]);
    sim.advance(Duration::from_millis(1));
    sim.power_down(device).unwrap();
    assert_eq!(sim.take_violations(), []);
    let read = handle.read(4096);
    third.close();
    assert_eq!(
        w2.wait().status,
        STATUS_CANCELLED,
        "a handle closed in D3 cancels its waiter"
    );
    sim.advance(Duration::from_millis(10));
    assert!(!read.is_complete() && !w1.is_complete() && !w3.is_complete());
    sim.power_up(device).unwrap();
    assert_eq!(read.wait().output, vec![9; 4096]);
    assert_eq!(w1.wait().information, 10);
    assert_eq!(w3.wait().information, 10);
    let rest = handle.read(4096).wait().output;
    assert_eq!(rest, [[1; 10], [3; 10]].concat());

    let stats = stats(&handle);
    assert_eq!(stats.cancellations, 2);
    assert_eq!((stats.waiting_reads, stats.waiting_writes), (0, 0));
    assert_eq!(stats.completions_of("cancelled"), Some(2));
    assert_eq!(sim.take_violations(), []);
    finish(sim, device, vec![handle, other]);
}
