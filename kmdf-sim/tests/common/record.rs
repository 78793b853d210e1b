//! What a test driver saw, kept for the test to assert after the simulator call returns (nothing
//! may panic inside a callback), and counted UTF-16 strings for the DDIs that take them.
//! Included with `#[path = "common/record.rs"] mod record;` by the tests that use it.

use std::sync::Mutex;

use kmdf_sim::wdk_sys::UNICODE_STRING;

static SEEN: Mutex<Vec<(String, i64)>> = Mutex::new(Vec::new());
static SERIAL: Mutex<()> = Mutex::new(());

/// Holds the record for one test: the tests of a binary that share it run one at a time (the
/// simulations would anyway, but a test that takes the record between another's calls would
/// steal what that one's driver recorded).
pub fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Records `value` under `what`.
pub fn record(what: &str, value: impl Into<i64>) {
    SEEN.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .push((what.to_owned(), value.into()));
}

/// Everything recorded since the last call, in order.
pub fn take() -> Vec<(String, i64)> {
    std::mem::take(
        &mut *SEEN
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner),
    )
}

/// The value recorded last under `what`.
///
/// # Panics
/// If nothing was recorded under `what`.
pub fn seen(all: &[(String, i64)], what: &str) -> i64 {
    match all.iter().rev().find(|(name, _)| name == what) {
        Some((_, value)) => *value,
        None => panic!("nothing recorded as {what}: {all:?}"),
    }
}

/// A UTF-16 string the driver can point a UNICODE_STRING at.
pub struct Text(Vec<u16>);

impl Text {
    pub fn new(text: &str) -> Self {
        Self(text.encode_utf16().collect())
    }

    /// The UNICODE_STRING over it (valid while `self` lives).
    pub fn unicode(&self) -> UNICODE_STRING {
        let bytes = u16::try_from(self.0.len() * 2).unwrap_or(0);
        UNICODE_STRING {
            Length: bytes,
            MaximumLength: bytes,
            Buffer: self.0.as_ptr().cast_mut(),
        }
    }
}

/// The text of a UNICODE_STRING.
pub fn text_of(string: &UNICODE_STRING) -> String {
    if string.Buffer.is_null() {
        return String::new();
    }
    // SAFETY: a UNICODE_STRING the framework filled: Buffer holds Length bytes.
    let units =
        unsafe { std::slice::from_raw_parts(string.Buffer, usize::from(string.Length / 2)) };
    String::from_utf16_lossy(units)
}
