//! Framework entry points for registry keys (wdfregistry.h, `WdfDriverOpenParametersRegistryKey`
//! of wdfdriver.h, `WdfDeviceOpenRegistryKey` of wdfdevice.h) over the simulated registry
//! (`crate::registry`). Every one runs at PASSIVE_LEVEL. A key remembers the access it was opened
//! with: a query needs `KEY_QUERY_VALUE` and an assignment or removal `KEY_SET_VALUE` (the generic
//! rights map to `KEY_READ`, `KEY_WRITE` and `KEY_ALL_ACCESS`), else STATUS_ACCESS_DENIED. DDI:
//! "WdfRegistryQueryULong function (wdfregistry.h)" and its siblings,
//! "WdfDriverOpenParametersRegistryKey function (wdfdriver.h)", "WdfDeviceOpenRegistryKey
//! function (wdfdevice.h)".

#![expect(non_snake_case, reason = "parameter names follow the C prototypes")]

use kmdf_sim_wdk_sys as sys;
use sys::{NTSTATUS, PWDF_DRIVER_GLOBALS};

use super::device::read_unicode;
use super::strings::{assign_string, create_string, string_mut};
use super::write_out;
use crate::framework::{self, device_state};
use crate::irql::{self, PASSIVE};
use crate::memory::SimBuffer;
use crate::registry::RegistryValue;
use crate::state::{KeyData, Kind, MemoryData, ObjData, ObjId, State, handle};
use crate::verifier::Rule;

/// `STATUS_OBJECT_TYPE_MISMATCH` (ntstatus.h).
#[expect(
    clippy::cast_possible_wrap,
    reason = "an NTSTATUS written as its bit pattern"
)]
pub(crate) const STATUS_OBJECT_TYPE_MISMATCH: NTSTATUS = 0xC000_0024_u32 as i32;

const KEY_QUERY_VALUE: u32 = 0x0001;
const KEY_SET_VALUE: u32 = 0x0002;
const DELETE: u32 = 0x0001_0000;
const KEY_READ: u32 = 0x0002_0019;
const KEY_WRITE: u32 = 0x0002_0006;
const KEY_ALL_ACCESS: u32 = 0x000F_003F;
const GENERIC_READ: u32 = 0x8000_0000;
const GENERIC_WRITE: u32 = 0x4000_0000;
const GENERIC_ALL: u32 = 0x1000_0000;
const MAXIMUM_ALLOWED: u32 = 0x0200_0000;
/// `PLUGPLAY_REGKEY_DEVICE`: the device's hardware key.
const PLUGPLAY_REGKEY_DEVICE: u32 = 1;
/// `PLUGPLAY_REGKEY_DRIVER`: the device's software key.
const PLUGPLAY_REGKEY_DRIVER: u32 = 2;
/// `REG_CREATED_NEW_KEY`, `REG_OPENED_EXISTING_KEY`: `WdfRegistryCreateKey`'s disposition.
const REG_CREATED_NEW_KEY: u32 = 1;
const REG_OPENED_EXISTING_KEY: u32 = 2;

/// The rights an access mask grants, its generic rights mapped as the registry maps them.
const fn granted(access: u32) -> u32 {
    let mut rights = access;
    if access & GENERIC_READ != 0 {
        rights |= KEY_READ;
    }
    if access & GENERIC_WRITE != 0 {
        rights |= KEY_WRITE;
    }
    if access & (GENERIC_ALL | MAXIMUM_ALLOWED) != 0 {
        rights |= KEY_ALL_ACCESS;
    }
    rights
}

/// Creates a `WDFKEY` for `path` opened with `access`, parented as the attributes say (default:
/// `parent`), and writes its handle to `out`.
fn open_key(
    state: &mut State,
    path: String,
    access: u32,
    attributes: sys::PWDF_OBJECT_ATTRIBUTES,
    parent: Option<ObjId>,
    out: *mut sys::WDFKEY,
    call: &str,
) -> NTSTATUS {
    match framework::create_object(
        state,
        Kind::Key,
        parent,
        framework::read_attributes(attributes),
        ObjData::Key(KeyData {
            path,
            access: granted(access),
        }),
        call,
    ) {
        Ok(id) => {
            write_out(out, handle(id));
            sys::STATUS_SUCCESS
        }
        Err(status) => status,
    }
}

