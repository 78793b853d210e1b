//! The simulated registry under the `WdfRegistry*` DDIs: DriverEntry reads its preset
//! `Parameters`, writes values of each kind through a key opened for writing (and is refused
//! through one opened for reading), reads them back with each query, creates, opens and removes
//! subkeys; EvtDriverDeviceAdd reads the device's hardware key and writes its software key. The
//! test presets the registry through `SimConfig::registry` and reads back what the driver wrote.

use kmdf_sim::wdk_sys::{
    DRIVER_OBJECT, NTSTATUS, PCUNICODE_STRING, PWDFDEVICE_INIT, STATUS_ACCESS_DENIED,
    STATUS_BUFFER_OVERFLOW, STATUS_OBJECT_NAME_NOT_FOUND, STATUS_SUCCESS, ULONG, UNICODE_STRING,
    WDF_DRIVER_CONFIG, WDF_NO_OBJECT_ATTRIBUTES, WDFCOLLECTION, WDFDEVICE, WDFDRIVER, WDFKEY,
    WDFMEMORY, WDFSTRING, call_unsafe_wdf_function_binding,
};
use kmdf_sim::{OnViolation, Registry, RegistryValue, Rule, SimConfig, Simulation};

#[expect(dead_code, reason = "this test uses only some of the shared helpers")]
mod common;
use common::size_u32;
#[path = "common/record.rs"]
mod record;
use record::{Text, record, seen, serial, take, text_of};

const KEY_READ: u32 = 0x2_0019;
const KEY_ALL_ACCESS: u32 = 0xF_003F;
const PLUGPLAY_REGKEY_DEVICE: u32 = 1;
const PLUGPLAY_REGKEY_DRIVER: u32 = 2;
const REG_BINARY: u32 = 3;
#[expect(
    clippy::cast_possible_wrap,
    reason = "an NTSTATUS written as its bit pattern"
)]
const STATUS_OBJECT_TYPE_MISMATCH: NTSTATUS = 0xC000_0024_u32 as i32;
const PARAMETERS: &str = r"\REGISTRY\MACHINE\SYSTEM\ControlSet001\Services\regdrv\Parameters";

/// The tests' value names, kept for the process (reachable, so not a leak to memcheck).
static NAMES: std::sync::Mutex<Vec<Text>> = std::sync::Mutex::new(Vec::new());

fn name(text: &str) -> UNICODE_STRING {
    let kept = Text::new(text);
    // The UNICODE_STRING points at the text's heap buffer, which stays put when NAMES takes it.
    let unicode = kept.unicode();
    NAMES
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .push(kept);
    unicode
}

fn query_ulong(key: WDFKEY, value: &str) -> (NTSTATUS, ULONG) {
    let mut out: ULONG = 0;
    // SAFETY: a live key; the name and the out-pointer outlive the call.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(WdfRegistryQueryULong, key, &name(value), &raw mut out)
    };
    (status, out)
}

fn open_parameters(driver: WDFDRIVER, access: u32) -> WDFKEY {
    let mut key: WDFKEY = core::ptr::null_mut();
    // SAFETY: the live driver; out-pointer is a local.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfDriverOpenParametersRegistryKey,
            driver,
            access,
            WDF_NO_OBJECT_ATTRIBUTES,
            &raw mut key
        )
    };
    record("open parameters", status);
    key
}

fn close(key: WDFKEY) {
    // SAFETY: a live key the driver opened.
    unsafe { call_unsafe_wdf_function_binding!(WdfRegistryClose, key) };
}

fn new_string() -> WDFSTRING {
    let mut string: WDFSTRING = core::ptr::null_mut();
    // SAFETY: out-pointer is a local; an empty string.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfStringCreate,
            core::ptr::null(),
            WDF_NO_OBJECT_ATTRIBUTES,
            &raw mut string
        )
    };
    record("string create", status);
    string
}

