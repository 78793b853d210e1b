//! Framework entry points for drivers and devices: `WdfDriverCreate`, the `WdfDeviceInit*`
//! family, `WdfDeviceCreate`, device interfaces and default queues. DDI pages: "WdfDriverCreate
//! function (wdfdriver.h)", "WdfDeviceCreate function (wdfdevice.h)" and their siblings.

#![expect(non_snake_case, reason = "parameter names follow the C prototypes")]

use kmdf_sim_wdk_sys as sys;
use sys::{NTSTATUS, PWDF_DRIVER_GLOBALS};

use crate::framework;
use crate::irql::{self, DISPATCH, PASSIVE};
use crate::state::{
    DeviceData, DriverData, FileConfig, InitData, Kind, ObjData, ObjId, State, handle, id_of,
};
use crate::verifier::Rule;

/// Reads a counted UTF-16 string the driver passed.
pub(crate) fn read_unicode(string: sys::PCUNICODE_STRING) -> Option<Vec<u16>> {
    // SAFETY: the DDI contract: a non-null PCUNICODE_STRING points at a valid UNICODE_STRING.
    let string = unsafe { string.as_ref() }?;
    let units = usize::from(string.Length / 2);
    if string.Buffer.is_null() || units == 0 {
        return Some(Vec::new());
    }
    // SAFETY: a valid UNICODE_STRING's Buffer holds at least Length bytes.
    Some(unsafe { std::slice::from_raw_parts(string.Buffer, units) }.to_vec())
}

/// Writes a handle to an optional out-pointer.
pub(crate) fn write_out<T>(out: *mut T, value: T) {
    if !out.is_null() {
        // SAFETY: the DDI contract: a non-null out-pointer is valid for a write of its type.
        unsafe { out.write(value) };
    }
}

pub(crate) unsafe extern "C" fn WdfDriverCreate(
    globals: PWDF_DRIVER_GLOBALS,
    DriverObject: sys::PDRIVER_OBJECT,
    RegistryPath: sys::PCUNICODE_STRING,
    DriverAttributes: sys::PWDF_OBJECT_ATTRIBUTES,
    DriverConfig: sys::PWDF_DRIVER_CONFIG,
    Driver: *mut sys::WDFDRIVER,
) -> NTSTATUS {
    const CALL: &str = "WdfDriverCreate";
    let sim = irql::enter(globals, CALL, PASSIVE);
    let mut state = sim.lock();
    if !state.in_driver_entry {
        state.violation(
            Rule::DriverCreate,
            CALL,
            "WDFDRIVER".to_owned(),
            "called outside DriverEntry".to_owned(),
        );
    }
    if let Some(existing) = state.entry_driver {
        let described = state.describe(existing);
        state.violation(
            Rule::DriverCreate,
            CALL,
            described,
            "WdfDriverCreate was already called".to_owned(),
        );
        return sys::STATUS_INVALID_DEVICE_STATE;
    }
    if DriverObject.is_null() {
        state.violation(
            Rule::InvalidArgument,
            CALL,
            "PDRIVER_OBJECT".to_owned(),
            "DriverObject is null".to_owned(),
        );
        return sys::STATUS_INVALID_PARAMETER;
    }
    let config = match framework::read_config(&mut state, DriverConfig, CALL) {
        Ok(config) => config,
        Err(status) => return status,
    };
    let data = DriverData {
        device_add: config.EvtDriverDeviceAdd,
        unload: config.EvtDriverUnload,
        registry_path: read_unicode(RegistryPath).unwrap_or_default(),
    };
    let id = match framework::create_object(
        &mut state,
        Kind::Driver,
        None,
        framework::read_attributes(DriverAttributes),
        ObjData::Driver(data),
        CALL,
    ) {
        Ok(id) => id,
        Err(status) => return status,
    };
    state.entry_driver = Some(id);
    state.drivers.push(id);
    state
        .extra
        .driver_objects
        .insert(id, DriverObject.expose_provenance());
    let driver = handle::<sys::WDFDRIVER__>(id);
    // A DDI: this thread holds the baton.
    crate::state::set_globals_driver(driver);
    write_out(Driver, driver);
    sys::STATUS_SUCCESS
}

