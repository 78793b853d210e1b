//! Framework entry points for string objects (wdfstring.h) and the driver object's queries
//! (wdfdriver.h, and `WdfDeviceGetDriver` of wdfdevice.h). DDI: "WdfStringCreate function
//! (wdfstring.h)", "WdfStringGetUnicodeString", "WdfDriverRetrieveVersionString function
//! (wdfdriver.h)", "WdfDriverIsVersionAvailable", "WdfDriverWdmGetDriverObject",
//! "WdfWdmDriverGetWdfDriverHandle", "WdfDeviceGetDriver function (wdfdevice.h)",
//! "WdfDeviceRetrieveDeviceInterfaceString".

#![expect(non_snake_case, reason = "parameter names follow the C prototypes")]

use kmdf_sim_wdk_sys as sys;
use sys::{NTSTATUS, PWDF_DRIVER_GLOBALS};

use super::device::read_unicode;
use super::write_out;
use crate::framework;
use crate::irql::{self, DISPATCH, PASSIVE};
use crate::state::{Kind, ObjData, ObjId, State, StringData, handle};
use crate::verifier::Rule;

/// The KMDF version kmdf-sim implements.
pub(crate) const KMDF_VERSION: (u32, u32) = (1, 33);

/// The text `WdfDriverRetrieveVersionString` gives.
pub(crate) const VERSION_STRING: &str = "Kernel Mode Driver Framework (kmdf-sim) version 1.33";

/// A `WDFSTRING`'s text, or None after a report.
pub(crate) fn string_mut<'a>(
    state: &'a mut State,
    string: sys::WDFSTRING,
    call: &str,
) -> Option<&'a mut Vec<u16>> {
    let id = state.expect_object(string, Kind::String, call)?;
    match state.objects.get_mut(&id).map(|o| &mut o.data) {
        Some(ObjData::String(data)) => Some(&mut data.units),
        _ => None,
    }
}

/// Replaces the text of a `WDFSTRING` (what the `Retrieve*String` and `Query*String` DDIs do).
pub(crate) fn assign_string(
    state: &mut State,
    string: sys::WDFSTRING,
    text: &str,
    call: &str,
) -> NTSTATUS {
    match string_mut(state, string, call) {
        Some(units) => {
            *units = text.encode_utf16().collect();
            sys::STATUS_SUCCESS
        }
        None => sys::STATUS_INVALID_HANDLE,
    }
}

/// Creates a `WDFSTRING` holding `units`, parented as the attributes say (default: `parent`).
pub(crate) fn create_string(
    state: &mut State,
    units: Vec<u16>,
    attributes: Option<sys::WDF_OBJECT_ATTRIBUTES>,
    parent: Option<ObjId>,
    call: &str,
) -> Result<ObjId, NTSTATUS> {
    framework::create_object(
        state,
        Kind::String,
        parent,
        attributes,
        ObjData::String(StringData { units }),
        call,
    )
}

pub(crate) unsafe extern "C" fn WdfStringCreate(
    globals: PWDF_DRIVER_GLOBALS,
    UnicodeString: sys::PCUNICODE_STRING,
    StringAttributes: sys::PWDF_OBJECT_ATTRIBUTES,
    String: *mut sys::WDFSTRING,
) -> NTSTATUS {
    const CALL: &str = "WdfStringCreate";
    let sim = irql::enter(globals, CALL, PASSIVE);
    let mut state = sim.lock();
    write_out(String, std::ptr::null_mut());
    if String.is_null() {
        state.violation(
            Rule::InvalidArgument,
            CALL,
            "WDFSTRING*".to_owned(),
            "String (the handle's out-pointer) is null".to_owned(),
        );
        return sys::STATUS_INVALID_PARAMETER;
    }
    let units = read_unicode(UnicodeString).unwrap_or_default();
    let parent = state.default_parent();
    match create_string(
        &mut state,
        units,
        framework::read_attributes(StringAttributes),
        parent,
        CALL,
    ) {
        Ok(id) => {
            write_out(String, handle(id));
            sys::STATUS_SUCCESS
        }
        Err(status) => status,
    }
}

pub(crate) unsafe extern "C" fn WdfStringGetUnicodeString(
    globals: PWDF_DRIVER_GLOBALS,
    String: sys::WDFSTRING,
    UnicodeString: sys::PUNICODE_STRING,
) {
    const CALL: &str = "WdfStringGetUnicodeString";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let mut state = sim.lock();
    if UnicodeString.is_null() {
        state.violation(
            Rule::InvalidArgument,
            CALL,
            "UNICODE_STRING*".to_owned(),
            "UnicodeString is null".to_owned(),
        );
        return;
    }
    let Some(units) = string_mut(&mut state, String, CALL) else {
        return;
    };
    let bytes = u16::try_from(units.len().saturating_mul(2)).unwrap_or(0xFFFE);
    let value = sys::UNICODE_STRING {
        Length: bytes,
        MaximumLength: bytes,
        // The framework's buffer: valid until the string object is deleted or reassigned.
        Buffer: if units.is_empty() {
            std::ptr::null_mut()
        } else {
            units.as_mut_ptr()
        },
    };
    write_out(UnicodeString, value);
}

