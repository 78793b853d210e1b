//! ETW as a driver meets it: the providers it registers (`EtwRegister`/`EtwUnregister`), the
//! sessions a test enables for a provider (by control GUID, level and keywords, as `logman`,
//! `tracelog` or a WPR profile do), and the events a session captured, with their typed fields.
//! An event no session listens to is discarded, as ETW discards it; a driver that checks
//! `enabled` first (as tracelogging's `write_event!` does) never writes one, and
//! [`EtwCounts::discarded`] shows whether it did. The capture is a bounded ring.
//! DDI: "EtwRegister function (wdm.h)", "EtwWriteTransfer function (wdm.h)",
//! "TraceLogging" (the event encoding whose field types the values are named after).

use std::collections::{BTreeMap, VecDeque};
use std::fmt;

use kmdf_sim_wdk_sys::__sim::{EtwEvent as RawEvent, EtwValue as RawValue};

/// Events kept at most; older ones are dropped first ([`EtwCounts::dropped`]).
pub const CAPTURE_LIMIT: usize = 100_000;

/// A control GUID in its canonical text, `cdb335c4-f2f7-423b-b78e-c508601826f4`.
#[must_use]
pub(crate) fn guid_text(id: u128) -> String {
    let hex = format!("{id:032x}");
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

/// ETW levels, as TraceLogging names them.
pub mod level {
    /// `Critical` (1).
    pub const CRITICAL: u8 = 1;
    /// `Error` (2).
    pub const ERROR: u8 = 2;
    /// `Warning` (3).
    pub const WARNING: u8 = 3;
    /// `Informational` (4).
    pub const INFORMATIONAL: u8 = 4;
    /// `Verbose` (5).
    pub const VERBOSE: u8 = 5;
}

/// A test's ETW session for one provider: the provider's control GUID (as `u128`), the highest
/// level it wants, and keyword bits (an event is captured when its level is at most `level` and
/// its keyword is 0 or has a bit of `match_any_keyword` and every bit of `match_all_keyword` —
/// the check tracelogging's `Provider::enabled` makes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EtwSession {
    /// The provider's control GUID.
    pub provider: u128,
    /// The highest level captured (5: verbose, everything).
    pub level: u8,
    /// An event's keyword must share a bit with this.
    pub match_any_keyword: u64,
    /// An event's keyword must hold every bit of this.
    pub match_all_keyword: u64,
}

impl EtwSession {
    /// A session for `provider` at `level` with `match_any_keyword` (and no all-keyword).
    #[must_use]
    pub const fn new(provider: u128, level: u8, match_any_keyword: u64) -> Self {
        Self {
            provider,
            level,
            match_any_keyword,
            match_all_keyword: 0,
        }
    }

    /// A session for everything `provider` writes (verbose, every keyword).
    #[must_use]
    pub const fn everything(provider: u128) -> Self {
        Self::new(provider, level::VERBOSE, u64::MAX)
    }

    /// Whether an event of `level` and `keyword` is captured.
    #[must_use]
    pub const fn accepts(&self, level: u8, keyword: u64) -> bool {
        level <= self.level
            && (keyword == 0
                || (keyword & self.match_any_keyword != 0
                    && keyword & self.match_all_keyword == self.match_all_keyword))
    }
}

/// A field value of a captured event (TraceLogging's field types of the same names).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EtwValue {
    /// `u8`.
    U8(u8),
    /// `u32`.
    U32(u32),
    /// `u32_hex`.
    Hex32(u32),
    /// `u64`.
    U64(u64),
    /// `win_ntstatus`.
    NtStatus(i32),
    /// `str8`.
    Str(String),
}

impl fmt::Display for EtwValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::U8(v) => write!(f, "{v}"),
            Self::U32(v) => write!(f, "{v}"),
            Self::Hex32(v) => write!(f, "{v:#x}"),
            Self::U64(v) => write!(f, "{v}"),
            Self::NtStatus(v) => write!(f, "{:#010x}", v.cast_unsigned()),
            Self::Str(v) => f.write_str(v),
        }
    }
}

