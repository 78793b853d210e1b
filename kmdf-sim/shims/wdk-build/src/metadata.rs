//! The `[package.metadata.wdk]` table, as `wdk_build::metadata` reads it: [`Wdk`] and the errors
//! of finding exactly one in a workspace ([`TryFromCargoMetadataError`]).

use std::collections::HashSet;
use std::fmt;

use serde::de::Error as _;
use serde_json::{Map, Value};

use crate::{DriverConfig, KmdfConfig, UmdfConfig};

/// A package's (or the workspace's) `metadata.wdk` table.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Wdk {
    /// `driver-model`: the driver type and its framework version.
    pub driver_model: DriverConfig,
}

/// Why no single WDK configuration came out of the workspace's manifests.
#[derive(Debug)]
pub enum TryFromCargoMetadataError {
    /// No manifest has a (non-empty) `metadata.wdk` table.
    NoWdkConfigurationsDetected,
    /// Manifests disagree: a workspace has one configuration.
    MultipleWdkConfigurationsDetected {
        /// The distinct configurations found.
        wdk_metadata_configurations: HashSet<Wdk>,
    },
    /// A `metadata.wdk` table does not have wdk-build's shape.
    WdkMetadataDeserialization {
        /// Which table (`package.metadata["wdk"] for <name> package`, or the workspace's).
        metadata_source: String,
        /// What is wrong with it.
        error_source: serde_json::Error,
    },
}

impl fmt::Display for TryFromCargoMetadataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoWdkConfigurationsDetected => write!(
                f,
                "no WDK configuration metadata is detected in the dependency graph"
            ),
            Self::MultipleWdkConfigurationsDetected {
                wdk_metadata_configurations,
            } => write!(
                f,
                "multiple configurations of the WDK are detected across the dependency graph, but \
                 only one configuration is allowed: {wdk_metadata_configurations:#?}"
            ),
            Self::WdkMetadataDeserialization {
                metadata_source, ..
            } => write!(
                f,
                "failed to deserialize metadata::Wdk from {metadata_source}"
            ),
        }
    }
}

impl std::error::Error for TryFromCargoMetadataError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::WdkMetadataDeserialization { error_source, .. } => Some(error_source),
            _ => None,
        }
    }
}

/// The one configuration of a workspace, from `cargo metadata`'s JSON: every package's
/// `metadata.wdk` and the workspace's (an empty table counts as none, as in wdk-build).
pub(crate) fn from_cargo_metadata(metadata: &Value) -> Result<Wdk, TryFromCargoMetadataError> {
    let mut found = HashSet::new();
    let packages = metadata.get("packages").and_then(Value::as_array);
    for package in packages.into_iter().flatten() {
        let name = package.get("name").and_then(Value::as_str).unwrap_or("?");
        if let Some(table) = package.get("metadata").and_then(|m| m.get("wdk")) {
            let source = format!("package.metadata[\"wdk\"] for {name} package");
            if let Some(wdk) = parse_table(table, &source)? {
                found.insert(wdk);
            }
        }
    }
    let workspace_table = metadata
        .get("workspace_metadata")
        .and_then(|m| m.get("wdk"));
    if let Some(table) = workspace_table
        && let Some(wdk) = parse_table(table, "workspace.metadata[\"wdk\"]")?
    {
        found.insert(wdk);
    }
    match found.len() {
        0 => Err(TryFromCargoMetadataError::NoWdkConfigurationsDetected),
        1 => found
            .into_iter()
            .next()
            .ok_or(TryFromCargoMetadataError::NoWdkConfigurationsDetected),
        _ => Err(
            TryFromCargoMetadataError::MultipleWdkConfigurationsDetected {
                wdk_metadata_configurations: found,
            },
        ),
    }
}

/// One `metadata.wdk` table: `None` for a null or empty one.
fn parse_table(table: &Value, source: &str) -> Result<Option<Wdk>, TryFromCargoMetadataError> {
    match table {
        Value::Null => Ok(None),
        Value::Object(map) if map.is_empty() => Ok(None),
        _ => parse_wdk(table).map(Some).map_err(|error_source| {
            TryFromCargoMetadataError::WdkMetadataDeserialization {
                metadata_source: source.to_owned(),
                error_source,
            }
        }),
    }
}

/// `{ driver-model = { driver-type = "KMDF", kmdf-version-major = 1, ... } }`, no other keys.
fn parse_wdk(table: &Value) -> Result<Wdk, serde_json::Error> {
    let table = object(table, "metadata.wdk")?;
    only_keys(table, &["driver-model"])?;
    let model = table
        .get("driver-model")
        .ok_or_else(|| serde_json::Error::missing_field("driver-model"))?;
    let model = object(model, "driver-model")?;
    let driver_type = model
        .get("driver-type")
        .ok_or_else(|| serde_json::Error::missing_field("driver-type"))?
        .as_str()
        .ok_or_else(|| serde_json::Error::custom("driver-type must be a string"))?;
    let driver_model = match driver_type {
        "WDM" => {
            only_keys(model, &["driver-type"])?;
            DriverConfig::Wdm
        }
        "KMDF" => {
            let (major, target, minimum) = framework_version(model, "kmdf")?;
            DriverConfig::Kmdf(KmdfConfig {
                kmdf_version_major: major,
                target_kmdf_version_minor: target,
                minimum_kmdf_version_minor: minimum,
            })
        }
        "UMDF" => {
            let (major, target, minimum) = framework_version(model, "umdf")?;
            DriverConfig::Umdf(UmdfConfig {
                umdf_version_major: major,
                target_umdf_version_minor: target,
                minimum_umdf_version_minor: minimum,
            })
        }
        other => {
            return Err(serde_json::Error::unknown_variant(
                other,
                &["WDM", "KMDF", "UMDF"],
            ));
        }
    };
    Ok(Wdk { driver_model })
}

