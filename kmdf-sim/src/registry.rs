//! The simulated registry: keys by path (case-insensitive, as the configuration manager compares
//! them), each with named values of the registry's types. A test presets it
//! ([`crate::SimConfig::registry`], [`crate::SimHandle::set_registry_value`]) and reads back what
//! the driver wrote ([`crate::SimHandle::registry_value`]); the `WdfRegistry*` DDIs work on it.
//! DDI: "Using the Registry in WDF Drivers", "WdfRegistryQueryValue function (wdfregistry.h)".

use std::collections::BTreeMap;

/// `REG_SZ`.
pub(crate) const REG_SZ: u32 = 1;
/// `REG_EXPAND_SZ`.
pub(crate) const REG_EXPAND_SZ: u32 = 2;
/// `REG_BINARY`.
pub(crate) const REG_BINARY: u32 = 3;
/// `REG_DWORD`.
pub(crate) const REG_DWORD: u32 = 4;
/// `REG_MULTI_SZ`.
pub(crate) const REG_MULTI_SZ: u32 = 7;
/// `REG_QWORD`.
pub(crate) const REG_QWORD: u32 = 11;

/// A registry value, as a test presets or reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RegistryValue {
    /// `REG_DWORD`.
    DWord(u32),
    /// `REG_QWORD`.
    QWord(u64),
    /// `REG_SZ` (stored NUL-terminated, as the configuration manager stores it).
    String(String),
    /// `REG_EXPAND_SZ` (not expanded).
    ExpandString(String),
    /// `REG_MULTI_SZ`: the strings, each NUL-terminated, then one more NUL.
    MultiString(Vec<String>),
    /// `REG_BINARY`.
    Binary(Vec<u8>),
    /// Any other type, as raw bytes.
    Other {
        /// The `REG_*` type.
        reg_type: u32,
        /// The data.
        data: Vec<u8>,
    },
}

fn utf16_bytes(text: &str, out: &mut Vec<u8>) {
    for unit in text.encode_utf16().chain([0]) {
        out.extend_from_slice(&unit.to_le_bytes());
    }
}

/// Splits little-endian UTF-16 bytes at NULs (a trailing odd byte is dropped).
fn utf16_strings(data: &[u8]) -> Vec<String> {
    let units: Vec<u16> = data
        .chunks_exact(2)
        .map(|pair| u16::from_le_bytes([pair[0], pair[1]]))
        .collect();
    units
        .split(|unit| *unit == 0)
        .map(String::from_utf16_lossy)
        .collect()
}

impl RegistryValue {
    /// The value's `REG_*` type.
    #[must_use]
    pub const fn reg_type(&self) -> u32 {
        match self {
            Self::DWord(_) => REG_DWORD,
            Self::QWord(_) => REG_QWORD,
            Self::String(_) => REG_SZ,
            Self::ExpandString(_) => REG_EXPAND_SZ,
            Self::MultiString(_) => REG_MULTI_SZ,
            Self::Binary(_) => REG_BINARY,
            Self::Other { reg_type, .. } => *reg_type,
        }
    }

    /// The value's data as the registry stores it (strings in UTF-16LE with their NULs).
    #[must_use]
    pub fn data(&self) -> Vec<u8> {
        let mut out = Vec::new();
        match self {
            Self::DWord(value) => out.extend_from_slice(&value.to_le_bytes()),
            Self::QWord(value) => out.extend_from_slice(&value.to_le_bytes()),
            Self::String(text) | Self::ExpandString(text) => utf16_bytes(text, &mut out),
            Self::MultiString(strings) => {
                for text in strings {
                    utf16_bytes(text, &mut out);
                }
                out.extend_from_slice(&[0, 0]);
            }
            Self::Binary(data) | Self::Other { data, .. } => out.extend_from_slice(data),
        }
        out
    }

    /// A value of type `reg_type` with the data `data`, as a driver assigns it.
    #[must_use]
    pub fn from_data(reg_type: u32, data: &[u8]) -> Self {
        let first_string = || utf16_strings(data).into_iter().next().unwrap_or_default();
        match (reg_type, data.len()) {
            (REG_DWORD, 4) => Self::DWord(u32::from_le_bytes([data[0], data[1], data[2], data[3]])),
            (REG_QWORD, 8) => {
                let mut bytes = [0; 8];
                bytes.copy_from_slice(data);
                Self::QWord(u64::from_le_bytes(bytes))
            }
            (REG_SZ, _) => Self::String(first_string()),
            (REG_EXPAND_SZ, _) => Self::ExpandString(first_string()),
            (REG_MULTI_SZ, _) => {
                let mut strings = utf16_strings(data);
                // The list ends at the first empty string (the terminating double NUL).
                if let Some(end) = strings.iter().position(String::is_empty) {
                    strings.truncate(end);
                }
                Self::MultiString(strings)
            }
            (REG_BINARY, _) => Self::Binary(data.to_vec()),
            _ => Self::Other {
                reg_type,
                data: data.to_vec(),
            },
        }
    }
}