/// An open key's path, if it grants `needed` (else STATUS_ACCESS_DENIED); a bad handle is
/// reported.
fn key(state: &mut State, key: sys::WDFKEY, needed: u32, call: &str) -> Result<String, NTSTATUS> {
    let id = state
        .expect_object(key, Kind::Key, call)
        .ok_or(sys::STATUS_INVALID_HANDLE)?;
    match state.objects.get(&id).map(|o| &o.data) {
        Some(ObjData::Key(data)) if data.access & needed == needed => Ok(data.path.clone()),
        Some(ObjData::Key(_)) => Err(sys::STATUS_ACCESS_DENIED),
        _ => Err(sys::STATUS_INVALID_HANDLE),
    }
}

/// A value or key name the driver passed; null is reported (STATUS_INVALID_PARAMETER).
fn name(
    state: &mut State,
    name: sys::PCUNICODE_STRING,
    what: &str,
    call: &str,
) -> Result<String, NTSTATUS> {
    if let Some(units) = read_unicode(name) {
        return Ok(String::from_utf16_lossy(&units));
    }
    state.violation(
        Rule::InvalidArgument,
        call,
        "UNICODE_STRING".to_owned(),
        format!("{what} is null"),
    );
    Err(sys::STATUS_INVALID_PARAMETER)
}

/// What every query shares: the key (with query access), the value's name and the value.
fn query(
    globals: PWDF_DRIVER_GLOBALS,
    call: &'static str,
    key_handle: sys::WDFKEY,
    value_name: sys::PCUNICODE_STRING,
    body: impl FnOnce(&mut State, RegistryValue) -> NTSTATUS,
) -> NTSTATUS {
    let sim = irql::enter(globals, call, PASSIVE);
    let mut state = sim.lock();
    let path = match key(&mut state, key_handle, KEY_QUERY_VALUE, call) {
        Ok(path) => path,
        Err(status) => return status,
    };
    let value_name = match name(&mut state, value_name, "ValueName", call) {
        Ok(name) => name,
        Err(status) => return status,
    };
    match state.extra.registry.get(&path, &value_name).cloned() {
        Some(value) => body(&mut state, value),
        None => sys::STATUS_OBJECT_NAME_NOT_FOUND,
    }
}

/// What every assignment shares: the key (with set access), the value's name, then `value`
/// (which may fail with a status) is stored.
fn assign(
    globals: PWDF_DRIVER_GLOBALS,
    call: &'static str,
    key_handle: sys::WDFKEY,
    value_name: sys::PCUNICODE_STRING,
    value: impl FnOnce(&mut State) -> Result<RegistryValue, NTSTATUS>,
) -> NTSTATUS {
    let sim = irql::enter(globals, call, PASSIVE);
    let mut state = sim.lock();
    let path = match key(&mut state, key_handle, KEY_SET_VALUE, call) {
        Ok(path) => path,
        Err(status) => return status,
    };
    let value_name = match name(&mut state, value_name, "ValueName", call) {
        Ok(name) => name,
        Err(status) => return status,
    };
    match value(&mut state) {
        Ok(value) => {
            state.extra.registry.set(&path, &value_name, value);
            sys::STATUS_SUCCESS
        }
        Err(status) => status,
    }
}