pub(crate) unsafe extern "C" fn WdfDriverGetRegistryPath(
    globals: PWDF_DRIVER_GLOBALS,
    Driver: sys::WDFDRIVER,
) -> sys::PWSTR {
    const CALL: &str = "WdfDriverGetRegistryPath";
    let sim = irql::enter(globals, CALL, PASSIVE);
    let mut state = sim.lock();
    let Some(id) = state.expect_object(Driver, Kind::Driver, CALL) else {
        return std::ptr::null_mut();
    };
    match state.objects.get_mut(&id).map(|o| &mut o.data) {
        Some(ObjData::Driver(data)) => {
            if data.registry_path.last() != Some(&0) {
                data.registry_path.push(0);
            }
            data.registry_path.as_mut_ptr()
        }
        _ => std::ptr::null_mut(),
    }
}

/// Runs `update` on a live, unconsumed `WDFDEVICE_INIT`; reports use after `WdfDeviceCreate`.
pub(crate) fn with_init(
    state: &mut State,
    init: sys::PWDFDEVICE_INIT,
    call: &str,
    update: impl FnOnce(&mut InitData),
) -> Option<ObjId> {
    if let Some(id) = id_of(init)
        && let Some(tomb) = state
            .tombstone(id)
            .filter(|t| t.kind == Kind::DeviceInit)
            .copied()
    {
        state.violation(
            Rule::DeviceInitAfterCreate,
            call,
            format!("WDFDEVICE_INIT {:#x}", init.addr()),
            format!("the WDFDEVICE_INIT was already {}; WdfDeviceInit* calls must come before WdfDeviceCreate", tomb.fate),
        );
        return None;
    }
    let id = state.expect_object(init, Kind::DeviceInit, call)?;
    if let Some(data) = state.init_mut(id) {
        update(data);
    }
    Some(id)
}

pub(crate) unsafe extern "C" fn WdfDeviceInitSetIoType(
    globals: PWDF_DRIVER_GLOBALS,
    DeviceInit: sys::PWDFDEVICE_INIT,
    IoType: sys::WDF_DEVICE_IO_TYPE,
) {
    const CALL: &str = "WdfDeviceInitSetIoType";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let mut state = sim.lock();
    if !(sys::_WDF_DEVICE_IO_TYPE::WdfDeviceIoNeither
        ..=sys::_WDF_DEVICE_IO_TYPE::WdfDeviceIoBufferedOrDirect)
        .contains(&IoType)
    {
        state.violation(
            Rule::InvalidArgument,
            CALL,
            "WDF_DEVICE_IO_TYPE".to_owned(),
            format!("{IoType} is not a valid I/O type"),
        );
        return;
    }
    with_init(&mut state, DeviceInit, CALL, |init| init.io_type = IoType);
}

pub(crate) unsafe extern "C" fn WdfDeviceInitSetExclusive(
    globals: PWDF_DRIVER_GLOBALS,
    DeviceInit: sys::PWDFDEVICE_INIT,
    IsExclusive: sys::BOOLEAN,
) {
    const CALL: &str = "WdfDeviceInitSetExclusive";
    let sim = irql::enter(globals, CALL, DISPATCH);
    with_init(&mut sim.lock(), DeviceInit, CALL, |init| {
        init.exclusive = IsExclusive != 0;
    });
}

pub(crate) unsafe extern "C" fn WdfDeviceInitSetPnpPowerEventCallbacks(
    globals: PWDF_DRIVER_GLOBALS,
    DeviceInit: sys::PWDFDEVICE_INIT,
    PnpPowerEventCallbacks: sys::PWDF_PNPPOWER_EVENT_CALLBACKS,
) {
    const CALL: &str = "WdfDeviceInitSetPnpPowerEventCallbacks";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let mut state = sim.lock();
    let Ok(callbacks) = framework::read_config(&mut state, PnpPowerEventCallbacks, CALL) else {
        return;
    };
    with_init(&mut state, DeviceInit, CALL, |init| {
        init.pnp = Some(callbacks);
    });
}