fn string_text(string: WDFSTRING) -> String {
    let mut value = UNICODE_STRING::default();
    // SAFETY: a live string; out-pointer is a local.
    unsafe { call_unsafe_wdf_function_binding!(WdfStringGetUnicodeString, string, &raw mut value) };
    text_of(&value)
}

/// Reads through a key opened for reading, and is refused a write through it.
fn read_only(driver: WDFDRIVER) {
    let key = open_parameters(driver, KEY_READ);
    let (status, value) = query_ulong(key, "Threshold");
    record("threshold status", status);
    record("threshold", value);
    record("missing", query_ulong(key, "NoSuchValue").0);
    record("string as ulong", query_ulong(key, "Greeting").0);
    // SAFETY: a live key; the name outlives the call.
    let refused = unsafe {
        call_unsafe_wdf_function_binding!(WdfRegistryAssignULong, key, &name("Threshold"), 8)
    };
    record("assign through read key", refused);
    close(key);
}

fn write_values(key: WDFKEY) {
    // SAFETY: a live key opened for all access; the name outlives the call.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(WdfRegistryAssignULong, key, &name("Count"), 42)
    };
    record("assign ulong", status);
    let text = Text::new("written by the driver");
    // SAFETY: as above.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfRegistryAssignUnicodeString,
            key,
            &name("Note"),
            &text.unicode()
        )
    };
    record("assign unicode string", status);
    let mut blob = [1_u8, 2, 3, 4, 5];
    // SAFETY: as above.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfRegistryAssignValue,
            key,
            &name("Blob"),
            REG_BINARY,
            5,
            blob.as_mut_ptr().cast()
        )
    };
    record("assign value", status);
    let mut collection: WDFCOLLECTION = core::ptr::null_mut();
    // SAFETY: as above.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfCollectionCreate,
            WDF_NO_OBJECT_ATTRIBUTES,
            &raw mut collection
        )
    };
    record("collection create", status);
    for word in ["alpha", "beta"] {
        let text = Text::new(word);
        let mut string: WDFSTRING = core::ptr::null_mut();
        // SAFETY: as above.
        let status = unsafe {
            call_unsafe_wdf_function_binding!(
                WdfStringCreate,
                &text.unicode(),
                WDF_NO_OBJECT_ATTRIBUTES,
                &raw mut string
            )
        };
        record("string create", status);
        // SAFETY: as above.
        let status = unsafe {
            call_unsafe_wdf_function_binding!(WdfCollectionAdd, collection, string.cast())
        };
        record("collection add", status);
    }
    // SAFETY: as above.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfRegistryAssignMultiString,
            key,
            &name("Words"),
            collection
        )
    };
    record("assign multi string", status);
    let first: WDFSTRING =
        // SAFETY: as above.
        unsafe { call_unsafe_wdf_function_binding!(WdfCollectionGetFirstItem, collection) }.cast();
    // SAFETY: as above.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(WdfRegistryAssignString, key, &name("First"), first)
    };
    record("assign string", status);
    // SAFETY: the collection and its strings are the driver's.
    unsafe { call_unsafe_wdf_function_binding!(WdfObjectDelete, collection.cast()) };
}

