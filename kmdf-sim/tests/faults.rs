//! Fault injection (Driver Verifier's low-resources simulation), shown with a small test driver:
//! every allocating DDI kmdf-sim implements fails at its documented failure value when its site
//! is planned to fail (and only then), the framework's own allocations fail the caller's
//! operation, and a seeded random plan fails its fraction of fault points — the same ones for
//! the same seed.
//!
//! The driver records what each DDI returned in a static the test reads after the IOCTL (one
//! simulation runs per process at a time, so the tests of this binary never share it).

use std::sync::Mutex;

use kmdf_sim::wdk_sys::{
    _POOL_TYPE, _WDF_IO_QUEUE_DISPATCH_TYPE, DRIVER_OBJECT, GUID, NTSTATUS, PCUNICODE_STRING,
    POOL_FLAG_NON_PAGED, PVOID, PWDFDEVICE_INIT, STATUS_INSUFFICIENT_RESOURCES, STATUS_SUCCESS,
    ULONG, WDF_IO_QUEUE_CONFIG, WDF_OBJECT_ATTRIBUTES, WDF_OBJECT_CONTEXT_TYPE_INFO,
    WDF_TIMER_CONFIG, WDF_WORKITEM_CONFIG, WDFDEVICE, WDFDRIVER, WDFIOTARGET, WDFMEMORY, WDFOBJECT,
    WDFQUEUE, WDFREQUEST, WDFSPINLOCK, WDFTIMER, WDFWAITLOCK, WDFWORKITEM,
    call_unsafe_wdf_function_binding, ntddk,
};
use kmdf_sim::{FaultPlan, FaultSite, SimConfig, SimError, Simulation};

mod common;
use common::{attributes, create_driver, queue_config, size_u32};
#[path = "common/device.rs"]
mod device;
use device::create_device;
#[path = "common/context.rs"]
mod context;
use context::TypeInfo;

const TEST_GUID: GUID = GUID {
    Data1: 0xfa17_0001,
    Data2: 0x10e5,
    Data3: 0x4f00,
    Data4: [0x6c, 0x6f, 0x77, 0x2d, 0x72, 0x65, 0x73, 0x21],
};
const HARDWARE_ID: &str = r"Root\Faults";
/// Calls each allocating DDI once, in [`DDIS`] order, and records what it returned.
const IOCTL_EACH_DDI: u32 = 0x8000_2000;
/// Makes [`POOL_BLOCKS`] pool allocations and records which failed.
const IOCTL_POOL_BLOCKS: u32 = 0x8000_2004;
const POOL_BLOCKS: usize = 64;

/// The allocating DDIs the driver calls in its IOCTL, in order.
const DDIS: [&str; 9] = [
    "ExAllocatePool2",
    "WdfMemoryCreate",
    "WdfObjectAllocateContext",
    "WdfSpinLockCreate",
    "WdfWaitLockCreate",
    "WdfTimerCreate",
    "WdfWorkItemCreate",
    "WdfRequestCreate",
    "WdfIoTargetCreate",
];

/// What one DDI returned: its status (STATUS_SUCCESS for `ExAllocatePool2`) and whether the
/// pointer or handle it wrote out is non-null.
type Returned = (NTSTATUS, bool);

/// What the driver's last IOCTL saw.
static SEEN: Mutex<Vec<Returned>> = Mutex::new(Vec::new());

static CONTEXT: TypeInfo = TypeInfo(WDF_OBJECT_CONTEXT_TYPE_INFO {
    Size: size_u32::<WDF_OBJECT_CONTEXT_TYPE_INFO>(),
    ContextName: c"FaultContext".as_ptr(),
    ContextSize: size_of::<u64>(),
    UniqueType: &raw const CONTEXT.0,
    EvtDriverGetUniqueContextType: None,
});

unsafe extern "system" fn driver_entry(
    driver: &mut DRIVER_OBJECT,
    registry_path: PCUNICODE_STRING,
) -> NTSTATUS {
    // SAFETY: forwarded from DriverEntry.
    unsafe { create_driver(driver, registry_path, Some(device_add)) }
}

/// Returns the first failure status unchanged: what the framework's DDIs said is what the test
/// sees as the add's status.
unsafe extern "C" fn device_add(_driver: WDFDRIVER, init: PWDFDEVICE_INIT) -> NTSTATUS {
    let config = WDF_IO_QUEUE_CONFIG {
        EvtIoDeviceControl: Some(device_control),
        ..queue_config(
            _WDF_IO_QUEUE_DISPATCH_TYPE::WdfIoQueueDispatchSequential,
            true,
        )
    };
    // SAFETY: forwarded from EvtDriverDeviceAdd.
    unsafe { create_device(init, &TEST_GUID, config) }
}