pub(crate) unsafe extern "C" fn WdfDeviceInitSetFileObjectConfig(
    globals: PWDF_DRIVER_GLOBALS,
    DeviceInit: sys::PWDFDEVICE_INIT,
    FileObjectConfig: sys::PWDF_FILEOBJECT_CONFIG,
    FileObjectAttributes: sys::PWDF_OBJECT_ATTRIBUTES,
) {
    const CALL: &str = "WdfDeviceInitSetFileObjectConfig";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let attributes = framework::read_attributes(FileObjectAttributes);
    let mut state = sim.lock();
    let Ok(config) = framework::read_config(&mut state, FileObjectConfig, CALL) else {
        return;
    };
    if let Some(attributes) = &attributes
        && framework::validate_attributes(&mut state, attributes, CALL).is_err()
    {
        return;
    }
    let file = FileConfig {
        create: config.EvtDeviceFileCreate,
        close: config.EvtFileClose,
        cleanup: config.EvtFileCleanup,
        attributes,
    };
    with_init(&mut state, DeviceInit, CALL, |init| init.file = Some(file));
}

pub(crate) unsafe extern "C" fn WdfDeviceInitSetRequestAttributes(
    globals: PWDF_DRIVER_GLOBALS,
    DeviceInit: sys::PWDFDEVICE_INIT,
    RequestAttributes: sys::PWDF_OBJECT_ATTRIBUTES,
) {
    const CALL: &str = "WdfDeviceInitSetRequestAttributes";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let attributes = framework::read_attributes(RequestAttributes);
    let mut state = sim.lock();
    let Some(attributes) = attributes else {
        state.violation(
            Rule::InvalidArgument,
            CALL,
            "WDF_OBJECT_ATTRIBUTES".to_owned(),
            "RequestAttributes is null".to_owned(),
        );
        return;
    };
    if framework::validate_attributes(&mut state, &attributes, CALL).is_err() {
        return;
    }
    with_init(&mut state, DeviceInit, CALL, |init| {
        init.request_attributes = Some(attributes);
    });
}

pub(crate) unsafe extern "C" fn WdfDeviceInitAssignSDDLString(
    globals: PWDF_DRIVER_GLOBALS,
    DeviceInit: sys::PWDFDEVICE_INIT,
    SDDLString: sys::PCUNICODE_STRING,
) -> NTSTATUS {
    const CALL: &str = "WdfDeviceInitAssignSDDLString";
    let sim = irql::enter(globals, CALL, PASSIVE);
    let text = read_unicode(SDDLString).map(|units| String::from_utf16_lossy(&units));
    let mut state = sim.lock();
    let parsed = match text {
        None => Err("SDDLString is null or malformed".to_owned()),
        Some(text) => crate::security::SecurityDescriptor::parse(&text)
            .map_err(|reason| format!("\"{text}\" is not a valid device SDDL string: {reason}")),
    };
    match parsed {
        Ok(descriptor) => {
            let mut descriptor = Some(descriptor);
            let found = with_init(&mut state, DeviceInit, CALL, |init| {
                init.security = descriptor.take();
            });
            if found.is_some() {
                sys::STATUS_SUCCESS
            } else {
                sys::STATUS_INVALID_DEVICE_REQUEST
            }
        }
        Err(detail) => {
            state.violation(
                Rule::InvalidArgument,
                CALL,
                "PCUNICODE_STRING SDDLString".to_owned(),
                detail,
            );
            sys::STATUS_INVALID_PARAMETER
        }
    }
}

pub(crate) unsafe extern "C" fn WdfDeviceInitSetCharacteristics(
    globals: PWDF_DRIVER_GLOBALS,
    DeviceInit: sys::PWDFDEVICE_INIT,
    DeviceCharacteristics: sys::ULONG,
    OrInValues: sys::BOOLEAN,
) {
    const CALL: &str = "WdfDeviceInitSetCharacteristics";
    let sim = irql::enter(globals, CALL, DISPATCH);
    with_init(&mut sim.lock(), DeviceInit, CALL, |init| {
        init.characteristics = if OrInValues == 0 {
            DeviceCharacteristics
        } else {
            init.characteristics | DeviceCharacteristics
        };
    });
}

pub(crate) unsafe extern "C" fn WdfFdoInitSetFilter(
    globals: PWDF_DRIVER_GLOBALS,
    DeviceInit: sys::PWDFDEVICE_INIT,
) {
    const CALL: &str = "WdfFdoInitSetFilter";
    let sim = irql::enter(globals, CALL, PASSIVE);
    with_init(&mut sim.lock(), DeviceInit, CALL, |init| init.filter = true);
}