pub(crate) unsafe extern "C" fn WdfDriverOpenParametersRegistryKey(
    globals: PWDF_DRIVER_GLOBALS,
    Driver: sys::WDFDRIVER,
    DesiredAccess: sys::ACCESS_MASK,
    KeyAttributes: sys::PWDF_OBJECT_ATTRIBUTES,
    Key: *mut sys::WDFKEY,
) -> NTSTATUS {
    const CALL: &str = "WdfDriverOpenParametersRegistryKey";
    let sim = irql::enter(globals, CALL, PASSIVE);
    let mut state = sim.lock();
    write_out(Key, std::ptr::null_mut());
    let Some(driver) = state.expect_object(Driver, Kind::Driver, CALL) else {
        return sys::STATUS_INVALID_HANDLE;
    };
    let Some(ObjData::Driver(data)) = state.objects.get(&driver).map(|o| &o.data) else {
        return sys::STATUS_INVALID_HANDLE;
    };
    let service = String::from_utf16_lossy(&data.registry_path);
    let path = format!(r"{}\Parameters", service.trim_end_matches('\0'));
    // The service key's Parameters subkey: the framework opens it, creating it if the INF did not.
    state.extra.registry.create_key(&path);
    open_key(
        &mut state,
        path,
        DesiredAccess,
        KeyAttributes,
        Some(driver),
        Key,
        CALL,
    )
}

pub(crate) unsafe extern "C" fn WdfDeviceOpenRegistryKey(
    globals: PWDF_DRIVER_GLOBALS,
    Device: sys::WDFDEVICE,
    DeviceInstanceKeyType: sys::ULONG,
    DesiredAccess: sys::ACCESS_MASK,
    KeyAttributes: sys::PWDF_OBJECT_ATTRIBUTES,
    Key: *mut sys::WDFKEY,
) -> NTSTATUS {
    const CALL: &str = "WdfDeviceOpenRegistryKey";
    let sim = irql::enter(globals, CALL, PASSIVE);
    let mut state = sim.lock();
    write_out(Key, std::ptr::null_mut());
    let Some(device) = state.expect_object(Device, Kind::Device, CALL) else {
        return sys::STATUS_INVALID_HANDLE;
    };
    let software = match DeviceInstanceKeyType {
        PLUGPLAY_REGKEY_DEVICE => false,
        PLUGPLAY_REGKEY_DRIVER => true,
        other => {
            state.violation_on(
                Rule::InvalidArgument,
                CALL,
                device,
                format!(
                    "DeviceInstanceKeyType {other:#x}: kmdf-sim opens PLUGPLAY_REGKEY_DEVICE (1) \
                     and PLUGPLAY_REGKEY_DRIVER (2)"
                ),
            );
            return sys::STATUS_INVALID_PARAMETER;
        }
    };
    let Some(path) = device_state::device_key(&state, device, software) else {
        // A control device has no device node, so no hardware or software key.
        return sys::STATUS_INVALID_DEVICE_REQUEST;
    };
    state.extra.registry.create_key(&path);
    open_key(
        &mut state,
        path,
        DesiredAccess,
        KeyAttributes,
        Some(device),
        Key,
        CALL,
    )
}

/// `WdfRegistryOpenKey` and `WdfRegistryCreateKey`: the path of `KeyName` under `ParentKey` (or
/// the full path, with no parent).
fn child_path(
    state: &mut State,
    parent: sys::WDFKEY,
    key_name: sys::PCUNICODE_STRING,
    call: &str,
) -> Result<String, NTSTATUS> {
    let key_name = name(state, key_name, "KeyName", call)?;
    if parent.is_null() {
        return Ok(key_name);
    }
    let parent = key(state, parent, 0, call)?;
    Ok(format!(r"{parent}\{key_name}"))
}

pub(crate) unsafe extern "C" fn WdfRegistryOpenKey(
    globals: PWDF_DRIVER_GLOBALS,
    ParentKey: sys::WDFKEY,
    KeyName: sys::PCUNICODE_STRING,
    DesiredAccess: sys::ACCESS_MASK,
    KeyAttributes: sys::PWDF_OBJECT_ATTRIBUTES,
    Key: *mut sys::WDFKEY,
) -> NTSTATUS {
    const CALL: &str = "WdfRegistryOpenKey";
    let sim = irql::enter(globals, CALL, PASSIVE);
    let mut state = sim.lock();
    write_out(Key, std::ptr::null_mut());
    let path = match child_path(&mut state, ParentKey, KeyName, CALL) {
        Ok(path) => path,
        Err(status) => return status,
    };
    if !state.extra.registry.key_exists(&path) {
        return sys::STATUS_OBJECT_NAME_NOT_FOUND;
    }
    let parent = state.default_parent();
    open_key(
        &mut state,
        path,
        DesiredAccess,
        KeyAttributes,
        parent,
        Key,
        CALL,
    )
}