/// A KMDF or UMDF `driver-model` table's versions (`<framework>-version-major`,
/// `target-<framework>-version-minor`, `minimum-<framework>-version-minor`), no other keys.
fn framework_version(
    model: &Map<String, Value>,
    framework: &str,
) -> Result<(u8, u8, Option<u8>), serde_json::Error> {
    let major = format!("{framework}-version-major");
    let target = format!("target-{framework}-version-minor");
    let minimum = format!("minimum-{framework}-version-minor");
    if let Some(key) = model
        .keys()
        .find(|key| ![&*major, &*target, &*minimum, "driver-type"].contains(&key.as_str()))
    {
        return Err(serde_json::Error::custom(format!(
            "unknown field `{key}` in a {} driver-model",
            framework.to_ascii_uppercase()
        )));
    }
    Ok((
        required_u8(model, &major)?,
        required_u8(model, &target)?,
        optional_u8(model, &minimum)?,
    ))
}

fn object<'a>(value: &'a Value, what: &str) -> Result<&'a Map<String, Value>, serde_json::Error> {
    value
        .as_object()
        .ok_or_else(|| serde_json::Error::custom(format!("{what} must be a table")))
}

fn only_keys(
    table: &Map<String, Value>,
    allowed: &'static [&'static str],
) -> Result<(), serde_json::Error> {
    match table.keys().find(|key| !allowed.contains(&key.as_str())) {
        Some(key) => Err(serde_json::Error::unknown_field(key, allowed)),
        None => Ok(()),
    }
}

fn required_u8(table: &Map<String, Value>, key: &str) -> Result<u8, serde_json::Error> {
    optional_u8(table, key)?
        .ok_or_else(|| serde_json::Error::custom(format!("missing field `{key}`")))
}

fn optional_u8(table: &Map<String, Value>, key: &str) -> Result<Option<u8>, serde_json::Error> {
    table
        .get(key)
        .map(|value| serde_json::from_value::<u8>(value.clone()))
        .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn package(name: &str, wdk: &Value) -> Value {
        json!({ "name": name, "metadata": { "wdk": wdk } })
    }

    #[test]
    fn one_kmdf_table_is_the_configuration() {
        let metadata = json!({
            "packages": [
                package("driver", &json!({ "driver-model": {
                    "driver-type": "KMDF", "kmdf-version-major": 1,
                    "target-kmdf-version-minor": 33 } })),
                { "name": "helper", "metadata": null },
                package("marker", &json!({})),
            ],
            "workspace_metadata": null,
        });
        let wdk = from_cargo_metadata(&metadata).unwrap();
        assert_eq!(
            wdk.driver_model,
            DriverConfig::Kmdf(KmdfConfig {
                kmdf_version_major: 1,
                target_kmdf_version_minor: 33,
                minimum_kmdf_version_minor: None,
            })
        );
    }

    #[test]
    fn the_workspace_table_counts_and_agreeing_tables_are_one() {
        let table = json!({ "driver-model": { "driver-type": "WDM" } });
        let metadata = json!({
            "packages": [package("a", &table)],
            "workspace_metadata": { "wdk": table },
        });
        assert_eq!(
            from_cargo_metadata(&metadata).unwrap().driver_model,
            DriverConfig::Wdm
        );
    }

    #[test]
    fn none_two_different_or_a_malformed_table_are_errors() {
        let none = json!({ "packages": [{ "name": "a", "metadata": null }] });
        assert!(matches!(
            from_cargo_metadata(&none),
            Err(TryFromCargoMetadataError::NoWdkConfigurationsDetected)
        ));
        let two = json!({ "packages": [
            package("a", &json!({ "driver-model": { "driver-type": "WDM" } })),
            package("b", &json!({ "driver-model": { "driver-type": "UMDF",
                "umdf-version-major": 2, "target-umdf-version-minor": 33 } })),
        ] });
        assert!(matches!(
            from_cargo_metadata(&two),
            Err(TryFromCargoMetadataError::MultipleWdkConfigurationsDetected { wdk_metadata_configurations })
                if wdk_metadata_configurations.len() == 2
        ));
        for bad in [
            json!({ "driver-model": { "driver-type": "KMDF", "kmdf-version-major": 1 } }),
            json!({ "driver-model": { "driver-type": "KMDF", "kmdf-version-major": 1,
                "target-kmdf-version-minor": 300 } }),
            json!({ "driver-model": { "driver-type": "WDM", "extra": 1 } }),
            json!({ "driver-model": { "driver-type": "NDIS" } }),
            json!({ "driver-mode": {} }),
        ] {
            let result = from_cargo_metadata(&json!({ "packages": [package("bad", &bad)] }));
            assert!(
                matches!(
                    &result,
                    Err(TryFromCargoMetadataError::WdkMetadataDeserialization { metadata_source, .. })
                        if metadata_source.contains("bad package")
                ),
                "{bad}: {result:?}"
            );
        }
    }
}