pub(crate) unsafe extern "C" fn WdfDeviceCreate(
    globals: PWDF_DRIVER_GLOBALS,
    DeviceInit: *mut sys::PWDFDEVICE_INIT,
    DeviceAttributes: sys::PWDF_OBJECT_ATTRIBUTES,
    Device: *mut sys::WDFDEVICE,
) -> NTSTATUS {
    const CALL: &str = "WdfDeviceCreate";
    let sim = irql::enter(globals, CALL, PASSIVE);
    let mut state = sim.lock();
    // SAFETY: the DDI contract: DeviceInit points at the driver's PWDFDEVICE_INIT variable.
    let Some(init_ptr) = (unsafe { DeviceInit.as_ref() }).copied() else {
        state.violation(
            Rule::InvalidArgument,
            CALL,
            "PWDFDEVICE_INIT*".to_owned(),
            "DeviceInit is null".to_owned(),
        );
        return sys::STATUS_INVALID_PARAMETER;
    };
    let Some(init_id) = with_init(&mut state, init_ptr, CALL, |_| {}) else {
        return sys::STATUS_INVALID_PARAMETER;
    };
    let Some(ObjData::DeviceInit(init)) = state.objects.get(&init_id).map(|o| &o.data) else {
        return sys::STATUS_INVALID_PARAMETER;
    };
    // A filter takes the I/O type of the device it attaches to (KMDF copies the lower device
    // object's DO_BUFFERED_IO / DO_DIRECT_IO flags; WdfDeviceInitSetIoType does not apply).
    let lower_io_type = init
        .devnode
        .and_then(|n| state.devnodes.get(n))
        .and_then(|node| node.stack.last())
        .and_then(|lower| state.device(*lower))
        .map(|lower| lower.io_type);
    let io_type = match lower_io_type {
        Some(io_type) if init.filter => io_type,
        _ => init.io_type,
    };
    let data = DeviceData {
        devnode: init.devnode,
        io_type,
        exclusive: init.exclusive,
        pnp: init.pnp,
        file: init.file,
        request_attributes: init.request_attributes,
        filter: init.filter,
        security: init.security.clone(),
        characteristics: init.characteristics,
        interfaces: Vec::new(),
        default_queue: None,
        target: None,
        dispatching: std::collections::BTreeMap::new(),
        // A control device has no PnP start: it takes I/O once it finished initialising.
        started: init.control.is_some(),
        removing: false,
        in_d0: false,
        control: init.control.clone().map(|mut c| {
            c.initializing = true;
            c
        }),
    };
    let devnode = data.devnode;
    let parent = Some(init.driver);
    let id = match framework::create_object(
        &mut state,
        Kind::Device,
        parent,
        framework::read_attributes(DeviceAttributes),
        ObjData::Device(Box::new(data)),
        CALL,
    ) {
        Ok(id) => id,
        Err(status) => return status,
    };
    if let Some(node) = devnode.and_then(|n| state.devnodes.get_mut(n)) {
        node.stack.push(id);
    }
    // The default I/O target (the next lower device), created with a PnP device, as KMDF does;
    // a control device has nothing below it.
    if devnode.is_some() {
        let target = state.insert(
            Kind::IoTarget,
            Some(id),
            ObjData::IoTarget(crate::state::IoTargetData {
                device: id,
                remote: None,
            }),
        );
        if let Some(data) = state.device_mut(id) {
            data.target = Some(target);
        }
    }
    if let Some(settings) = state.extra.device_settings.remove(&init_id) {
        state.extra.device_settings.insert(id, settings);
    }
    framework::remove_object(&mut state, init_id, "consumed by WdfDeviceCreate");
    // SAFETY: as above; WdfDeviceCreate sets the caller's init pointer to NULL on success.
    unsafe { DeviceInit.write(std::ptr::null_mut()) };
    write_out(Device, handle(id));
    sys::STATUS_SUCCESS
}