pub(crate) unsafe extern "C" fn WdfRegistryCreateKey(
    globals: PWDF_DRIVER_GLOBALS,
    ParentKey: sys::WDFKEY,
    KeyName: sys::PCUNICODE_STRING,
    DesiredAccess: sys::ACCESS_MASK,
    CreateOptions: sys::ULONG,
    CreateDisposition: sys::PULONG,
    KeyAttributes: sys::PWDF_OBJECT_ATTRIBUTES,
    Key: *mut sys::WDFKEY,
) -> NTSTATUS {
    const CALL: &str = "WdfRegistryCreateKey";
    let sim = irql::enter(globals, CALL, PASSIVE);
    let mut state = sim.lock();
    write_out(Key, std::ptr::null_mut());
    // REG_OPTION_VOLATILE and the others change nothing a simulation can observe.
    let _ = CreateOptions;
    let path = match child_path(&mut state, ParentKey, KeyName, CALL) {
        Ok(path) => path,
        Err(status) => return status,
    };
    let created = state.extra.registry.create_key(&path);
    write_out(
        CreateDisposition,
        if created {
            REG_CREATED_NEW_KEY
        } else {
            REG_OPENED_EXISTING_KEY
        },
    );
    let parent = state.default_parent();
    open_key(
        &mut state,
        path,
        DesiredAccess,
        KeyAttributes,
        parent,
        Key,
        CALL,
    )
}

pub(crate) unsafe extern "C" fn WdfRegistryClose(globals: PWDF_DRIVER_GLOBALS, Key: sys::WDFKEY) {
    const CALL: &str = "WdfRegistryClose";
    let sim = irql::enter(globals, CALL, PASSIVE);
    let Some(id) = sim.lock().expect_object(Key, Kind::Key, CALL) else {
        return;
    };
    framework::delete_tree(&sim, id, "closed by WdfRegistryClose");
}

pub(crate) unsafe extern "C" fn WdfRegistryRemoveKey(
    globals: PWDF_DRIVER_GLOBALS,
    Key: sys::WDFKEY,
) -> NTSTATUS {
    const CALL: &str = "WdfRegistryRemoveKey";
    let sim = irql::enter(globals, CALL, PASSIVE);
    let id = {
        let mut state = sim.lock();
        let path = match key(&mut state, Key, DELETE, CALL) {
            Ok(path) => path,
            Err(status) => return status,
        };
        state.extra.registry.remove_key(&path);
        state.expect_object(Key, Kind::Key, CALL)
    };
    // The key is deleted and its object with it: the driver must not close it again.
    if let Some(id) = id {
        framework::delete_tree(&sim, id, "deleted by WdfRegistryRemoveKey");
    }
    sys::STATUS_SUCCESS
}

pub(crate) unsafe extern "C" fn WdfRegistryRemoveValue(
    globals: PWDF_DRIVER_GLOBALS,
    Key: sys::WDFKEY,
    ValueName: sys::PCUNICODE_STRING,
) -> NTSTATUS {
    const CALL: &str = "WdfRegistryRemoveValue";
    let sim = irql::enter(globals, CALL, PASSIVE);
    let mut state = sim.lock();
    let path = match key(&mut state, Key, KEY_SET_VALUE, CALL) {
        Ok(path) => path,
        Err(status) => return status,
    };
    let value_name = match name(&mut state, ValueName, "ValueName", CALL) {
        Ok(name) => name,
        Err(status) => return status,
    };
    if state.extra.registry.remove_value(&path, &value_name) {
        sys::STATUS_SUCCESS
    } else {
        sys::STATUS_OBJECT_NAME_NOT_FOUND
    }
}

