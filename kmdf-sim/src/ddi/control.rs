//! Framework entry points for control devices (wdfcontrol.h, and the naming calls of
//! wdfdevice.h) and collections (wdfcollection.h). DDI: "WdfControlDeviceInitAllocate function
//! (wdfcontrol.h)", "WdfDeviceInitAssignName", "WdfDeviceInitFree",
//! "WdfDeviceCreateSymbolicLink", "WdfControlFinishInitializing", "WdfCollectionCreate" and the
//! other collection methods.

#![expect(non_snake_case, reason = "parameter names follow the C prototypes")]

use kmdf_sim_wdk_sys as sys;
use sys::{NTSTATUS, PWDF_DRIVER_GLOBALS};

use super::device::{read_unicode, with_init};
use super::write_out;
use crate::framework;
use crate::irql::{self, DISPATCH, PASSIVE};
use crate::state::{CollectionData, ControlData, InitData, Kind, ObjData, ObjId, State, handle};
use crate::verifier::Rule;

/// A UNICODE_STRING argument as text (None if the pointer is null).
fn text(string: sys::PCUNICODE_STRING) -> Option<String> {
    read_unicode(string).map(|units| String::from_utf16_lossy(&units))
}

pub(crate) unsafe extern "C" fn WdfControlDeviceInitAllocate(
    globals: PWDF_DRIVER_GLOBALS,
    Driver: sys::WDFDRIVER,
    SDDLString: *const sys::UNICODE_STRING,
) -> sys::PWDFDEVICE_INIT {
    const CALL: &str = "WdfControlDeviceInitAllocate";
    let sim = irql::enter(globals, CALL, PASSIVE);
    let mut state = sim.lock();
    let Some(driver) = state.expect_object(Driver, Kind::Driver, CALL) else {
        return std::ptr::null_mut();
    };
    if text(SDDLString).is_none_or(|sddl| sddl.is_empty()) {
        state.violation_on(
            Rule::InvalidArgument,
            CALL,
            driver,
            "a control device needs an SDDL string (SDDLString is null or empty)".to_owned(),
        );
        return std::ptr::null_mut();
    }
    let init = InitData {
        driver,
        devnode: None,
        io_type: sys::_WDF_DEVICE_IO_TYPE::WdfDeviceIoBuffered,
        exclusive: false,
        pnp: None,
        file: None,
        request_attributes: None,
        filter: false,
        control: Some(ControlData::default()),
        security: None,
        characteristics: 0,
    };
    match framework::create_object(
        &mut state,
        Kind::DeviceInit,
        None,
        None,
        ObjData::DeviceInit(Box::new(init)),
        CALL,
    ) {
        Ok(id) => handle(id),
        Err(_) => std::ptr::null_mut(),
    }
}

pub(crate) unsafe extern "C" fn WdfDeviceInitAssignName(
    globals: PWDF_DRIVER_GLOBALS,
    DeviceInit: sys::PWDFDEVICE_INIT,
    DeviceName: sys::PCUNICODE_STRING,
) -> NTSTATUS {
    const CALL: &str = "WdfDeviceInitAssignName";
    let sim = irql::enter(globals, CALL, PASSIVE);
    let mut state = sim.lock();
    let name = text(DeviceName);
    let mut assigned = false;
    let init = with_init(&mut state, DeviceInit, CALL, |init| {
        if let (Some(control), Some(name)) = (init.control.as_mut(), name.clone()) {
            control.name = Some(name);
            assigned = true;
        }
    });
    match init {
        None => sys::STATUS_INVALID_PARAMETER,
        Some(_) if assigned => sys::STATUS_SUCCESS,
        Some(id) => {
            state.violation_on(
                Rule::Unsupported,
                CALL,
                id,
                "kmdf-sim names control devices only (a PnP device's name is not simulated), \
                 and the name must not be null"
                    .to_owned(),
            );
            sys::STATUS_NOT_IMPLEMENTED
        }
    }
}

