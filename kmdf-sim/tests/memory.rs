//! Memory over the driver's own buffers (`WdfMemoryCreatePreallocated`, `WdfMemoryAssignBuffer`),
//! lookaside lists, string objects, the driver object's queries (version string and
//! availability, the WDM driver object both ways, a device's driver) and DPCs on the simulated DPC
//! thread, each with the failure its DDI page documents.

use core::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use kmdf_sim::wdk_sys::{
    DRIVER_OBJECT, NTSTATUS, PCUNICODE_STRING, PVOID, PWDFDEVICE_INIT,
    STATUS_INVALID_DEVICE_REQUEST, STATUS_INVALID_PARAMETER, STATUS_SUCCESS, UNICODE_STRING,
    WDF_DPC_CONFIG, WDF_DRIVER_CONFIG, WDF_DRIVER_VERSION_AVAILABLE_PARAMS,
    WDF_NO_OBJECT_ATTRIBUTES, WDFDEVICE, WDFDPC, WDFDRIVER, WDFLOOKASIDE, WDFMEMORY, WDFSTRING,
    call_unsafe_wdf_function_binding,
};
use kmdf_sim::{OnViolation, Rule, SimConfig, Simulation};

#[expect(dead_code, reason = "this test uses only some of the shared helpers")]
mod common;
use common::{attributes, size_u32};
#[path = "common/record.rs"]
mod record;
use record::{Text, record, seen, serial, take, text_of};

static DRIVER_OBJECT_SEEN: AtomicUsize = AtomicUsize::new(0);
static DPC_RUNS: AtomicUsize = AtomicUsize::new(0);

fn memory_buffer(memory: WDFMEMORY) -> (PVOID, usize) {
    let mut size = 0_usize;
    // SAFETY: a live memory object; out-pointer is a local.
    let buffer =
        // SAFETY: live objects of this driver; pointers outlive the call.
        unsafe { call_unsafe_wdf_function_binding!(WdfMemoryGetBuffer, memory, &raw mut size) };
    (buffer, size)
}

fn preallocated() {
    let mut first = [0x11_u8; 8];
    let mut second = [0x22_u8; 4];
    let mut memory: WDFMEMORY = core::ptr::null_mut();
    // SAFETY: `first` outlives the memory object (deleted below); out-pointer is a local.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfMemoryCreatePreallocated,
            WDF_NO_OBJECT_ATTRIBUTES,
            first.as_mut_ptr().cast(),
            first.len(),
            &raw mut memory
        )
    };
    record("preallocated", status);
    let (buffer, size) = memory_buffer(memory);
    record(
        "preallocated is the driver's buffer",
        i64::from(buffer == first.as_mut_ptr().cast()),
    );
    record("preallocated size", i64::try_from(size).unwrap_or(-1));
    // SAFETY: as above; `second` outlives the object too.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfMemoryAssignBuffer,
            memory,
            second.as_mut_ptr().cast(),
            second.len()
        )
    };
    record("assign buffer", status);
    let (buffer, size) = memory_buffer(memory);
    record(
        "assigned is the new buffer",
        i64::from(buffer == second.as_mut_ptr().cast()),
    );
    record("assigned size", i64::try_from(size).unwrap_or(-1));
    let mut byte = 0_u8;
    // SAFETY: a live memory object; `byte` is one writable byte.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfMemoryCopyToBuffer,
            memory,
            3,
            (&raw mut byte).cast(),
            1
        )
    };
    record("copy from the assigned buffer", status);
    record("copied byte", byte);
    // SAFETY: the driver's memory object; the framework does not free the driver's buffer.
    unsafe { call_unsafe_wdf_function_binding!(WdfObjectDelete, memory.cast()) };
    // A null buffer is refused (and reported).
    // SAFETY: out-pointer is a local.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfMemoryCreatePreallocated,
            WDF_NO_OBJECT_ATTRIBUTES,
            core::ptr::null_mut(),
            4,
            &raw mut memory
        )
    };
    record("preallocated null", status);
    record("null gives no handle", i64::from(memory.is_null()));
    // Only a preallocated memory object takes another buffer.
    let mut own: WDFMEMORY = core::ptr::null_mut();
    // SAFETY: out-pointers are locals.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfMemoryCreate,
            WDF_NO_OBJECT_ATTRIBUTES,
            0,
            u32::from_le_bytes(*b"test"),
            16,
            &raw mut own,
            core::ptr::null_mut()
        )
    };
    record("memory create", status);
    // SAFETY: a live memory object; `second` outlives the call.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfMemoryAssignBuffer,
            own,
            second.as_mut_ptr().cast(),
            second.len()
        )
    };
    record("assign to framework memory", status);
    // SAFETY: the driver's memory object.
    unsafe { call_unsafe_wdf_function_binding!(WdfObjectDelete, own.cast()) };
}

