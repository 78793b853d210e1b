//! ticker: an example KMDF driver in the style of the windows-drivers-rs samples. A root device
//! (`Root\Ticker`) counts ticks of a periodic framework timer and answers two buffered IOCTLs
//! through WDFMEMORY objects: [`IOCTL_TICKER_GET`] returns the count (a little-endian `u64`),
//! [`IOCTL_TICKER_ADD`] adds a `u64` to it. A spin lock guards the count. When the device leaves
//! D0 (EvtDeviceSelfManagedIoSuspend) it stops its queue and the timer; it restarts both when it
//! comes back (EvtDeviceSelfManagedIoRestart).
//!
//! It names only the crates.io crates `wdk`, `wdk-sys`, `wdk-alloc`, `wdk-panic` and `wdk-build`;
//! its tests run it in kmdf-sim through `kmdf-sim/patch.toml`.

#![no_std]

// wdk-build's build-script cfg, which the real wdk and wdk-sys gate their KMDF items on.
#[cfg(not(driver_model__driver_type = "KMDF"))]
compile_error!("wdk-build did not configure a KMDF build (driver_model__driver_type)");

#[cfg(not(test))]
extern crate wdk_panic;

#[cfg(not(test))]
use wdk_alloc::WdkAllocator;

#[cfg(not(test))]
#[global_allocator]
static GLOBAL_ALLOCATOR: WdkAllocator = WdkAllocator;

use core::ptr;

use wdk::wdf::{SpinLock, Timer};
use wdk::{nt_success, paged_code, println};
use wdk_sys::{
    _WDF_EXECUTION_LEVEL, _WDF_IO_QUEUE_DISPATCH_TYPE, _WDF_SYNCHRONIZATION_SCOPE, _WDF_TRI_STATE,
    DRIVER_OBJECT, GUID, NTSTATUS, PCUNICODE_STRING, PWDFDEVICE_INIT,
    STATUS_INVALID_DEVICE_REQUEST, STATUS_SUCCESS, ULONG, WDF_DRIVER_CONFIG, WDF_IO_QUEUE_CONFIG,
    WDF_NO_HANDLE, WDF_NO_OBJECT_ATTRIBUTES, WDF_OBJECT_ATTRIBUTES, WDF_OBJECT_CONTEXT_TYPE_INFO,
    WDF_PNPPOWER_EVENT_CALLBACKS, WDF_TIMER_CONFIG, WDFDEVICE, WDFDRIVER, WDFMEMORY, WDFOBJECT,
    WDFQUEUE, WDFREQUEST, WDFTIMER, call_unsafe_wdf_function_binding,
};

/// The device interface the driver registers: `{6E1E5B1C-2B0C-4F2F-9D1A-5C3B7A4E9F10}`.
pub const GUID_DEVINTERFACE_TICKER: GUID = GUID {
    Data1: 0x6E1E_5B1C,
    Data2: 0x2B0C,
    Data3: 0x4F2F,
    Data4: [0x9D, 0x1A, 0x5C, 0x3B, 0x7A, 0x4E, 0x9F, 0x10],
};

/// `CTL_CODE(FILE_DEVICE_UNKNOWN, 0x800, METHOD_BUFFERED, FILE_ANY_ACCESS)`: out, the tick count
/// (8 bytes).
pub const IOCTL_TICKER_GET: ULONG = 0x0022_2000;
/// `CTL_CODE(FILE_DEVICE_UNKNOWN, 0x801, METHOD_BUFFERED, FILE_ANY_ACCESS)`: in, a count (8
/// bytes) to add to the tick count.
pub const IOCTL_TICKER_ADD: ULONG = 0x0022_2004;
/// The timer's period: one tick per 10 ms while the device is in D0.
pub const TICK_PERIOD_MS: ULONG = 10;

/// `size_of::<T>()` as the `ULONG` in a WDF structure's `Size` (checked at compile time).
const fn struct_size<T>() -> ULONG {
    const { assert!(size_of::<T>() <= ULONG::MAX as usize) };
    #[expect(
        clippy::cast_possible_truncation,
        reason = "checked above: the size fits in a ULONG"
    )]
    let size = size_of::<T>() as ULONG;
    size
}