unsafe extern "C" fn timer_fired(_timer: WDFTIMER) {}

unsafe extern "C" fn work_item_runs(_work_item: WDFWORKITEM) {}

fn allocate_pool() -> PVOID {
    // SAFETY: plain allocation at PASSIVE_LEVEL.
    unsafe { ntddk::ExAllocatePool2(POOL_FLAG_NON_PAGED, 16, u32::from_le_bytes(*b"Flt ")) }
}

fn free_pool(block: PVOID) {
    if !block.is_null() {
        // SAFETY: a live block from `allocate_pool`, freed once.
        unsafe { ntddk::ExFreePool(block) };
    }
}

fn delete(object: WDFOBJECT) {
    if !object.is_null() {
        // SAFETY: a live object the driver created, deleted once.
        unsafe { call_unsafe_wdf_function_binding!(WdfObjectDelete, object) };
    }
}

fn child_of(device: WDFDEVICE) -> WDF_OBJECT_ATTRIBUTES {
    WDF_OBJECT_ATTRIBUTES {
        ParentObject: device.cast(),
        ..attributes()
    }
}

/// Calls every DDI of [`DDIS`] once, in order, and records what each returned; deletes what it
/// created.
fn each_ddi(queue: WDFQUEUE, request: WDFREQUEST) -> Vec<Returned> {
    let mut seen = Vec::new();
    let pool = allocate_pool();
    seen.push((STATUS_SUCCESS, !pool.is_null()));
    free_pool(pool);

    let (mut memory, mut buffer): (WDFMEMORY, PVOID) =
        (core::ptr::null_mut(), core::ptr::null_mut());
    // SAFETY: no attributes; the out pointers are live locals.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfMemoryCreate,
            core::ptr::null_mut(),
            _POOL_TYPE::NonPagedPoolNx,
            u32::from_le_bytes(*b"Flt "),
            32,
            &raw mut memory,
            &raw mut buffer
        )
    };
    seen.push((status, !memory.is_null() && !buffer.is_null()));
    delete(memory.cast());

    let mut context_attributes = WDF_OBJECT_ATTRIBUTES {
        ContextTypeInfo: &raw const CONTEXT.0,
        ..attributes()
    };
    let mut context: PVOID = core::ptr::null_mut();
    // SAFETY: the driver owns the request; the context goes with it.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfObjectAllocateContext,
            request.cast(),
            &raw mut context_attributes,
            &raw mut context
        )
    };
    seen.push((status, !context.is_null()));

    let mut spin_lock: WDFSPINLOCK = core::ptr::null_mut();
    // SAFETY: no attributes (the driver is the parent); the out pointer is a live local.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfSpinLockCreate,
            core::ptr::null_mut(),
            &raw mut spin_lock
        )
    };
    seen.push((status, !spin_lock.is_null()));
    delete(spin_lock.cast());

    let mut wait_lock: WDFWAITLOCK = core::ptr::null_mut();
    // SAFETY: as above.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfWaitLockCreate,
            core::ptr::null_mut(),
            &raw mut wait_lock
        )
    };
    seen.push((status, !wait_lock.is_null()));
    delete(wait_lock.cast());
    seen.extend(timer_work_item_request_and_target(queue));
    seen
}

/// The rest of [`DDIS`]: what hangs below the device, and a driver-created request.
fn timer_work_item_request_and_target(queue: WDFQUEUE) -> Vec<Returned> {
    let mut seen = Vec::new();
    // SAFETY: the queue the request came from is live.
    let device = unsafe { call_unsafe_wdf_function_binding!(WdfIoQueueGetDevice, queue) };
    let mut timer_config = WDF_TIMER_CONFIG {
        Size: size_u32::<WDF_TIMER_CONFIG>(),
        EvtTimerFunc: Some(timer_fired),
        ..WDF_TIMER_CONFIG::default()
    };
    let mut timer_attributes = child_of(device);
    let mut timer: WDFTIMER = core::ptr::null_mut();
    // SAFETY: the timer's parent is the live device; the pointers are live locals.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfTimerCreate,
            &raw mut timer_config,
            &raw mut timer_attributes,
            &raw mut timer
        )
    };
    seen.push((status, !timer.is_null()));
    delete(timer.cast());

    let mut work_config = WDF_WORKITEM_CONFIG {
        Size: size_u32::<WDF_WORKITEM_CONFIG>(),
        EvtWorkItemFunc: Some(work_item_runs),
        AutomaticSerialization: 0,
    };
    let mut work_attributes = child_of(device);
    let mut work_item: WDFWORKITEM = core::ptr::null_mut();
    // SAFETY: the work item's parent is the live device; the pointers are live locals.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfWorkItemCreate,
            &raw mut work_config,
            &raw mut work_attributes,
            &raw mut work_item
        )
    };
    seen.push((status, !work_item.is_null()));
    delete(work_item.cast());

    let mut created: WDFREQUEST = core::ptr::null_mut();
    // SAFETY: no attributes and no target (both optional); the out pointer is a live local.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfRequestCreate,
            core::ptr::null_mut(),
            core::ptr::null_mut(),
            &raw mut created
        )
    };
    seen.push((status, !created.is_null()));
    delete(created.cast());

    let mut target: WDFIOTARGET = core::ptr::null_mut();
    // SAFETY: the live device; no attributes; PASSIVE_LEVEL (a sequential queue's callback from
    // the caller's thread).
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfIoTargetCreate,
            device,
            core::ptr::null_mut(),
            &raw mut target
        )
    };
    seen.push((status, !target.is_null()));
    delete(target.cast());
    seen
}