pub(crate) unsafe extern "C" fn WdfDeviceCreateDeviceInterface(
    globals: PWDF_DRIVER_GLOBALS,
    Device: sys::WDFDEVICE,
    InterfaceClassGUID: *const sys::GUID,
    ReferenceString: sys::PCUNICODE_STRING,
) -> NTSTATUS {
    const CALL: &str = "WdfDeviceCreateDeviceInterface";
    let sim = irql::enter(globals, CALL, PASSIVE);
    let mut state = sim.lock();
    let Some(id) = state.expect_object(Device, Kind::Device, CALL) else {
        return sys::STATUS_INVALID_HANDLE;
    };
    // SAFETY: the DDI contract: InterfaceClassGUID points at a GUID.
    let Some(guid) = (unsafe { InterfaceClassGUID.as_ref() }).copied() else {
        state.violation(
            Rule::InvalidArgument,
            CALL,
            "GUID".to_owned(),
            "InterfaceClassGUID is null".to_owned(),
        );
        return sys::STATUS_INVALID_PARAMETER;
    };
    let reference = read_unicode(ReferenceString).map(|units| String::from_utf16_lossy(&units));
    if state.allocation_fails(CALL) {
        return sys::STATUS_INSUFFICIENT_RESOURCES;
    }
    if let Some(device) = state.device_mut(id) {
        device.interfaces.push((guid, reference));
    }
    sys::STATUS_SUCCESS
}

pub(crate) unsafe extern "C" fn WdfDeviceGetDefaultQueue(
    globals: PWDF_DRIVER_GLOBALS,
    Device: sys::WDFDEVICE,
) -> sys::WDFQUEUE {
    const CALL: &str = "WdfDeviceGetDefaultQueue";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let mut state = sim.lock();
    let Some(id) = state.expect_object(Device, Kind::Device, CALL) else {
        return std::ptr::null_mut();
    };
    state
        .device(id)
        .and_then(|d| d.default_queue)
        .map_or(std::ptr::null_mut(), handle)
}

pub(crate) unsafe extern "C" fn WdfDeviceConfigureRequestDispatching(
    globals: PWDF_DRIVER_GLOBALS,
    Device: sys::WDFDEVICE,
    Queue: sys::WDFQUEUE,
    RequestType: sys::WDF_REQUEST_TYPE,
) -> NTSTATUS {
    const CALL: &str = "WdfDeviceConfigureRequestDispatching";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let mut state = sim.lock();
    let Some(device) = state.expect_object(Device, Kind::Device, CALL) else {
        return sys::STATUS_INVALID_HANDLE;
    };
    let Some(queue) = state.expect_object(Queue, Kind::Queue, CALL) else {
        return sys::STATUS_INVALID_HANDLE;
    };
    let allowed = [
        sys::_WDF_REQUEST_TYPE::WdfRequestTypeCreate,
        sys::_WDF_REQUEST_TYPE::WdfRequestTypeRead,
        sys::_WDF_REQUEST_TYPE::WdfRequestTypeWrite,
        sys::_WDF_REQUEST_TYPE::WdfRequestTypeDeviceControl,
        sys::_WDF_REQUEST_TYPE::WdfRequestTypeDeviceControlInternal,
    ];
    if !allowed.contains(&RequestType) {
        state.violation_on(
            Rule::InvalidArgument,
            CALL,
            queue,
            format!("request type {RequestType} cannot be configured"),
        );
        return sys::STATUS_INVALID_PARAMETER;
    }
    if state.queue(queue).is_none_or(|q| q.device != device) {
        let described = state.describe(queue);
        state.violation(
            Rule::InvalidArgument,
            CALL,
            described,
            "the queue belongs to another device".to_owned(),
        );
        return sys::STATUS_INVALID_PARAMETER;
    }
    let Some(data) = state.device_mut(device) else {
        return sys::STATUS_INVALID_HANDLE;
    };
    if data.dispatching.contains_key(&RequestType) {
        return sys::STATUS_INVALID_DEVICE_STATE;
    }
    data.dispatching.insert(RequestType, queue);
    sys::STATUS_SUCCESS
}