/// The device's context: the framework objects and the count.
struct DeviceContext {
    /// Guards `ticks` (the timer callback runs at DISPATCH_LEVEL).
    lock: SpinLock,
    /// The periodic tick timer, child of the device.
    timer: Timer,
    /// The default queue, stopped while the device is out of D0.
    queue: WDFQUEUE,
    /// Ticks counted plus what IOCTL_TICKER_ADD added.
    ticks: u64,
}

/// The context type's info, a `static` the framework identifies the type by.
#[repr(transparent)]
struct ContextTypeInfo(WDF_OBJECT_CONTEXT_TYPE_INFO);
// SAFETY: immutable static data whose pointers point at static data.
unsafe impl Sync for ContextTypeInfo {}

static DEVICE_CONTEXT_TYPE: ContextTypeInfo = ContextTypeInfo(WDF_OBJECT_CONTEXT_TYPE_INFO {
    Size: struct_size::<WDF_OBJECT_CONTEXT_TYPE_INFO>(),
    ContextName: c"DeviceContext".as_ptr(),
    ContextSize: size_of::<DeviceContext>(),
    UniqueType: &raw const DEVICE_CONTEXT_TYPE.0,
    EvtDriverGetUniqueContextType: None,
});

/// Object attributes with no context, inheriting execution level and synchronization scope,
/// parented to `parent` (null: the default parent).
fn attributes(parent: WDFOBJECT) -> WDF_OBJECT_ATTRIBUTES {
    WDF_OBJECT_ATTRIBUTES {
        Size: struct_size::<WDF_OBJECT_ATTRIBUTES>(),
        ExecutionLevel: _WDF_EXECUTION_LEVEL::WdfExecutionLevelInheritFromParent,
        SynchronizationScope: _WDF_SYNCHRONIZATION_SCOPE::WdfSynchronizationScopeInheritFromParent,
        ParentObject: parent,
        ..WDF_OBJECT_ATTRIBUTES::default()
    }
}

/// The device's context.
fn context(device: WDFDEVICE) -> *mut DeviceContext {
    // SAFETY: `device` is a live device created with DEVICE_CONTEXT_TYPE.
    let context = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfObjectGetTypedContextWorker,
            device.cast(),
            &raw const DEVICE_CONTEXT_TYPE.0
        )
    };
    context.cast()
}

/// The driver's entry point.
///
/// # Safety
/// Called once by the I/O manager at PASSIVE_LEVEL with its driver object and registry path.
#[unsafe(export_name = "DriverEntry")]
pub unsafe extern "system" fn driver_entry(
    driver: &mut DRIVER_OBJECT,
    registry_path: PCUNICODE_STRING,
) -> NTSTATUS {
    println!("ticker: DriverEntry");
    let mut config = WDF_DRIVER_CONFIG {
        Size: struct_size::<WDF_DRIVER_CONFIG>(),
        EvtDriverDeviceAdd: Some(evt_device_add),
        ..WDF_DRIVER_CONFIG::default()
    };
    // SAFETY: the driver object and registry path are DriverEntry's own; `config` is initialised.
    unsafe {
        call_unsafe_wdf_function_binding!(
            WdfDriverCreate,
            driver,
            registry_path,
            WDF_NO_OBJECT_ATTRIBUTES,
            &raw mut config,
            WDF_NO_HANDLE.cast::<WDFDRIVER>()
        )
    }
}