pub(crate) unsafe extern "C" fn WdfDeviceInitFree(
    globals: PWDF_DRIVER_GLOBALS,
    DeviceInit: sys::PWDFDEVICE_INIT,
) {
    const CALL: &str = "WdfDeviceInitFree";
    let sim = irql::enter(globals, CALL, PASSIVE);
    let mut state = sim.lock();
    let Some(id) = with_init(&mut state, DeviceInit, CALL, |_| {}) else {
        return;
    };
    if state.init_mut(id).is_some_and(|i| i.control.is_none()) {
        state.violation_on(
            Rule::InvalidArgument,
            CALL,
            id,
            "the framework frees a PnP device's WDFDEVICE_INIT; WdfDeviceInitFree is for one \
             from WdfControlDeviceInitAllocate"
                .to_owned(),
        );
        return;
    }
    framework::remove_object(&mut state, id, "freed by WdfDeviceInitFree");
}

/// The control data of device `device`, or a report that it is not a control device.
fn control_device<'a>(
    state: &'a mut State,
    device: sys::WDFDEVICE,
    call: &str,
) -> Option<&'a mut ControlData> {
    let id = state.expect_object(device, Kind::Device, call)?;
    if state.device(id).is_some_and(|d| d.control.is_none()) {
        state.violation_on(
            Rule::InvalidArgument,
            call,
            id,
            "not a control device (kmdf-sim links and finishes control devices only)".to_owned(),
        );
        return None;
    }
    state.device_mut(id).and_then(|d| d.control.as_mut())
}

pub(crate) unsafe extern "C" fn WdfDeviceCreateSymbolicLink(
    globals: PWDF_DRIVER_GLOBALS,
    Device: sys::WDFDEVICE,
    SymbolicLinkName: sys::PCUNICODE_STRING,
) -> NTSTATUS {
    const CALL: &str = "WdfDeviceCreateSymbolicLink";
    let sim = irql::enter(globals, CALL, PASSIVE);
    let mut state = sim.lock();
    let Some(link) = text(SymbolicLinkName).filter(|l| !l.is_empty()) else {
        return sys::STATUS_INVALID_PARAMETER;
    };
    let taken = framework::file::named_device(&state, &link).is_some();
    let Some(control) = control_device(&mut state, Device, CALL) else {
        return sys::STATUS_INVALID_DEVICE_REQUEST;
    };
    if taken {
        return sys::STATUS_OBJECT_NAME_COLLISION;
    }
    control.links.push(link);
    sys::STATUS_SUCCESS
}

pub(crate) unsafe extern "C" fn WdfControlFinishInitializing(
    globals: PWDF_DRIVER_GLOBALS,
    Device: sys::WDFDEVICE,
) {
    const CALL: &str = "WdfControlFinishInitializing";
    let sim = irql::enter(globals, CALL, DISPATCH);
    if let Some(control) = control_device(&mut sim.lock(), Device, CALL) {
        control.initializing = false;
    }
}

pub(crate) unsafe extern "C" fn WdfCollectionCreate(
    globals: PWDF_DRIVER_GLOBALS,
    CollectionAttributes: sys::PWDF_OBJECT_ATTRIBUTES,
    Collection: *mut sys::WDFCOLLECTION,
) -> NTSTATUS {
    const CALL: &str = "WdfCollectionCreate";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let mut state = sim.lock();
    write_out(Collection, std::ptr::null_mut());
    let parent = state.default_parent();
    match framework::create_object(
        &mut state,
        Kind::Collection,
        parent,
        framework::read_attributes(CollectionAttributes),
        ObjData::Collection(CollectionData::default()),
        CALL,
    ) {
        Ok(id) => {
            write_out(Collection, handle(id));
            sys::STATUS_SUCCESS
        }
        Err(status) => status,
    }
}

/// The collection's items, or None after a report.
fn items<'a>(
    state: &'a mut State,
    collection: sys::WDFCOLLECTION,
    call: &str,
) -> Option<&'a mut Vec<ObjId>> {
    let id = state.expect_object(collection, Kind::Collection, call)?;
    state.collection_mut(id).map(|c| &mut c.items)
}

pub(crate) unsafe extern "C" fn WdfCollectionGetCount(
    globals: PWDF_DRIVER_GLOBALS,
    Collection: sys::WDFCOLLECTION,
) -> sys::ULONG {
    const CALL: &str = "WdfCollectionGetCount";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let mut state = sim.lock();
    let Some(id) = state.expect_object(Collection, Kind::Collection, CALL) else {
        return 0;
    };
    state
        .collection(id)
        .map_or(0, |c| u32::try_from(c.items.len()).unwrap_or(u32::MAX))
}