pub(crate) unsafe extern "C" fn WdfRegistryQueryValue(
    globals: PWDF_DRIVER_GLOBALS,
    Key: sys::WDFKEY,
    ValueName: sys::PCUNICODE_STRING,
    ValueLength: sys::ULONG,
    Value: sys::PVOID,
    ValueLengthQueried: sys::PULONG,
    ValueType: sys::PULONG,
) -> NTSTATUS {
    query(
        globals,
        "WdfRegistryQueryValue",
        Key,
        ValueName,
        |_, value| {
            let data = value.data();
            write_out(
                ValueLengthQueried,
                u32::try_from(data.len()).unwrap_or(u32::MAX),
            );
            write_out(ValueType, value.reg_type());
            let room = usize::try_from(ValueLength).unwrap_or(usize::MAX);
            if Value.is_null() || room < data.len() {
                return sys::STATUS_BUFFER_OVERFLOW;
            }
            // SAFETY: the DDI contract: Value is valid for ValueLength bytes, at least `data.len()`.
            unsafe { std::ptr::copy_nonoverlapping(data.as_ptr(), Value.cast(), data.len()) };
            sys::STATUS_SUCCESS
        },
    )
}

pub(crate) unsafe extern "C" fn WdfRegistryQueryMemory(
    globals: PWDF_DRIVER_GLOBALS,
    Key: sys::WDFKEY,
    ValueName: sys::PCUNICODE_STRING,
    PoolType: sys::POOL_TYPE,
    MemoryAttributes: sys::PWDF_OBJECT_ATTRIBUTES,
    Memory: *mut sys::WDFMEMORY,
    ValueType: sys::PULONG,
) -> NTSTATUS {
    const CALL: &str = "WdfRegistryQueryMemory";
    write_out(Memory, std::ptr::null_mut());
    // The memory object is the framework's; its pool type changes nothing observable here.
    let _ = PoolType;
    query(globals, CALL, Key, ValueName, |state, value| {
        let data = value.data();
        let buffer = SimBuffer::filled(data.len(), &data, 0);
        let parent = state.default_parent();
        match framework::create_object(
            state,
            Kind::Memory,
            parent,
            framework::read_attributes(MemoryAttributes),
            ObjData::Memory(MemoryData { buffer, view: None }),
            CALL,
        ) {
            Ok(id) => {
                write_out(Memory, handle(id));
                write_out(ValueType, value.reg_type());
                sys::STATUS_SUCCESS
            }
            Err(status) => status,
        }
    })
}

pub(crate) unsafe extern "C" fn WdfRegistryQueryMultiString(
    globals: PWDF_DRIVER_GLOBALS,
    Key: sys::WDFKEY,
    ValueName: sys::PCUNICODE_STRING,
    StringsAttributes: sys::PWDF_OBJECT_ATTRIBUTES,
    Collection: sys::WDFCOLLECTION,
) -> NTSTATUS {
    const CALL: &str = "WdfRegistryQueryMultiString";
    query(globals, CALL, Key, ValueName, |state, value| {
        let Some(collection) = state.expect_object(Collection, Kind::Collection, CALL) else {
            return sys::STATUS_INVALID_HANDLE;
        };
        let RegistryValue::MultiString(strings) = value else {
            return STATUS_OBJECT_TYPE_MISMATCH;
        };
        let attributes = framework::read_attributes(StringsAttributes);
        for text in strings {
            // Each string is the collection's child unless the attributes name a parent.
            let id = match create_string(
                state,
                text.encode_utf16().collect(),
                attributes,
                Some(collection),
                CALL,
            ) {
                Ok(id) => id,
                Err(status) => return status,
            };
            if let Some(items) = state.collection_mut(collection) {
                items.items.push(id);
            }
        }
        sys::STATUS_SUCCESS
    })
}