/// One key: its path as first written, and its values by lowercase name.
#[derive(Clone, Debug, Default)]
struct Key {
    values: BTreeMap<String, (String, RegistryValue)>,
}

/// The simulated registry. Paths are full kernel paths (`\REGISTRY\MACHINE\...`), compared
/// without regard to case; a value name is compared the same way (the default value is `""`).
#[derive(Clone, Debug, Default)]
pub struct Registry {
    keys: BTreeMap<String, Key>,
}

fn fold(text: &str) -> String {
    text.trim_end_matches('\\').to_lowercase()
}

impl Registry {
    /// An empty registry.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// This registry with `name` under `key` set to `value` (the key and its parents created).
    #[must_use]
    pub fn with_value(mut self, key: &str, name: &str, value: RegistryValue) -> Self {
        self.set(key, name, value);
        self
    }

    /// Sets `name` under `key` to `value`, creating the key (and its parents) if needed.
    pub fn set(&mut self, key: &str, name: &str, value: RegistryValue) {
        self.create_key(key);
        if let Some(entry) = self.keys.get_mut(&fold(key)) {
            entry
                .values
                .insert(name.to_lowercase(), (name.to_owned(), value));
        }
    }

    /// The value `name` under `key`, if both exist.
    #[must_use]
    pub fn get(&self, key: &str, name: &str) -> Option<&RegistryValue> {
        self.keys
            .get(&fold(key))?
            .values
            .get(&name.to_lowercase())
            .map(|(_, value)| value)
    }

    /// Removes the value `name` under `key`; false if there was none.
    pub(crate) fn remove_value(&mut self, key: &str, name: &str) -> bool {
        self.keys
            .get_mut(&fold(key))
            .is_some_and(|k| k.values.remove(&name.to_lowercase()).is_some())
    }

    /// Whether the key exists.
    #[must_use]
    pub fn key_exists(&self, key: &str) -> bool {
        self.keys.contains_key(&fold(key))
    }

    /// Creates the key and every missing parent; true if the key itself was new.
    pub(crate) fn create_key(&mut self, key: &str) -> bool {
        let folded = fold(key);
        let mut created = false;
        for (at, _) in folded.match_indices('\\').skip(1) {
            self.keys.entry(folded[..at].to_owned()).or_default();
        }
        self.keys.entry(folded).or_insert_with(|| {
            created = true;
            Key::default()
        });
        created
    }

    /// Removes a key and its subkeys; false if it did not exist.
    pub(crate) fn remove_key(&mut self, key: &str) -> bool {
        let folded = fold(key);
        let below = format!("{folded}\\");
        let existed = self.keys.remove(&folded).is_some();
        self.keys.retain(|path, _| !path.starts_with(&below));
        existed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_round_trip_through_their_stored_bytes() {
        let values = [
            RegistryValue::DWord(7),
            RegistryValue::QWord(1 << 40),
            RegistryValue::String("abc".to_owned()),
            RegistryValue::ExpandString("%x%".to_owned()),
            RegistryValue::MultiString(vec!["a".to_owned(), "bc".to_owned()]),
            RegistryValue::Binary(vec![1, 2, 3]),
            RegistryValue::Other {
                reg_type: 99,
                data: vec![9],
            },
        ];
        for value in values {
            assert_eq!(
                RegistryValue::from_data(value.reg_type(), &value.data()),
                value
            );
        }
        assert_eq!(RegistryValue::String("ab".to_owned()).data().len(), 6);
    }

    #[test]
    fn keys_and_names_ignore_case_and_parents_exist() {
        let mut registry = Registry::new().with_value(r"\A\B\C", "Name", RegistryValue::DWord(1));
        assert!(registry.key_exists(r"\a\b"));
        assert_eq!(
            registry.get(r"\A\b\c\", "NAME"),
            Some(&RegistryValue::DWord(1))
        );
        assert!(registry.remove_value(r"\a\b\c", "name"));
        assert!(!registry.remove_value(r"\a\b\c", "name"));
        assert!(registry.remove_key(r"\a\b"));
        assert!(!registry.key_exists(r"\a\b\c"));
        assert!(registry.key_exists(r"\a"));
    }
}