fn lookaside() {
    let mut list: WDFLOOKASIDE = core::ptr::null_mut();
    // SAFETY: out-pointer is a local.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfLookasideListCreate,
            WDF_NO_OBJECT_ATTRIBUTES,
            24,
            0,
            WDF_NO_OBJECT_ATTRIBUTES,
            u32::from_le_bytes(*b"look"),
            &raw mut list
        )
    };
    record("lookaside", status);
    let mut memories = [core::ptr::null_mut(); 2];
    for memory in &mut memories {
        // SAFETY: the live list; out-pointer is a local.
        let status = unsafe {
            call_unsafe_wdf_function_binding!(WdfMemoryCreateFromLookaside, list, &raw mut *memory)
        };
        record("from lookaside", status);
    }
    let (first, size) = memory_buffer(memories[0]);
    let (second, _) = memory_buffer(memories[1]);
    record("lookaside size", i64::try_from(size).unwrap_or(-1));
    record("distinct buffers", i64::from(first != second));
    for memory in memories {
        // SAFETY: the driver's memory objects, given back to the list.
        unsafe { call_unsafe_wdf_function_binding!(WdfObjectDelete, memory.cast()) };
    }
    // SAFETY: out-pointer is a local; a zero size is refused.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfLookasideListCreate,
            WDF_NO_OBJECT_ATTRIBUTES,
            0,
            0,
            WDF_NO_OBJECT_ATTRIBUTES,
            0,
            &raw mut list
        )
    };
    record("lookaside of zero", status);
}

fn strings_and_versions(driver: WDFDRIVER) {
    let text = Text::new("hello");
    let mut string: WDFSTRING = core::ptr::null_mut();
    // SAFETY: `text` outlives the call; out-pointer is a local.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfStringCreate,
            &text.unicode(),
            WDF_NO_OBJECT_ATTRIBUTES,
            &raw mut string
        )
    };
    record("string create", status);
    let mut value = UNICODE_STRING::default();
    // SAFETY: a live string; out-pointer is a local.
    unsafe { call_unsafe_wdf_function_binding!(WdfStringGetUnicodeString, string, &raw mut value) };
    record("string is hello", i64::from(text_of(&value) == "hello"));
    record("string length", value.Length);
    // SAFETY: the live driver and string.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(WdfDriverRetrieveVersionString, driver, string)
    };
    record("version string", status);
    // SAFETY: as above.
    unsafe { call_unsafe_wdf_function_binding!(WdfStringGetUnicodeString, string, &raw mut value) };
    record(
        "version names 1.33",
        i64::from(text_of(&value).contains("1.33")),
    );
    // SAFETY: the driver's string.
    unsafe { call_unsafe_wdf_function_binding!(WdfObjectDelete, string.cast()) };
    for (major, minor, size) in [(1, 0, 12), (1, 33, 12), (1, 34, 12), (2, 0, 12), (1, 0, 8)] {
        let mut params = WDF_DRIVER_VERSION_AVAILABLE_PARAMS {
            Size: size,
            MajorVersion: major,
            MinorVersion: minor,
        };
        // SAFETY: the live driver; `params` outlives the call.
        let available = unsafe {
            call_unsafe_wdf_function_binding!(WdfDriverIsVersionAvailable, driver, &raw mut params)
        };
        record(&format!("version {major}.{minor} size {size}"), available);
    }
    // SAFETY: the live driver.
    let object = unsafe { call_unsafe_wdf_function_binding!(WdfDriverWdmGetDriverObject, driver) };
    record(
        "wdm driver object",
        i64::from(object.addr() == DRIVER_OBJECT_SEEN.load(Ordering::Relaxed)),
    );
    // SAFETY: the driver object DriverEntry was given.
    let back = unsafe { call_unsafe_wdf_function_binding!(WdfWdmDriverGetWdfDriverHandle, object) };
    record("wdf driver handle", i64::from(back == driver));
}