/// EvtDriverDeviceAdd: the device with its interface, default queue, spin lock and timer.
unsafe extern "C" fn evt_device_add(
    _driver: WDFDRIVER,
    mut device_init: PWDFDEVICE_INIT,
) -> NTSTATUS {
    paged_code!();
    let mut pnp_power = WDF_PNPPOWER_EVENT_CALLBACKS {
        Size: struct_size::<WDF_PNPPOWER_EVENT_CALLBACKS>(),
        EvtDeviceSelfManagedIoInit: Some(evt_self_managed_io_init),
        EvtDeviceSelfManagedIoSuspend: Some(evt_self_managed_io_suspend),
        EvtDeviceSelfManagedIoRestart: Some(evt_self_managed_io_restart),
        ..WDF_PNPPOWER_EVENT_CALLBACKS::default()
    };
    // SAFETY: `device_init` is the framework's, valid until WdfDeviceCreate.
    unsafe {
        call_unsafe_wdf_function_binding!(
            WdfDeviceInitSetPnpPowerEventCallbacks,
            device_init,
            &raw mut pnp_power
        );
    }
    let mut device_attributes = WDF_OBJECT_ATTRIBUTES {
        ContextTypeInfo: &raw const DEVICE_CONTEXT_TYPE.0,
        ..attributes(ptr::null_mut())
    };
    let mut device: WDFDEVICE = ptr::null_mut();
    // SAFETY: `device_init` as above (WdfDeviceCreate consumes it); the out pointer is a local.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfDeviceCreate,
            &raw mut device_init,
            &raw mut device_attributes,
            &raw mut device
        )
    };
    if !nt_success(status) {
        return status;
    }
    // SAFETY: `device` is live; the GUID is a static; no reference string.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfDeviceCreateDeviceInterface,
            device,
            &GUID_DEVINTERFACE_TICKER,
            ptr::null()
        )
    };
    if !nt_success(status) {
        return status;
    }
    let mut queue_config = WDF_IO_QUEUE_CONFIG {
        Size: struct_size::<WDF_IO_QUEUE_CONFIG>(),
        DispatchType: _WDF_IO_QUEUE_DISPATCH_TYPE::WdfIoQueueDispatchParallel,
        PowerManaged: _WDF_TRI_STATE::WdfUseDefault,
        DefaultQueue: u8::from(true),
        EvtIoDeviceControl: Some(evt_io_device_control),
        ..WDF_IO_QUEUE_CONFIG::default()
    };
    let mut queue: WDFQUEUE = ptr::null_mut();
    // SAFETY: `device` is live; the configuration is initialised; the out pointer is a local.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfIoQueueCreate,
            device,
            &raw mut queue_config,
            WDF_NO_OBJECT_ATTRIBUTES,
            &raw mut queue
        )
    };
    if !nt_success(status) {
        return status;
    }
    let lock = match SpinLock::create(&mut attributes(device.cast())) {
        Ok(lock) => lock,
        Err(status) => return status,
    };
    let mut timer_config = WDF_TIMER_CONFIG {
        Size: struct_size::<WDF_TIMER_CONFIG>(),
        EvtTimerFunc: Some(evt_timer),
        Period: TICK_PERIOD_MS,
        ..WDF_TIMER_CONFIG::default()
    };
    let timer = match Timer::create(&mut timer_config, &mut attributes(device.cast())) {
        Ok(timer) => timer,
        Err(status) => return status,
    };
    // SAFETY: the context is the framework's zeroed, aligned block for a DeviceContext, which
    // nothing reads before this write: the timer starts and I/O arrives only once the device
    // has started, after this callback returns.
    unsafe {
        context(device).write(DeviceContext {
            lock,
            timer,
            queue,
            ticks: 0,
        });
    }
    STATUS_SUCCESS
}

/// The timer's due time: one period from now (negative: relative, in 100 ns units).
const fn first_tick() -> i64 {
    -(TICK_PERIOD_MS as i64) * 10_000
}

/// EvtDeviceSelfManagedIoInit: the device is started; the timer starts ticking.
unsafe extern "C" fn evt_self_managed_io_init(device: WDFDEVICE) -> NTSTATUS {
    let context = context(device);
    // SAFETY: written in device add; the timer lives as long as the device.
    let _ = unsafe { &(*context).timer }.start(first_tick());
    STATUS_SUCCESS
}

/// EvtDeviceSelfManagedIoSuspend: the device leaves D0 (or is being removed); the queue and the
/// timer stop, the timer's running callback (if any) finished.
unsafe extern "C" fn evt_self_managed_io_suspend(device: WDFDEVICE) -> NTSTATUS {
    paged_code!();
    let context = context(device);
    // SAFETY: written in device add; the queue is the device's child.
    let queue = unsafe { (*context).queue };
    // SAFETY: a live queue, at PASSIVE_LEVEL.
    unsafe { call_unsafe_wdf_function_binding!(WdfIoQueueStopSynchronously, queue) };
    // SAFETY: as in evt_self_managed_io_init.
    let _ = unsafe { &(*context).timer }.stop(true);
    println!("ticker: suspended");
    STATUS_SUCCESS
}