#[expect(clippy::too_many_lines, reason = "one query of each kind, in order")]
fn read_values(key: WDFKEY) {
    let (mut length, mut kind): (ULONG, ULONG) = (0, 0);
    let mut small = [0_u8; 2];
    // SAFETY: a live key; the name, buffer and out-pointers outlive the call.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfRegistryQueryValue,
            key,
            &name("Blob"),
            2,
            small.as_mut_ptr().cast(),
            &raw mut length,
            &raw mut kind
        )
    };
    record("query value small", status);
    record("query value length", length);
    record("query value type", kind);
    let mut units = [0_u16; 64];
    let mut value = UNICODE_STRING {
        Length: 0,
        MaximumLength: 128,
        Buffer: units.as_mut_ptr(),
    };
    let mut bytes: u16 = 0;
    // SAFETY: as above.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfRegistryQueryUnicodeString,
            key,
            &name("Note"),
            &raw mut bytes,
            &raw mut value
        )
    };
    record("query unicode string", status);
    record("query unicode string bytes", bytes);
    record(
        "note matches",
        i64::from(text_of(&value) == "written by the driver"),
    );
    let mut tiny = UNICODE_STRING {
        Length: 0,
        MaximumLength: 4,
        Buffer: units.as_mut_ptr(),
    };
    // SAFETY: as above.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfRegistryQueryUnicodeString,
            key,
            &name("Note"),
            core::ptr::null_mut(),
            &raw mut tiny
        )
    };
    record("query unicode string tiny", status);
    let string = new_string();
    // SAFETY: as above.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(WdfRegistryQueryString, key, &name("First"), string)
    };
    record("query string", status);
    record("first is alpha", i64::from(string_text(string) == "alpha"));
    let mut collection: WDFCOLLECTION = core::ptr::null_mut();
    // SAFETY: as above.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfCollectionCreate,
            WDF_NO_OBJECT_ATTRIBUTES,
            &raw mut collection
        )
    };
    record("collection create", status);
    // SAFETY: as above.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfRegistryQueryMultiString,
            key,
            &name("Words"),
            WDF_NO_OBJECT_ATTRIBUTES,
            collection
        )
    };
    record("query multi string", status);
    // SAFETY: as above.
    record("multi string count", unsafe {
        call_unsafe_wdf_function_binding!(WdfCollectionGetCount, collection)
    });
    let last: WDFSTRING =
        // SAFETY: as above.
        unsafe { call_unsafe_wdf_function_binding!(WdfCollectionGetLastItem, collection) }.cast();
    record("last is beta", i64::from(string_text(last) == "beta"));
    let mut memory: WDFMEMORY = core::ptr::null_mut();
    // SAFETY: as above.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfRegistryQueryMemory,
            key,
            &name("Blob"),
            0,
            WDF_NO_OBJECT_ATTRIBUTES,
            &raw mut memory,
            &raw mut kind
        )
    };
    record("query memory", status);
    let mut size = 0_usize;
    // SAFETY: as above.
    let buffer =
        // SAFETY: live objects of this driver; pointers outlive the call.
        unsafe { call_unsafe_wdf_function_binding!(WdfMemoryGetBuffer, memory, &raw mut size) };
    // SAFETY: the memory object's buffer holds `size` bytes.
    let bytes = unsafe { std::slice::from_raw_parts(buffer.cast::<u8>(), size) };
    record("memory matches", i64::from(bytes == [1, 2, 3, 4, 5]));
    for object in [memory.cast(), collection.cast(), string.cast()] {
        // SAFETY: the driver's own objects.
        unsafe { call_unsafe_wdf_function_binding!(WdfObjectDelete, object) };
    }
}

fn subkeys(parent: WDFKEY) {
    let mut disposition: ULONG = 0;
    let mut key: WDFKEY = core::ptr::null_mut();
    for round in 0..2 {
        // SAFETY: a live parent key; the name and out-pointers outlive the call.
        let status = unsafe {
            call_unsafe_wdf_function_binding!(
                WdfRegistryCreateKey,
                parent,
                &name("Sub"),
                KEY_ALL_ACCESS,
                0,
                &raw mut disposition,
                WDF_NO_OBJECT_ATTRIBUTES,
                &raw mut key
            )
        };
        record(&format!("create key {round}"), status);
        record(&format!("disposition {round}"), disposition);
        if round == 0 {
            close(key);
        }
    }
    // SAFETY: a live key; the name outlives the call.
    let status = unsafe { call_unsafe_wdf_function_binding!(WdfRegistryRemoveKey, key) };
    record("remove key", status);
    let mut opened: WDFKEY = core::ptr::null_mut();
    // SAFETY: as above.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfRegistryOpenKey,
            parent,
            &name("Sub"),
            KEY_READ,
            WDF_NO_OBJECT_ATTRIBUTES,
            &raw mut opened
        )
    };
    record("open removed key", status);
    // SAFETY: as above.
    let status =
        // SAFETY: live objects of this driver; pointers outlive the call.
        unsafe { call_unsafe_wdf_function_binding!(WdfRegistryRemoveValue, parent, &name("Blob")) };
    record("remove value", status);
    // SAFETY: as above.
    let status =
        // SAFETY: live objects of this driver; pointers outlive the call.
        unsafe { call_unsafe_wdf_function_binding!(WdfRegistryRemoveValue, parent, &name("Blob")) };
    record("remove value again", status);
}