/// One captured event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EtwEvent {
    /// The provider's name.
    pub provider: String,
    /// The provider's control GUID.
    pub provider_id: u128,
    /// The event's name.
    pub name: String,
    /// Its level.
    pub level: u8,
    /// Its keyword bits.
    pub keyword: u64,
    /// Its fields, in the order written.
    pub fields: Vec<(String, EtwValue)>,
}

impl EtwEvent {
    /// The value of the field `name`.
    #[must_use]
    pub fn field(&self, name: &str) -> Option<&EtwValue> {
        self.fields.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }
}

impl fmt::Display for EtwEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}/{} level {} keyword {:#x}",
            self.provider, self.name, self.level, self.keyword
        )?;
        for (name, value) in &self.fields {
            write!(f, " {name}={value}")?;
        }
        Ok(())
    }
}

/// What the ETW sink saw.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EtwCounts {
    /// `EtwRegister` calls.
    pub registrations: u64,
    /// Events written.
    pub written: u64,
    /// Events a session captured.
    pub captured: u64,
    /// Events written that no session listened to (or by an unregistered provider): ETW drops
    /// them. A driver that checks `enabled` before writing writes none.
    pub discarded: u64,
    /// Captured events dropped from the ring (over [`CAPTURE_LIMIT`]).
    pub dropped: u64,
}

/// The sink: registered providers, sessions, captured events.
#[derive(Default)]
pub(crate) struct Etw {
    /// Registrations by control GUID: the provider's name and how many are open.
    registered: BTreeMap<u128, (&'static str, u32)>,
    sessions: BTreeMap<u128, EtwSession>,
    events: VecDeque<EtwEvent>,
    counts: EtwCounts,
}

impl Etw {
    /// A sink with `sessions` enabled from the start.
    pub(crate) fn with_sessions(sessions: &[EtwSession]) -> Self {
        let mut etw = Self::default();
        for session in sessions {
            etw.enable(*session);
        }
        etw
    }

    /// `EtwRegister`.
    pub(crate) fn register(&mut self, id: u128, name: &'static str) {
        self.counts.registrations = self.counts.registrations.saturating_add(1);
        let entry = self.registered.entry(id).or_insert((name, 0));
        entry.1 = entry.1.saturating_add(1);
    }

    /// `EtwUnregister`; false if the provider was not registered.
    pub(crate) fn unregister(&mut self, id: u128) -> bool {
        match self.registered.get_mut(&id) {
            Some((_, open)) if *open > 1 => {
                *open -= 1;
                true
            }
            Some(_) => {
                self.registered.remove(&id);
                true
            }
            None => false,
        }
    }

    /// Providers still registered: name, control GUID and open registrations.
    pub(crate) fn registered(&self) -> Vec<(String, u128, u32)> {
        self.registered
            .iter()
            .map(|(id, (name, open))| ((*name).to_owned(), *id, *open))
            .collect()
    }

    /// A session starts listening (replacing the provider's earlier one).
    pub(crate) fn enable(&mut self, session: EtwSession) {
        self.sessions.insert(session.provider, session);
    }

    /// The provider's session stops.
    pub(crate) fn disable(&mut self, provider: u128) {
        self.sessions.remove(&provider);
    }

    /// Whether an event of this provider, level and keyword would be captured.
    pub(crate) fn enabled(&self, id: u128, level: u8, keyword: u64) -> bool {
        self.registered.contains_key(&id)
            && self
                .sessions
                .get(&id)
                .is_some_and(|s| s.accepts(level, keyword))
    }