/// EvtDeviceSelfManagedIoRestart: back in D0; the queue and the timer start again.
unsafe extern "C" fn evt_self_managed_io_restart(device: WDFDEVICE) -> NTSTATUS {
    let context = context(device);
    // SAFETY: written in device add; the queue is the device's child.
    let queue = unsafe { (*context).queue };
    // SAFETY: a live queue.
    unsafe { call_unsafe_wdf_function_binding!(WdfIoQueueStart, queue) };
    // SAFETY: as in evt_self_managed_io_init.
    let _ = unsafe { &(*context).timer }.start(first_tick());
    println!("ticker: restarted");
    STATUS_SUCCESS
}

/// Adds `count` to the device's ticks under its spin lock and returns the new total.
fn add_ticks(device: WDFDEVICE, count: u64) -> u64 {
    let context = context(device);
    // SAFETY: written in device add; the lock lives as long as the device.
    let lock = unsafe { &(*context).lock };
    lock.acquire();
    // SAFETY: `ticks` is read and written only under `lock`, which this thread holds; no
    // reference to it is formed.
    let ticks = unsafe { (*context).ticks }.wrapping_add(count);
    // SAFETY: as above.
    unsafe { (*context).ticks = ticks };
    lock.release();
    ticks
}

/// EvtTimerFunc: one tick.
unsafe extern "C" fn evt_timer(timer: WDFTIMER) {
    // SAFETY: a live timer whose parent is the device.
    let device = unsafe { call_unsafe_wdf_function_binding!(WdfTimerGetParentObject, timer) };
    add_ticks(device.cast(), 1);
}

/// EvtIoDeviceControl: IOCTL_TICKER_GET and IOCTL_TICKER_ADD, through the request's WDFMEMORY.
unsafe extern "C" fn evt_io_device_control(
    queue: WDFQUEUE,
    request: WDFREQUEST,
    _output_buffer_length: usize,
    _input_buffer_length: usize,
    io_control_code: ULONG,
) {
    // SAFETY: a live queue of the device.
    let device = unsafe { call_unsafe_wdf_function_binding!(WdfIoQueueGetDevice, queue) };
    let (status, information) = match io_control_code {
        IOCTL_TICKER_GET => get(device, request),
        IOCTL_TICKER_ADD => add(device, request),
        _ => (STATUS_INVALID_DEVICE_REQUEST, 0),
    };
    // SAFETY: the driver owns `request` and completes it once, here.
    unsafe {
        call_unsafe_wdf_function_binding!(
            WdfRequestCompleteWithInformation,
            request,
            status,
            information
        );
    }
}

/// IOCTL_TICKER_GET: the count into the output memory.
fn get(device: WDFDEVICE, request: WDFREQUEST) -> (NTSTATUS, u64) {
    let mut memory: WDFMEMORY = ptr::null_mut();
    // SAFETY: the driver owns `request`; the out pointer is a local.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(WdfRequestRetrieveOutputMemory, request, &raw mut memory)
    };
    if !nt_success(status) {
        return (status, 0);
    }
    let ticks = add_ticks(device, 0).to_le_bytes();
    // SAFETY: `memory` is the request's output memory; `ticks` is 8 readable bytes.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfMemoryCopyFromBuffer,
            memory,
            0,
            ticks.as_ptr().cast_mut().cast(),
            ticks.len()
        )
    };
    if nt_success(status) {
        (status, ticks.len() as u64)
    } else {
        (status, 0)
    }
}

/// IOCTL_TICKER_ADD: a count from the input memory, added.
fn add(device: WDFDEVICE, request: WDFREQUEST) -> (NTSTATUS, u64) {
    let mut memory: WDFMEMORY = ptr::null_mut();
    // SAFETY: the driver owns `request`; the out pointer is a local.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(WdfRequestRetrieveInputMemory, request, &raw mut memory)
    };
    if !nt_success(status) {
        return (status, 0);
    }
    let mut count = [0_u8; 8];
    // SAFETY: `memory` is the request's input memory; `count` is 8 writable bytes.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfMemoryCopyToBuffer,
            memory,
            0,
            count.as_mut_ptr().cast(),
            count.len()
        )
    };
    if nt_success(status) {
        add_ticks(device, u64::from_le_bytes(count));
    }
    (status, 0)
}