unsafe extern "system" fn driver_entry(
    driver_object: &mut DRIVER_OBJECT,
    registry_path: PCUNICODE_STRING,
) -> NTSTATUS {
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
    read_only(driver);
    let key = open_parameters(driver, KEY_ALL_ACCESS);
    write_values(key);
    read_values(key);
    subkeys(key);
    close(key);
    STATUS_SUCCESS
}

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
    if status != STATUS_SUCCESS {
        return status;
    }
    for (kind, what) in [
        (PLUGPLAY_REGKEY_DEVICE, "hardware"),
        (PLUGPLAY_REGKEY_DRIVER, "software"),
        (4, "hwprofile"),
    ] {
        let mut key: WDFKEY = core::ptr::null_mut();
        // SAFETY: the live device; out-pointer is a local.
        let status = unsafe {
            call_unsafe_wdf_function_binding!(
                WdfDeviceOpenRegistryKey,
                device,
                kind,
                KEY_ALL_ACCESS,
                WDF_NO_OBJECT_ATTRIBUTES,
                &raw mut key
            )
        };
        record(&format!("open {what} key"), status);
        if status != STATUS_SUCCESS {
            continue;
        }
        if kind == PLUGPLAY_REGKEY_DEVICE {
            let (status, value) = query_ulong(key, "PortCount");
            record("port count status", status);
            record("port count", value);
        } else {
            // SAFETY: a live key; the name outlives the call.
            let status = unsafe {
                call_unsafe_wdf_function_binding!(WdfRegistryAssignULong, key, &name("Seen"), 1)
            };
            record("assign software", status);
        }
        close(key);
    }
    STATUS_SUCCESS
}

fn hardware_key_of_first_node() -> String {
    r"\REGISTRY\MACHINE\SYSTEM\ControlSet001\Enum\ROOT\REGDEV\0000\Device Parameters".to_owned()
}