unsafe extern "C" fn device_control(
    queue: WDFQUEUE,
    request: WDFREQUEST,
    _output_length: usize,
    _input_length: usize,
    code: ULONG,
) {
    let seen = match code {
        IOCTL_EACH_DDI => each_ddi(queue, request),
        IOCTL_POOL_BLOCKS => {
            let blocks: Vec<PVOID> = (0..POOL_BLOCKS).map(|_| allocate_pool()).collect();
            let seen = blocks
                .iter()
                .map(|b| (STATUS_SUCCESS, !b.is_null()))
                .collect();
            blocks.into_iter().for_each(free_pool);
            seen
        }
        _ => Vec::new(),
    };
    *SEEN
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner) = seen;
    // SAFETY: the driver owns the request and completes it once, here.
    unsafe { call_unsafe_wdf_function_binding!(WdfRequestComplete, request, STATUS_SUCCESS) };
}

fn config(faults: FaultPlan) -> SimConfig {
    SimConfig {
        driver_name: "faults".to_owned(),
        faults,
        ..SimConfig::default()
    }
}

/// Sends `code` and returns its status and what the driver saw (nothing, if it never ran).
fn send(handle: &kmdf_sim::FileHandle, code: u32) -> (NTSTATUS, Vec<Returned>) {
    SEEN.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clear();
    let status = handle.ioctl(code, &[], 0).status;
    let seen = std::mem::take(
        &mut *SEEN
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner),
    );
    (status, seen)
}

#[test]
fn each_allocating_ddi_fails_at_its_documented_failure_value_when_its_site_is_planned() {
    for (index, ddi) in DDIS.iter().enumerate() {
        let sim = Simulation::load(driver_entry).unwrap();
        sim.add_device(HARDWARE_ID).unwrap();
        let handle = sim.open(&TEST_GUID).unwrap();
        sim.set_fault_plan(FaultPlan::Site(FaultSite::new(ddi, 1)));
        let (status, seen) = send(&handle, IOCTL_EACH_DDI);
        assert_eq!(status, STATUS_SUCCESS, "{ddi}");
        let expected: Vec<Returned> = DDIS
            .iter()
            .enumerate()
            .map(
                |(i, other)| match (i == index, *other == "ExAllocatePool2") {
                    // ExAllocatePool2 fails with NULL.
                    (true, true) => (STATUS_SUCCESS, false),
                    // The others with STATUS_INSUFFICIENT_RESOURCES and a NULL handle or pointer.
                    (true, false) => (STATUS_INSUFFICIENT_RESOURCES, false),
                    (false, _) => (STATUS_SUCCESS, true),
                },
            )
            .collect();
        assert_eq!(seen, expected, "failing {ddi}");
        let counts = sim.fault_counts();
        assert_eq!(counts.injected, 1, "{ddi}");
        assert_eq!(counts.last_injected, Some(FaultSite::new(ddi, 1)));
        // Past the site, the same calls work again.
        let (status, seen) = send(&handle, IOCTL_EACH_DDI);
        assert_eq!(status, STATUS_SUCCESS);
        assert!(
            seen.iter().all(|r| *r == (STATUS_SUCCESS, true)),
            "{seen:?}"
        );
        handle.close();
        assert_eq!(sim.unload(), Vec::new());
    }
}