/// The driver `driver` names, or None after a report.
fn driver_id(state: &mut State, driver: sys::WDFDRIVER, call: &str) -> Option<ObjId> {
    state.expect_object(driver, Kind::Driver, call)
}

pub(crate) unsafe extern "C" fn WdfDriverRetrieveVersionString(
    globals: PWDF_DRIVER_GLOBALS,
    Driver: sys::WDFDRIVER,
    String: sys::WDFSTRING,
) -> NTSTATUS {
    const CALL: &str = "WdfDriverRetrieveVersionString";
    let sim = irql::enter(globals, CALL, PASSIVE);
    let mut state = sim.lock();
    if driver_id(&mut state, Driver, CALL).is_none() {
        return sys::STATUS_INVALID_HANDLE;
    }
    assign_string(&mut state, String, VERSION_STRING, CALL)
}

pub(crate) unsafe extern "C" fn WdfDriverIsVersionAvailable(
    globals: PWDF_DRIVER_GLOBALS,
    Driver: sys::WDFDRIVER,
    VersionAvailableParams: sys::PWDF_DRIVER_VERSION_AVAILABLE_PARAMS,
) -> sys::BOOLEAN {
    const CALL: &str = "WdfDriverIsVersionAvailable";
    let sim = irql::enter(globals, CALL, PASSIVE);
    let mut state = sim.lock();
    if driver_id(&mut state, Driver, CALL).is_none() {
        return 0;
    }
    // SAFETY: the DDI contract: a non-null pointer points at the driver's parameters.
    let Some(params) = (unsafe { VersionAvailableParams.as_ref() }).copied() else {
        return 0;
    };
    // An invalid structure (wrong Size) answers FALSE, as the DDI page says.
    if usize::try_from(params.Size).ok()
        != Some(size_of::<sys::WDF_DRIVER_VERSION_AVAILABLE_PARAMS>())
    {
        return 0;
    }
    let (major, minor) = KMDF_VERSION;
    u8::from(params.MajorVersion == major && params.MinorVersion <= minor)
}

pub(crate) unsafe extern "C" fn WdfDriverWdmGetDriverObject(
    globals: PWDF_DRIVER_GLOBALS,
    Driver: sys::WDFDRIVER,
) -> sys::PDRIVER_OBJECT {
    const CALL: &str = "WdfDriverWdmGetDriverObject";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let mut state = sim.lock();
    let Some(id) = driver_id(&mut state, Driver, CALL) else {
        return std::ptr::null_mut();
    };
    state
        .extra
        .driver_objects
        .get(&id)
        .map_or(std::ptr::null_mut(), |address| {
            std::ptr::with_exposed_provenance_mut(*address)
        })
}

pub(crate) unsafe extern "C" fn WdfWdmDriverGetWdfDriverHandle(
    globals: PWDF_DRIVER_GLOBALS,
    DriverObject: sys::PDRIVER_OBJECT,
) -> sys::WDFDRIVER {
    const CALL: &str = "WdfWdmDriverGetWdfDriverHandle";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let state = sim.lock();
    state
        .extra
        .driver_objects
        .iter()
        .find(|(_, address)| **address == DriverObject.addr())
        .map_or(std::ptr::null_mut(), |(id, _)| handle(*id))
}

pub(crate) unsafe extern "C" fn WdfDeviceGetDriver(
    globals: PWDF_DRIVER_GLOBALS,
    Device: sys::WDFDEVICE,
) -> sys::WDFDRIVER {
    const CALL: &str = "WdfDeviceGetDriver";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let mut state = sim.lock();
    let Some(device) = state.expect_object(Device, Kind::Device, CALL) else {
        return std::ptr::null_mut();
    };
    state
        .objects
        .get(&device)
        .and_then(|o| o.parent)
        .map_or(std::ptr::null_mut(), handle)
}

pub(crate) unsafe extern "C" fn WdfDeviceRetrieveDeviceInterfaceString(
    globals: PWDF_DRIVER_GLOBALS,
    Device: sys::WDFDEVICE,
    InterfaceClassGUID: *const sys::GUID,
    ReferenceString: sys::PCUNICODE_STRING,
    String: sys::WDFSTRING,
) -> NTSTATUS {
    const CALL: &str = "WdfDeviceRetrieveDeviceInterfaceString";
    let sim = irql::enter(globals, CALL, PASSIVE);
    let mut state = sim.lock();
    let Some(device) = state.expect_object(Device, Kind::Device, CALL) else {
        return sys::STATUS_INVALID_HANDLE;
    };
    // SAFETY: the DDI contract: InterfaceClassGUID points at a GUID.
    let Some(guid) = (unsafe { InterfaceClassGUID.as_ref() }).copied() else {
        state.violation_on(
            Rule::InvalidArgument,
            CALL,
            device,
            "InterfaceClassGUID is null".to_owned(),
        );
        return sys::STATUS_INVALID_PARAMETER;
    };
    let reference = read_unicode(ReferenceString).map(|units| String::from_utf16_lossy(&units));
    let Some(path) =
        framework::device_state::interface_path_of(&state, device, &guid, reference.as_deref())
    else {
        // No such interface was created on this device, or the device has no device node.
        return sys::STATUS_INVALID_DEVICE_REQUEST;
    };
    assign_string(&mut state, String, &path, CALL)
}
