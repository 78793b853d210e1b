//! ETW: a driver registers a provider, a test's session captures its events by level and
//! keyword, an event no session wants is discarded, and a provider left registered at unload is
//! reported (`EtwProviderNotUnregistered`, proven with a deliberately broken driver).

use kmdf_sim::wdk_sys::__sim::{
    EtwEvent as RawEvent, EtwField, EtwProvider, EtwValue as RawValue, routines,
};
use kmdf_sim::wdk_sys::{DRIVER_OBJECT, NTSTATUS, PCUNICODE_STRING, STATUS_INVALID_PARAMETER};
#[expect(dead_code, reason = "only the DriverEntry body is used here")]
mod common;
use common::create_driver;
use kmdf_sim::{
    EtwEvent, EtwSession, EtwValue, OnViolation, Rule, SimConfig, Simulation, etw_level,
};

const PROVIDER: EtwProvider = EtwProvider {
    name: "Test.Provider",
    id: 0x1111_2222_3333_4444_5555_6666_7777_8888,
};

/// Writes one event of `level` and `keyword` if a session listens (as tracelogging does).
fn write(level: u8, keyword: u64) {
    if !(routines().etw_enabled)(&PROVIDER, level, keyword) {
        return;
    }
    let fields = [
        EtwField {
            name: "Status",
            value: RawValue::NtStatus(STATUS_INVALID_PARAMETER),
        },
        EtwField {
            name: "Where",
            value: RawValue::Str("DriverEntry"),
        },
    ];
    (routines().etw_write)(&RawEvent {
        provider: &PROVIDER,
        name: "Started",
        level,
        keyword,
        fields: &fields,
    });
}

/// Registers the provider, writes an Error event (keyword 0x4) and a Verbose one (0x1), and
/// unregisters it again only when `UNREGISTER`.
unsafe extern "system" fn driver_entry<const UNREGISTER: bool>(
    driver: &mut DRIVER_OBJECT,
    registry_path: PCUNICODE_STRING,
) -> NTSTATUS {
    (routines().etw_register)(&PROVIDER);
    write(etw_level::ERROR, 0x4);
    write(etw_level::VERBOSE, 0x1);
    if UNREGISTER {
        (routines().etw_unregister)(&PROVIDER);
    }
    // SAFETY: forwarded from DriverEntry.
    unsafe { create_driver(driver, registry_path, None) }
}

fn config(sessions: Vec<EtwSession>) -> SimConfig {
    SimConfig {
        etw: sessions,
        on_violation: OnViolation::Record,
        ..SimConfig::default()
    }
}

#[test]
fn a_session_captures_the_events_of_its_level_and_keywords() {
    let session = EtwSession::new(PROVIDER.id, etw_level::WARNING, 0x4);
    let sim = Simulation::load_with(driver_entry::<true>, config(vec![session])).unwrap();
    assert_eq!(
        sim.take_etw_events(),
        [EtwEvent {
            provider: "Test.Provider".to_owned(),
            provider_id: PROVIDER.id,
            name: "Started".to_owned(),
            level: etw_level::ERROR,
            keyword: 0x4,
            fields: vec![
                (
                    "Status".to_owned(),
                    EtwValue::NtStatus(STATUS_INVALID_PARAMETER)
                ),
                ("Where".to_owned(), EtwValue::Str("DriverEntry".to_owned())),
            ],
        }]
    );
    let counts = sim.etw_counts();
    assert_eq!(
        (
            counts.registrations,
            counts.written,
            counts.captured,
            counts.discarded
        ),
        (1, 1, 1, 0)
    );
    assert_eq!(sim.unload(), []);
}

#[test]
fn with_no_session_nothing_is_written() {
    let sim = Simulation::load_with(driver_entry::<true>, config(Vec::new())).unwrap();
    assert_eq!(sim.etw_events(), []);
    assert_eq!(sim.etw_counts().written, 0);
    // A session started later sees what is written from then on.
    sim.enable_etw(EtwSession::everything(PROVIDER.id));
    (routines().etw_register)(&PROVIDER);
    write(etw_level::VERBOSE, 0x1);
    assert_eq!(
        sim.etw_providers(),
        [("Test.Provider".to_owned(), PROVIDER.id, 1)]
    );
    (routines().etw_unregister)(&PROVIDER);
    assert_eq!(sim.take_etw_events().len(), 1);
    sim.disable_etw(PROVIDER.id);
    assert_eq!(sim.unload(), []);
}

#[test]
fn a_provider_left_registered_at_unload_is_reported() {
    let sim = Simulation::load_with(driver_entry::<false>, config(Vec::new())).unwrap();
    let violations = sim.unload();
    assert_eq!(
        violations.iter().map(|v| v.rule).collect::<Vec<_>>(),
        [Rule::EtwProviderNotUnregistered]
    );
    let text = violations[0].to_string();
    assert!(
        text.contains(
            "ETW provider Test.Provider {11112222-3333-4444-5555-666677778888}: registered 1 \
             time(s) with EtwRegister and never unregistered"
        ),
        "{text}"
    );
}