#[test]
fn the_frameworks_own_allocations_fail_the_callers_operation() {
    let fails = |call: &str| FaultPlan::Site(FaultSite::new(call, 1));
    assert_eq!(
        Simulation::load_with(driver_entry, config(fails("WdfDriverCreate"))).err(),
        Some(SimError::DriverEntryFailed(STATUS_INSUFFICIENT_RESOURCES))
    );
    for ddi in [
        "WdfDeviceCreate",
        "WdfDeviceCreateDeviceInterface",
        "WdfIoQueueCreate",
    ] {
        let sim = Simulation::load_with(driver_entry, config(fails(ddi))).unwrap();
        assert_eq!(
            sim.add_device(HARDWARE_ID),
            Err(SimError::DeviceAddFailed(STATUS_INSUFFICIENT_RESOURCES)),
            "{ddi}"
        );
        assert_eq!(sim.object_count(), 1, "only the WDFDRIVER is left");
        sim.add_device(HARDWARE_ID).unwrap();
        assert_eq!(sim.unload(), Vec::new());
    }
    let sim = Simulation::load_with(driver_entry, config(fails("WDFFILEOBJECT"))).unwrap();
    sim.add_device(HARDWARE_ID).unwrap();
    assert_eq!(
        sim.open(&TEST_GUID).err(),
        Some(SimError::CreateFailed(STATUS_INSUFFICIENT_RESOURCES))
    );
    let handle = sim.open(&TEST_GUID).unwrap();
    sim.set_fault_plan(fails("WDFREQUEST"));
    let (status, seen) = send(&handle, IOCTL_POOL_BLOCKS);
    assert_eq!(status, STATUS_INSUFFICIENT_RESOURCES);
    assert!(seen.is_empty(), "the driver never saw the request");
    assert_eq!(send(&handle, IOCTL_POOL_BLOCKS).0, STATUS_SUCCESS);
    assert_eq!(sim.fault_counts().injected, 1);
    handle.close();
    assert_eq!(sim.unload(), Vec::new());
}

/// 64 pool allocations in one IOCTL under `Random { seed, probability }`, sent again while
/// the request object itself fails: the failed sends, which allocations failed, and the number
/// of faults injected.
fn random_run(seed: u64, probability: f64) -> (u64, Vec<bool>, u64) {
    let sim = Simulation::load(driver_entry).unwrap();
    sim.add_device(HARDWARE_ID).unwrap();
    let handle = sim.open(&TEST_GUID).unwrap();
    sim.set_fault_plan(FaultPlan::Random { seed, probability });
    let mut failed_sends = 0;
    let answers = loop {
        let (status, returned) = send(&handle, IOCTL_POOL_BLOCKS);
        if status == STATUS_SUCCESS {
            break returned;
        }
        assert_eq!(status, STATUS_INSUFFICIENT_RESOURCES, "seed {seed}");
        assert!(
            returned.is_empty(),
            "seed {seed}: the driver never saw the request"
        );
        failed_sends += 1;
        if failed_sends == 64 {
            break Vec::new();
        }
    };
    let injected = sim.fault_counts().injected;
    sim.stop_failing_allocations();
    handle.close();
    assert_eq!(sim.unload(), Vec::new(), "seed {seed}");
    (
        failed_sends,
        answers.iter().map(|(_, ok)| !ok).collect(),
        injected,
    )
}

#[test]
fn a_random_plan_is_deterministic_by_seed_and_fails_its_fraction() {
    let mut outcomes = Vec::new();
    let (mut failed, mut points) = (0, 0);
    for seed in 0..16 {
        let outcome = random_run(seed, 0.5);
        assert_eq!(random_run(seed, 0.5), outcome, "seed {seed} replays");
        let (failed_sends, failures, injected) = &outcome;
        assert_eq!(failures.len(), POOL_BLOCKS, "seed {seed}");
        let seen_failing = failures.iter().filter(|f| **f).count() as u64;
        assert_eq!(
            *injected,
            seen_failing + failed_sends,
            "seed {seed}: every injected fault is one the driver or the caller saw"
        );
        failed += injected;
        points += failed_sends + 1 + POOL_BLOCKS as u64;
        outcomes.push(outcome);
    }
    let distinct: std::collections::BTreeSet<_> = outcomes.iter().collect();
    assert_eq!(
        distinct.len(),
        outcomes.len(),
        "each seed fails other points"
    );
    println!("random plan, p = 0.5: {failed} of {points} fault points failed over 16 seeds");
    assert!(
        (points * 2 / 5..=points * 3 / 5).contains(&failed),
        "{failed} of {points}"
    );
    assert_eq!(random_run(99, 0.0), (0, vec![false; POOL_BLOCKS], 0));
    let (failed_sends, failures, injected) = random_run(99, 1.0);
    assert_eq!((failed_sends, failures.len(), injected), (64, 0, 64));
}