unsafe extern "system" fn driver_entry(
    driver_object: &mut DRIVER_OBJECT,
    registry_path: PCUNICODE_STRING,
) -> NTSTATUS {
    DRIVER_OBJECT_SEEN.store(core::ptr::from_mut(driver_object).addr(), Ordering::Relaxed);
    let mut config = WDF_DRIVER_CONFIG {
        Size: size_u32::<WDF_DRIVER_CONFIG>(),
        EvtDriverDeviceAdd: Some(device_add),
        ..WDF_DRIVER_CONFIG::default()
    };
    let mut driver: WDFDRIVER = core::ptr::null_mut();
    // SAFETY: DriverEntry context; `config` and the out-pointer outlive the call.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfDriverCreate,
            core::ptr::from_mut(driver_object),
            registry_path,
            WDF_NO_OBJECT_ATTRIBUTES,
            &raw mut config,
            &raw mut driver
        )
    };
    if status != STATUS_SUCCESS {
        return status;
    }
    preallocated();
    lookaside();
    strings_and_versions(driver);
    STATUS_SUCCESS
}

unsafe extern "C" fn dpc_runs(dpc: WDFDPC) {
    DPC_RUNS.fetch_add(1, Ordering::Relaxed);
    // SAFETY: reads the calling thread's IRQL.
    record("dpc irql", unsafe {
        kmdf_sim::wdk_sys::ntddk::KeGetCurrentIrql()
    });
    // SAFETY: the live DPC.
    let parent = unsafe { call_unsafe_wdf_function_binding!(WdfDpcGetParentObject, dpc) };
    record("dpc parent is set", i64::from(!parent.is_null()));
}

static DEVICE: AtomicUsize = AtomicUsize::new(0);

unsafe extern "C" fn device_add(_driver: WDFDRIVER, mut init: PWDFDEVICE_INIT) -> NTSTATUS {
    let mut device: WDFDEVICE = core::ptr::null_mut();
    // SAFETY: EvtDriverDeviceAdd context.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfDeviceCreate,
            &raw mut init,
            WDF_NO_OBJECT_ATTRIBUTES,
            &raw mut device
        )
    };
    DEVICE.store(device.expose_provenance(), Ordering::Relaxed);
    status
}

/// Creates a DPC under `parent` (null: no parent, which WdfDpcCreate refuses).
fn create_dpc(parent: WDFDEVICE) -> (NTSTATUS, WDFDPC) {
    let mut config = WDF_DPC_CONFIG {
        Size: size_u32::<WDF_DPC_CONFIG>(),
        EvtDpcFunc: Some(dpc_runs),
        AutomaticSerialization: 0,
    };
    let mut dpc_attributes = attributes();
    dpc_attributes.ParentObject = parent.cast();
    let mut dpc: WDFDPC = core::ptr::null_mut();
    // SAFETY: a live device (or null); pointers outlive the call.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfDpcCreate,
            &raw mut config,
            &raw mut dpc_attributes,
            &raw mut dpc
        )
    };
    (status, dpc)
}

fn enqueue(dpc: WDFDPC) -> u8 {
    // SAFETY: a live DPC.
    unsafe { call_unsafe_wdf_function_binding!(WdfDpcEnqueue, dpc) }
}

fn load() -> Simulation {
    Simulation::load_with(
        driver_entry,
        SimConfig {
            driver_name: "memdrv".to_owned(),
            on_violation: OnViolation::Record,
            ..SimConfig::default()
        },
    )
    .unwrap()
}