pub(crate) unsafe extern "C" fn WdfRegistryQueryUnicodeString(
    globals: PWDF_DRIVER_GLOBALS,
    Key: sys::WDFKEY,
    ValueName: sys::PCUNICODE_STRING,
    ValueByteLength: sys::PUSHORT,
    Value: sys::PUNICODE_STRING,
) -> NTSTATUS {
    query(
        globals,
        "WdfRegistryQueryUnicodeString",
        Key,
        ValueName,
        |_, value| {
            let RegistryValue::String(text) = value else {
                return STATUS_OBJECT_TYPE_MISMATCH;
            };
            let units: Vec<u16> = text.encode_utf16().collect();
            // The stored length: the string and its NUL.
            let stored = units.len().saturating_add(1).saturating_mul(2);
            write_out(ValueByteLength, u16::try_from(stored).unwrap_or(u16::MAX));
            // SAFETY: the DDI contract: a non-null Value points at the driver's UNICODE_STRING.
            let Some(target) = (unsafe { Value.as_mut() }) else {
                return if ValueByteLength.is_null() {
                    sys::STATUS_INVALID_PARAMETER
                } else {
                    sys::STATUS_SUCCESS
                };
            };
            let bytes = units.len().saturating_mul(2);
            if target.Buffer.is_null() || usize::from(target.MaximumLength) < bytes {
                return sys::STATUS_BUFFER_OVERFLOW;
            }
            // SAFETY: the driver's buffer holds MaximumLength bytes, at least `bytes`.
            unsafe { std::ptr::copy_nonoverlapping(units.as_ptr(), target.Buffer, units.len()) };
            target.Length = u16::try_from(bytes).unwrap_or(u16::MAX);
            sys::STATUS_SUCCESS
        },
    )
}

pub(crate) unsafe extern "C" fn WdfRegistryQueryString(
    globals: PWDF_DRIVER_GLOBALS,
    Key: sys::WDFKEY,
    ValueName: sys::PCUNICODE_STRING,
    String: sys::WDFSTRING,
) -> NTSTATUS {
    const CALL: &str = "WdfRegistryQueryString";
    query(globals, CALL, Key, ValueName, |state, value| match value {
        RegistryValue::String(text) | RegistryValue::ExpandString(text) => {
            assign_string(state, String, &text, CALL)
        }
        _ => STATUS_OBJECT_TYPE_MISMATCH,
    })
}

pub(crate) unsafe extern "C" fn WdfRegistryQueryULong(
    globals: PWDF_DRIVER_GLOBALS,
    Key: sys::WDFKEY,
    ValueName: sys::PCUNICODE_STRING,
    Value: sys::PULONG,
) -> NTSTATUS {
    query(
        globals,
        "WdfRegistryQueryULong",
        Key,
        ValueName,
        |_, value| {
            let RegistryValue::DWord(number) = value else {
                return STATUS_OBJECT_TYPE_MISMATCH;
            };
            if Value.is_null() {
                return sys::STATUS_INVALID_PARAMETER;
            }
            write_out(Value, number);
            sys::STATUS_SUCCESS
        },
    )
}

pub(crate) unsafe extern "C" fn WdfRegistryAssignValue(
    globals: PWDF_DRIVER_GLOBALS,
    Key: sys::WDFKEY,
    ValueName: sys::PCUNICODE_STRING,
    ValueType: sys::ULONG,
    ValueLength: sys::ULONG,
    Value: sys::PVOID,
) -> NTSTATUS {
    assign(globals, "WdfRegistryAssignValue", Key, ValueName, |_| {
        let length = usize::try_from(ValueLength).unwrap_or(usize::MAX);
        if Value.is_null() && length > 0 {
            return Err(sys::STATUS_INVALID_PARAMETER);
        }
        let data = if length == 0 {
            Vec::new()
        } else {
            // SAFETY: the DDI contract: Value holds ValueLength bytes.
            unsafe { std::slice::from_raw_parts(Value.cast::<u8>(), length) }.to_vec()
        };
        Ok(RegistryValue::from_data(ValueType, &data))
    })
}