#[test]
#[expect(clippy::too_many_lines, reason = "the scenario reads as one story")]
fn a_driver_reads_its_preset_parameters_and_writes_and_reads_each_kind_of_value() {
    let _serial = serial();
    let registry = Registry::new()
        .with_value(PARAMETERS, "Threshold", RegistryValue::DWord(7))
        .with_value(
            PARAMETERS,
            "Greeting",
            RegistryValue::String("hi".to_owned()),
        )
        .with_value(
            &hardware_key_of_first_node(),
            "PortCount",
            RegistryValue::DWord(3),
        );
    let _ = take();
    let sim = Simulation::load_with(
        driver_entry,
        SimConfig {
            driver_name: "regdrv".to_owned(),
            on_violation: OnViolation::Record,
            registry,
            ..SimConfig::default()
        },
    )
    .unwrap();
    assert_eq!(sim.parameters_key(sim.driver()), PARAMETERS);
    let seen_now = take();
    let at = |what: &str| seen(&seen_now, what);
    assert_eq!(at("open parameters"), i64::from(STATUS_SUCCESS));
    assert_eq!(at("threshold status"), i64::from(STATUS_SUCCESS));
    assert_eq!(at("threshold"), 7);
    assert_eq!(at("missing"), i64::from(STATUS_OBJECT_NAME_NOT_FOUND));
    assert_eq!(
        at("string as ulong"),
        i64::from(STATUS_OBJECT_TYPE_MISMATCH)
    );
    assert_eq!(
        at("assign through read key"),
        i64::from(STATUS_ACCESS_DENIED)
    );
    for what in [
        "assign ulong",
        "assign unicode string",
        "assign value",
        "assign multi string",
        "assign string",
        "query unicode string",
        "query string",
        "query multi string",
        "query memory",
        "create key 0",
        "create key 1",
        "remove key",
        "remove value",
    ] {
        assert_eq!(at(what), i64::from(STATUS_SUCCESS), "{what}: {seen_now:?}");
    }
    // QueryValue with too small a buffer: STATUS_BUFFER_OVERFLOW, the length and type it needs.
    assert_eq!(at("query value small"), i64::from(STATUS_BUFFER_OVERFLOW));
    assert_eq!(at("query value length"), 5);
    assert_eq!(at("query value type"), i64::from(REG_BINARY));
    // The UNICODE_STRING query: its byte length counts the NUL; a short buffer overflows.
    assert_eq!(at("query unicode string bytes"), 2 * 22);
    assert_eq!(at("note matches"), 1);
    assert_eq!(
        at("query unicode string tiny"),
        i64::from(STATUS_BUFFER_OVERFLOW)
    );
    assert_eq!(at("first is alpha"), 1);
    assert_eq!(at("multi string count"), 2);
    assert_eq!(at("last is beta"), 1);
    assert_eq!(at("memory matches"), 1);
    // REG_CREATED_NEW_KEY, then REG_OPENED_EXISTING_KEY; a removed key cannot be opened.
    assert_eq!(at("disposition 0"), 1);
    assert_eq!(at("disposition 1"), 2);
    assert_eq!(
        at("open removed key"),
        i64::from(STATUS_OBJECT_NAME_NOT_FOUND)
    );
    assert_eq!(
        at("remove value again"),
        i64::from(STATUS_OBJECT_NAME_NOT_FOUND)
    );
    // What the driver wrote is in the registry for the test to read.
    assert_eq!(
        sim.registry_value(PARAMETERS, "count"),
        Some(RegistryValue::DWord(42))
    );
    assert_eq!(
        sim.registry_value(PARAMETERS, "Words"),
        Some(RegistryValue::MultiString(vec![
            "alpha".to_owned(),
            "beta".to_owned()
        ]))
    );
    assert_eq!(
        sim.registry_value(PARAMETERS, "Note"),
        Some(RegistryValue::String("written by the driver".to_owned()))
    );
    assert_eq!(sim.registry_value(PARAMETERS, "Blob"), None);
    assert!(!sim.registry_key_exists(&format!(r"{PARAMETERS}\Sub")));
    assert!(sim.take_violations().is_empty());

    // EvtDriverDeviceAdd reads the hardware key and writes the software key.
    let device = sim.add_device(r"Root\RegDev").unwrap();
    assert_eq!(sim.hardware_key(device), hardware_key_of_first_node());
    let seen_now = take();
    let at = |what: &str| seen(&seen_now, what);
    assert_eq!(at("open hardware key"), i64::from(STATUS_SUCCESS));
    assert_eq!(at("port count"), 3);
    assert_eq!(at("assign software"), i64::from(STATUS_SUCCESS));
    assert_eq!(
        sim.registry_value(&sim.software_key(device), "Seen"),
        Some(RegistryValue::DWord(1))
    );
    // PLUGPLAY_REGKEY_CURRENT_HWPROFILE alone is not a key kmdf-sim opens: reported.
    assert_eq!(
        at("open hwprofile key"),
        i64::from(kmdf_sim::wdk_sys::STATUS_INVALID_PARAMETER)
    );
    let violations = sim.take_violations();
    assert_eq!(violations.len(), 1, "{violations:?}");
    assert_eq!(violations[0].rule, Rule::InvalidArgument);
    assert_eq!(violations[0].call, "WdfDeviceOpenRegistryKey");
    sim.set_registry_value(PARAMETERS, "Late", RegistryValue::QWord(9));
    assert_eq!(
        sim.registry_value(PARAMETERS, "late"),
        Some(RegistryValue::QWord(9))
    );
    sim.remove_device(device).unwrap();
    assert!(sim.unload().is_empty());
}