    /// `EtwWriteTransfer`: captured if a session listens, else discarded.
    pub(crate) fn write(&mut self, event: &RawEvent<'_>) {
        self.counts.written = self.counts.written.saturating_add(1);
        if !self.enabled(event.provider.id, event.level, event.keyword) {
            self.counts.discarded = self.counts.discarded.saturating_add(1);
            return;
        }
        let fields = event
            .fields
            .iter()
            .map(|field| {
                let value = match field.value {
                    RawValue::U8(v) => EtwValue::U8(v),
                    RawValue::U32(v) => EtwValue::U32(v),
                    RawValue::Hex32(v) => EtwValue::Hex32(v),
                    RawValue::U64(v) => EtwValue::U64(v),
                    RawValue::NtStatus(v) => EtwValue::NtStatus(v),
                    RawValue::Str(v) => EtwValue::Str(v.to_owned()),
                };
                (field.name.to_owned(), value)
            })
            .collect();
        if self.events.len() >= CAPTURE_LIMIT {
            self.events.pop_front();
            self.counts.dropped = self.counts.dropped.saturating_add(1);
        }
        self.counts.captured = self.counts.captured.saturating_add(1);
        self.events.push_back(EtwEvent {
            provider: event.provider.name.to_owned(),
            provider_id: event.provider.id,
            name: event.name.to_owned(),
            level: event.level,
            keyword: event.keyword,
            fields,
        });
    }

    /// The captured events, oldest first.
    pub(crate) fn events(&self) -> Vec<EtwEvent> {
        self.events.iter().cloned().collect()
    }

    /// The captured events, oldest first, leaving none.
    pub(crate) fn take_events(&mut self) -> Vec<EtwEvent> {
        self.events.drain(..).collect()
    }

    pub(crate) fn counts(&self) -> EtwCounts {
        self.counts
    }
}

#[cfg(test)]
mod tests {
    use kmdf_sim_wdk_sys::__sim::{EtwField, EtwProvider};

    use super::*;

    const PROVIDER: EtwProvider = EtwProvider {
        name: "Test",
        id: 0x1234,
    };

    fn event(level: u8, keyword: u64) -> RawEvent<'static> {
        const FIELDS: &[EtwField<'static>] = &[
            EtwField {
                name: "Status",
                value: RawValue::NtStatus(-1_073_741_811),
            },
            EtwField {
                name: "Where",
                value: RawValue::Str("here"),
            },
        ];
        RawEvent {
            provider: &PROVIDER,
            name: "Thing",
            level,
            keyword,
            fields: FIELDS,
        }
    }

    #[test]
    fn sessions_filter_by_level_and_keyword_as_tracelogging_does() {
        let session = EtwSession::new(1, level::WARNING, 0b0110);
        assert!(session.accepts(level::ERROR, 0b0010));
        assert!(session.accepts(level::WARNING, 0));
        assert!(!session.accepts(level::INFORMATIONAL, 0b0010));
        assert!(!session.accepts(level::ERROR, 0b1000));
        let all = EtwSession {
            match_all_keyword: 0b0011,
            ..EtwSession::new(1, level::VERBOSE, u64::MAX)
        };
        assert!(all.accepts(level::VERBOSE, 0b0111));
        assert!(!all.accepts(level::VERBOSE, 0b0101));
    }

    #[test]
    fn an_event_is_captured_only_while_registered_and_listened_to() {
        let mut etw = Etw::default();
        etw.write(&event(level::ERROR, 1));
        etw.register(PROVIDER.id, PROVIDER.name);
        etw.write(&event(level::ERROR, 1));
        etw.enable(EtwSession::new(PROVIDER.id, level::WARNING, 1));
        etw.write(&event(level::VERBOSE, 1));
        etw.write(&event(level::ERROR, 1));
        assert!(etw.unregister(PROVIDER.id));
        assert!(!etw.unregister(PROVIDER.id));
        etw.write(&event(level::ERROR, 1));
        let events = etw.take_events();
        assert_eq!(events.len(), 1);
        assert_eq!(
            events[0].to_string(),
            "Test/Thing level 2 keyword 0x1 Status=0xc000000d Where=here"
        );
        assert_eq!(
            etw.counts(),
            EtwCounts {
                registrations: 1,
                written: 5,
                captured: 1,
                discarded: 4,
                dropped: 0
            }
        );
    }
}