pub(crate) unsafe extern "C" fn WdfCollectionAdd(
    globals: PWDF_DRIVER_GLOBALS,
    Collection: sys::WDFCOLLECTION,
    Object: sys::WDFOBJECT,
) -> NTSTATUS {
    const CALL: &str = "WdfCollectionAdd";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let mut state = sim.lock();
    let Some(object) = crate::state::id_of(Object).filter(|id| state.objects.contains_key(id))
    else {
        state.violation(
            Rule::InvalidHandle,
            CALL,
            format!("WDFOBJECT {:#x}", Object.addr()),
            "the object to add is not a live object".to_owned(),
        );
        return sys::STATUS_INVALID_HANDLE;
    };
    if state.allocation_fails(CALL) {
        return sys::STATUS_INSUFFICIENT_RESOURCES;
    }
    match items(&mut state, Collection, CALL) {
        Some(items) => {
            items.push(object);
            sys::STATUS_SUCCESS
        }
        None => sys::STATUS_INVALID_HANDLE,
    }
}

pub(crate) unsafe extern "C" fn WdfCollectionRemove(
    globals: PWDF_DRIVER_GLOBALS,
    Collection: sys::WDFCOLLECTION,
    Item: sys::WDFOBJECT,
) {
    const CALL: &str = "WdfCollectionRemove";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let mut state = sim.lock();
    let wanted = crate::state::id_of(Item);
    let removed = items(&mut state, Collection, CALL).map(|items| {
        let position = items.iter().position(|i| Some(*i) == wanted);
        position.map(|at| items.remove(at))
    });
    if let Some(None) = removed {
        state.violation(
            Rule::InvalidArgument,
            CALL,
            format!("WDFOBJECT {:#x}", Item.addr()),
            "the object is not in the collection".to_owned(),
        );
    }
}

pub(crate) unsafe extern "C" fn WdfCollectionRemoveItem(
    globals: PWDF_DRIVER_GLOBALS,
    Collection: sys::WDFCOLLECTION,
    Index: sys::ULONG,
) {
    const CALL: &str = "WdfCollectionRemoveItem";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let mut state = sim.lock();
    let index = usize::try_from(Index).unwrap_or(usize::MAX);
    let removed = items(&mut state, Collection, CALL)
        .map(|items| (index < items.len()).then(|| items.remove(index)));
    if let Some(None) = removed {
        state.violation(
            Rule::InvalidArgument,
            CALL,
            format!("WDFCOLLECTION {:#x}", Collection.addr()),
            format!("index {Index} is past the end of the collection"),
        );
    }
}

/// The item at `index` (`None`: from the end) as a handle, NULL if there is none.
fn item(
    globals: PWDF_DRIVER_GLOBALS,
    call: &'static str,
    collection: sys::WDFCOLLECTION,
    index: Option<sys::ULONG>,
) -> sys::WDFOBJECT {
    let sim = irql::enter(globals, call, DISPATCH);
    let mut state = sim.lock();
    let Some(items) = items(&mut state, collection, call) else {
        return std::ptr::null_mut();
    };
    let found = match index {
        Some(index) => usize::try_from(index).ok().and_then(|i| items.get(i)),
        None => items.last(),
    };
    found.map_or(std::ptr::null_mut(), |id| handle(*id))
}

pub(crate) unsafe extern "C" fn WdfCollectionGetItem(
    globals: PWDF_DRIVER_GLOBALS,
    Collection: sys::WDFCOLLECTION,
    Index: sys::ULONG,
) -> sys::WDFOBJECT {
    item(globals, "WdfCollectionGetItem", Collection, Some(Index))
}

pub(crate) unsafe extern "C" fn WdfCollectionGetFirstItem(
    globals: PWDF_DRIVER_GLOBALS,
    Collection: sys::WDFCOLLECTION,
) -> sys::WDFOBJECT {
    item(globals, "WdfCollectionGetFirstItem", Collection, Some(0))
}

pub(crate) unsafe extern "C" fn WdfCollectionGetLastItem(
    globals: PWDF_DRIVER_GLOBALS,
    Collection: sys::WDFCOLLECTION,
) -> sys::WDFOBJECT {
    item(globals, "WdfCollectionGetLastItem", Collection, None)
}