#[test]
fn memory_lookaside_strings_and_driver_queries_keep_their_contracts() {
    let _serial = serial();
    let _ = take();
    let sim = load();
    let all = take();
    let at = |what: &str| seen(&all, what);
    let success = i64::from(STATUS_SUCCESS);
    assert_eq!(at("preallocated"), success);
    assert_eq!(at("preallocated is the driver's buffer"), 1);
    assert_eq!(at("preallocated size"), 8);
    assert_eq!(at("assign buffer"), success);
    assert_eq!(at("assigned is the new buffer"), 1);
    assert_eq!(at("assigned size"), 4);
    assert_eq!(at("copy from the assigned buffer"), success);
    assert_eq!(at("copied byte"), 0x22);
    assert_eq!(at("preallocated null"), i64::from(STATUS_INVALID_PARAMETER));
    assert_eq!(at("null gives no handle"), 1);
    assert_eq!(
        at("assign to framework memory"),
        i64::from(STATUS_INVALID_DEVICE_REQUEST)
    );
    assert_eq!(at("lookaside"), success);
    assert_eq!(at("from lookaside"), success);
    assert_eq!(at("lookaside size"), 24);
    assert_eq!(at("distinct buffers"), 1);
    assert_eq!(at("lookaside of zero"), i64::from(STATUS_INVALID_PARAMETER));
    assert_eq!(at("string is hello"), 1);
    assert_eq!(at("string length"), 10);
    assert_eq!(at("version string"), success);
    assert_eq!(at("version names 1.33"), 1);
    // KMDF 1.33 runs the driver: 1.0 through 1.33 are available, 1.34 and 2.0 are not, and a
    // structure of the wrong size answers FALSE.
    assert_eq!(at("version 1.0 size 12"), 1);
    assert_eq!(at("version 1.33 size 12"), 1);
    assert_eq!(at("version 1.34 size 12"), 0);
    assert_eq!(at("version 2.0 size 12"), 0);
    assert_eq!(at("version 1.0 size 8"), 0);
    assert_eq!(at("wdm driver object"), 1);
    assert_eq!(at("wdf driver handle"), 1);
    // The two refused calls were reported, naming their DDIs.
    let calls: Vec<String> = sim
        .take_violations()
        .into_iter()
        .map(|v| {
            assert_eq!(v.rule, Rule::InvalidArgument);
            v.call
        })
        .collect();
    assert_eq!(
        calls,
        ["WdfMemoryCreatePreallocated", "WdfLookasideListCreate"]
    );
    assert!(sim.unload().is_empty());
}

#[test]
fn a_dpc_runs_once_per_enqueue_at_dispatch_level_and_cancel_takes_it_back() {
    let _serial = serial();
    let _ = take();
    let sim = load();
    let node = sim.add_device(r"Root\MemDev").unwrap();
    let _ = take();
    let _ = sim.take_violations();
    let device: WDFDEVICE = core::ptr::with_exposed_provenance_mut(DEVICE.load(Ordering::Relaxed));
    // The test's thread is a simulated thread at PASSIVE_LEVEL: it may call DDIs itself.
    let (status, dpc) = create_dpc(device);
    assert_eq!(status, STATUS_SUCCESS);
    // SAFETY: the live DPC.
    let parent = unsafe { call_unsafe_wdf_function_binding!(WdfDpcGetParentObject, dpc) };
    assert_eq!(parent, device.cast());
    DPC_RUNS.store(0, Ordering::Relaxed);
    // Queued once: a second enqueue before it runs answers FALSE.
    assert_eq!(enqueue(dpc), 1);
    let second = enqueue(dpc);
    sim.advance(Duration::ZERO);
    let runs = DPC_RUNS.load(Ordering::Relaxed);
    // The DPC thread may have run it between the two enqueues (a yield point): then the second
    // was queued anew and it ran twice.
    assert_eq!(runs, if second == 1 { 2 } else { 1 });
    let all = take();
    assert_eq!(
        seen(&all, "dpc irql"),
        2,
        "EvtDpcFunc runs at DISPATCH_LEVEL"
    );
    assert_eq!(seen(&all, "dpc parent is set"), 1);
    // Cancel: TRUE exactly when it took the DPC out of the queue before it ran.
    assert_eq!(enqueue(dpc), 1);
    // SAFETY: the live DPC; PASSIVE_LEVEL, so it may wait.
    let cancelled = unsafe { call_unsafe_wdf_function_binding!(WdfDpcCancel, dpc, 1) };
    sim.advance(Duration::ZERO);
    let ran = DPC_RUNS.load(Ordering::Relaxed) - runs;
    assert_eq!(
        (cancelled, ran),
        if cancelled == 1 { (1, 0) } else { (0, 1) }
    );
    // SAFETY: as above: nothing is queued now.
    assert_eq!(
        // SAFETY: live objects of this driver; pointers outlive the call.
        unsafe { call_unsafe_wdf_function_binding!(WdfDpcCancel, dpc, 0) },
        0
    );
    // A DPC needs a parent that leads to a device.
    let (status, orphan) = create_dpc(core::ptr::null_mut());
    // STATUS_WDF_PARENT_NOT_SPECIFIED (ntstatus.h; wdk-sys binds no STATUS_WDF_*).
    assert_eq!(status, 0xC020_0212_u32.cast_signed());
    assert!(orphan.is_null());
    let violations = sim.take_violations();
    assert_eq!(violations.len(), 1, "{violations:?}");
    assert_eq!(violations[0].call, "WdfDpcCreate");
    // The DPC is the device's child and goes with it.
    sim.remove_device(node).unwrap();
    assert!(sim.unload().is_empty());
}