pub(crate) unsafe extern "C" fn WdfIoQueueCreate(
    globals: PWDF_DRIVER_GLOBALS,
    Device: sys::WDFDEVICE,
    Config: sys::PWDF_IO_QUEUE_CONFIG,
    QueueAttributes: sys::PWDF_OBJECT_ATTRIBUTES,
    Queue: *mut sys::WDFQUEUE,
) -> NTSTATUS {
    const CALL: &str = "WdfIoQueueCreate";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let mut state = sim.lock();
    let Some(device) = state.expect_object(Device, Kind::Device, CALL) else {
        return sys::STATUS_INVALID_HANDLE;
    };
    let config = match framework::read_config(&mut state, Config, CALL) {
        Ok(config) => config,
        Err(status) => return status,
    };
    if !(sys::_WDF_IO_QUEUE_DISPATCH_TYPE::WdfIoQueueDispatchSequential
        ..=sys::_WDF_IO_QUEUE_DISPATCH_TYPE::WdfIoQueueDispatchManual)
        .contains(&config.DispatchType)
    {
        state.violation(
            Rule::InvalidArgument,
            CALL,
            "WDF_IO_QUEUE_CONFIG".to_owned(),
            format!("DispatchType {} is invalid", config.DispatchType),
        );
        return sys::STATUS_INVALID_PARAMETER;
    }
    let default_queue = config.DefaultQueue != 0;
    if default_queue
        && state
            .device(device)
            .is_some_and(|d| d.default_queue.is_some())
    {
        let described = state.describe(device);
        state.violation(
            Rule::InvalidArgument,
            CALL,
            described,
            "the device already has a default queue".to_owned(),
        );
        return sys::STATUS_INVALID_DEVICE_STATE;
    }
    let max_presented =
        if config.DispatchType == sys::_WDF_IO_QUEUE_DISPATCH_TYPE::WdfIoQueueDispatchParallel {
            // SAFETY: `Parallel` is the union's only member; every bit pattern is a valid u32.
            let n = unsafe { config.Settings.Parallel.NumberOfPresentedRequests };
            if n == 0 { u32::MAX } else { n }
        } else {
            1
        };
    // WdfUseDefault: power-managed, unless the device is a filter's or a control device's
    // (wdfio.h, PowerManaged).
    let (filter, control) = state
        .device(device)
        .map_or((false, false), |d| (d.filter, d.control.is_some()));
    let power_managed = match config.PowerManaged {
        sys::_WDF_TRI_STATE::WdfTrue => true,
        sys::_WDF_TRI_STATE::WdfFalse => false,
        _ => !filter && !control,
    };
    let data = crate::state::QueueData {
        device,
        dispatch: config.DispatchType,
        config,
        max_presented,
        pending: std::collections::VecDeque::new(),
        presented: 0,
        started: true,
        accepting: true,
        default_queue,
        power_managed,
        in_flight: 0,
        state_callbacks: Vec::new(),
    };
    let id = match framework::create_object(
        &mut state,
        Kind::Queue,
        Some(device),
        framework::read_attributes(QueueAttributes),
        ObjData::Queue(Box::new(data)),
        CALL,
    ) {
        Ok(id) => id,
        Err(status) => return status,
    };
    if default_queue && let Some(data) = state.device_mut(device) {
        data.default_queue = Some(id);
    }
    write_out(Queue, handle(id));
    sys::STATUS_SUCCESS
}

pub(crate) unsafe extern "C" fn WdfIoQueueGetDevice(
    globals: PWDF_DRIVER_GLOBALS,
    Queue: sys::WDFQUEUE,
) -> sys::WDFDEVICE {
    const CALL: &str = "WdfIoQueueGetDevice";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let mut state = sim.lock();
    let Some(queue) = state.expect_object(Queue, Kind::Queue, CALL) else {
        return std::ptr::null_mut();
    };
    state
        .queue(queue)
        .map_or(std::ptr::null_mut(), |q| handle(q.device))
}

pub(crate) unsafe extern "C" fn WdfIoQueueStart(
    globals: PWDF_DRIVER_GLOBALS,
    Queue: sys::WDFQUEUE,
) {
    const CALL: &str = "WdfIoQueueStart";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let queue = {
        let mut state = sim.lock();
        let Some(queue) = state.expect_object(Queue, Kind::Queue, CALL) else {
            return;
        };
        if let Some(data) = state.queue_mut(queue) {
            data.started = true;
            data.accepting = true;
        }
        queue
    };
    framework::dispatch(&sim, queue);
}

pub(crate) unsafe extern "C" fn WdfFileObjectGetDevice(
    globals: PWDF_DRIVER_GLOBALS,
    FileObject: sys::WDFFILEOBJECT,
) -> sys::WDFDEVICE {
    const CALL: &str = "WdfFileObjectGetDevice";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let mut state = sim.lock();
    let Some(file) = state.expect_object(FileObject, Kind::FileObject, CALL) else {
        return std::ptr::null_mut();
    };
    match state.objects.get(&file).map(|o| &o.data) {
        Some(ObjData::FileObject(data)) => handle(data.device),
        _ => std::ptr::null_mut(),
    }
}