pub(crate) unsafe extern "C" fn WdfRegistryAssignMemory(
    globals: PWDF_DRIVER_GLOBALS,
    Key: sys::WDFKEY,
    ValueName: sys::PCUNICODE_STRING,
    ValueType: sys::ULONG,
    Memory: sys::WDFMEMORY,
    MemoryOffsets: sys::PWDFMEMORY_OFFSET,
) -> NTSTATUS {
    const CALL: &str = "WdfRegistryAssignMemory";
    assign(globals, CALL, Key, ValueName, |state| {
        let (pointer, len) =
            super::object::memory_buffer(state, Memory, CALL).ok_or(sys::STATUS_INVALID_HANDLE)?;
        // SAFETY: the DDI contract: a non-null MemoryOffsets points at a WDFMEMORY_OFFSET.
        let offsets = unsafe { MemoryOffsets.as_ref() }.copied();
        let (offset, count) = offsets.map_or((0, len), |o| {
            let count = if o.BufferLength == 0 {
                len.saturating_sub(o.BufferOffset)
            } else {
                o.BufferLength
            };
            (o.BufferOffset, count)
        });
        if offset.checked_add(count).is_none_or(|end| end > len) {
            return Err(sys::STATUS_INVALID_PARAMETER);
        }
        // SAFETY: `offset + count <= len`: inside the memory object's buffer.
        let start = unsafe { pointer.add(offset) };
        // SAFETY: `count` bytes from `start` lie inside the live memory object's buffer.
        let bytes = unsafe { std::slice::from_raw_parts(start, count) };
        Ok(RegistryValue::from_data(ValueType, bytes))
    })
}

pub(crate) unsafe extern "C" fn WdfRegistryAssignMultiString(
    globals: PWDF_DRIVER_GLOBALS,
    Key: sys::WDFKEY,
    ValueName: sys::PCUNICODE_STRING,
    StringsCollection: sys::WDFCOLLECTION,
) -> NTSTATUS {
    const CALL: &str = "WdfRegistryAssignMultiString";
    assign(globals, CALL, Key, ValueName, |state| {
        let collection = state
            .expect_object(StringsCollection, Kind::Collection, CALL)
            .ok_or(sys::STATUS_INVALID_HANDLE)?;
        let items = state
            .collection(collection)
            .map(|c| c.items.clone())
            .unwrap_or_default();
        let mut strings = Vec::new();
        for item in items {
            match state.objects.get(&item).map(|o| &o.data) {
                Some(ObjData::String(data)) => strings.push(String::from_utf16_lossy(&data.units)),
                // Every item must be a string object.
                _ => return Err(sys::STATUS_INVALID_PARAMETER),
            }
        }
        Ok(RegistryValue::MultiString(strings))
    })
}

pub(crate) unsafe extern "C" fn WdfRegistryAssignUnicodeString(
    globals: PWDF_DRIVER_GLOBALS,
    Key: sys::WDFKEY,
    ValueName: sys::PCUNICODE_STRING,
    Value: sys::PCUNICODE_STRING,
) -> NTSTATUS {
    const CALL: &str = "WdfRegistryAssignUnicodeString";
    assign(globals, CALL, Key, ValueName, |state| {
        name(state, Value, "Value", CALL).map(RegistryValue::String)
    })
}

pub(crate) unsafe extern "C" fn WdfRegistryAssignString(
    globals: PWDF_DRIVER_GLOBALS,
    Key: sys::WDFKEY,
    ValueName: sys::PCUNICODE_STRING,
    String: sys::WDFSTRING,
) -> NTSTATUS {
    const CALL: &str = "WdfRegistryAssignString";
    assign(globals, CALL, Key, ValueName, |state| {
        let units = string_mut(state, String, CALL).ok_or(sys::STATUS_INVALID_HANDLE)?;
        Ok(RegistryValue::String(
            std::string::String::from_utf16_lossy(units),
        ))
    })
}

pub(crate) unsafe extern "C" fn WdfRegistryAssignULong(
    globals: PWDF_DRIVER_GLOBALS,
    Key: sys::WDFKEY,
    ValueName: sys::PCUNICODE_STRING,
    Value: sys::ULONG,
) -> NTSTATUS {
    assign(globals, "WdfRegistryAssignULong", Key, ValueName, |_| {
        Ok(RegistryValue::DWord(Value))
    })
}
