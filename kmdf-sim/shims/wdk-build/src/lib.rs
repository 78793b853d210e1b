//! kmdf-sim's stand-in for `wdk-build` 0.6.0: the API a driver's build script calls —
//! [`configure_wdk_binary_build`], [`configure_wdk_library_build`],
//! [`configure_wdk_library_build_and_then`], [`Config::from_env_auto`] with
//! [`Config::configure_binary_build`] / [`Config::configure_library_build`] — with the same names,
//! types and results.
//!
//! Like wdk-build, it finds the one `[package.metadata.wdk]` (or `[workspace.metadata.wdk]`)
//! table of the workspace with `cargo metadata` and emits the cfg wdk-build emits from it,
//! `driver_model__driver_type="KMDF"` (`"WDM"`, `"UMDF"`), with its `rustc-check-cfg`. Unlike it,
//! it needs no WDK: it generates no bindings and emits no link arguments (a host test binary is
//! not a kernel image), and it does not require the static CRT. What differs otherwise:
//! `cargo metadata` runs with `--no-deps` from the package being built, so the tables read are
//! the workspace members' and the workspace's (wdk-build also reads path dependencies outside the
//! workspace); the cargo-make helpers (`wdk_build::cargo_make`) and the bindgen and WDK-path
//! helpers are not here.

mod error;
pub mod metadata;

use std::collections::BTreeSet;
use std::env;
use std::fmt;
use std::path::PathBuf;
use std::process::Command;
use std::str::FromStr;

pub use error::{ConfigError, IoError};

/// The configuration of a build that depends on the WDK: here, the driver model only (and the
/// target architecture, which nothing reads on the host).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The CPU architecture built for (from `CARGO_CFG_TARGET_ARCH` in a build script).
    cpu_architecture: CpuArchitecture,
    /// The driver model: WDM, KMDF or UMDF with its framework version.
    pub driver_config: DriverConfig,
}

/// The driver type with its framework version.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum DriverConfig {
    /// Windows Driver Model.
    Wdm,
    /// Kernel-Mode Driver Framework.
    Kmdf(KmdfConfig),
    /// User-Mode Driver Framework.
    Umdf(UmdfConfig),
}

/// A KMDF driver's framework version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KmdfConfig {
    /// The major version (1).
    pub kmdf_version_major: u8,
    /// The minor version built against.
    pub target_kmdf_version_minor: u8,
    /// The oldest minor version the driver runs on.
    pub minimum_kmdf_version_minor: Option<u8>,
}

/// A UMDF driver's framework version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct UmdfConfig {
    /// The major version (2).
    pub umdf_version_major: u8,
    /// The minor version built against.
    pub target_umdf_version_minor: u8,
    /// The oldest minor version the driver runs on.
    pub minimum_umdf_version_minor: Option<u8>,
}

/// The CPU architecture built for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CpuArchitecture {
    /// x86-64 (AMD64, x64).
    Amd64,
    /// AArch64 (ARM64).
    Arm64,
}

impl Default for KmdfConfig {
    /// KMDF 1.33, as wdk-build's default.
    fn default() -> Self {
        Self {
            kmdf_version_major: 1,
            target_kmdf_version_minor: 33,
            minimum_kmdf_version_minor: None,
        }
    }
}

impl KmdfConfig {
    /// KMDF 1.33 ([`Default`]).
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }
}

impl Default for UmdfConfig {
    /// UMDF 2.33, as wdk-build's default.
    fn default() -> Self {
        Self {
            umdf_version_major: 2,
            target_umdf_version_minor: 33,
            minimum_umdf_version_minor: None,
        }
    }
}

impl UmdfConfig {
    /// UMDF 2.33 ([`Default`]).
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }
}

impl CpuArchitecture {
    /// The name the WDK's folders use: `amd64`, `arm64`.
    #[must_use]
    pub const fn as_windows_str(&self) -> &str {
        match self {
            Self::Amd64 => "amd64",
            Self::Arm64 => "arm64",
        }
    }

    /// The architecture for Cargo's name of it (`x86_64`, `aarch64`), if the WDK has one.
    #[must_use]
    pub fn try_from_cargo_str<S: AsRef<str>>(cargo_str: S) -> Option<Self> {
        match cargo_str.as_ref() {
            "x86_64" => Some(Self::Amd64),
            "aarch64" => Some(Self::Arm64),
            _ => None,
        }
    }
}

impl FromStr for CpuArchitecture {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "amd64" => Ok(Self::Amd64),
            "arm64" => Ok(Self::Arm64),
            _ => Err(format!("'{s}' is not a valid target architecture")),
        }
    }
}

impl fmt::Display for CpuArchitecture {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_windows_str())
    }
}

impl Default for Config {
    /// WDM on the architecture being built for (AMD64 outside a build script), as wdk-build's
    /// default apart from the WDK's location, which the host does not need.
    fn default() -> Self {
        let cpu_architecture = env::var("CARGO_CFG_TARGET_ARCH")
            .ok()
            .and_then(CpuArchitecture::try_from_cargo_str)
            .unwrap_or(CpuArchitecture::Amd64);
        Self {
            cpu_architecture,
            driver_config: DriverConfig::Wdm,
        }
    }
}

/// The cfg wdk-build exports, and its values.
const DRIVER_TYPE_CFG: &str = "driver_model__driver_type";
const DRIVER_TYPES: [&str; 3] = ["WDM", "KMDF", "UMDF"];

impl Config {
    /// The default configuration.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// The configuration from the workspace's `metadata.wdk` tables (read with
    /// `cargo metadata --no-deps` from the package whose build script runs), emitting
    /// `cargo:rerun-if-changed` for each manifest read.
    ///
    /// # Errors
    /// [`ConfigError::IoError`] if `cargo metadata` cannot run, fails or prints something that is
    /// not its JSON; [`ConfigError::TryFromCargoMetadataError`] if no table, more than one
    /// different table, or a malformed one is found.
    pub fn from_env_auto() -> Result<Self, ConfigError> {
        let manifest = manifest_of_this_package();
        let cargo = env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let output = Command::new(cargo)
            .args([
                "metadata",
                "--no-deps",
                "--format-version",
                "1",
                "--offline",
            ])
            .arg("--manifest-path")
            .arg(&manifest)
            .output()
            .map_err(|source| IoError::with_path(&manifest, source))?;
        if !output.status.success() {
            let stderr = String::from_utf8_lossy(&output.stderr);
            return Err(IoError::with_path(
                &manifest,
                std::io::Error::other(format!("cargo metadata failed: {}", stderr.trim())),
            )
            .into());
        }
        let json: serde_json::Value = serde_json::from_slice(&output.stdout)
            .map_err(|error| IoError::with_path(&manifest, std::io::Error::other(error)))?;
        let wdk = metadata::from_cargo_metadata(&json)?;
        let mut manifests: BTreeSet<String> = json
            .get("packages")
            .and_then(serde_json::Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|package| Some(package.get("manifest_path")?.as_str()?.to_owned()))
            .collect();
        if let Some(root) = json
            .get("workspace_root")
            .and_then(serde_json::Value::as_str)
        {
            manifests.insert(format!("{root}/Cargo.toml"));
        }
        for path in manifests {
            println!("cargo:rerun-if-changed={path}");
        }
        Ok(Self {
            driver_config: wdk.driver_model,
            ..Self::default()
        })
    }

    /// Emits the `rustc-check-cfg` of every cfg wdk-build may emit
    /// (`driver_model__driver_type` with `WDM`, `KMDF`, `UMDF`).
    pub fn emit_check_cfg_settings() {
        let values = DRIVER_TYPES.map(|value| format!("\"{value}\"")).join(", ");
        println!("cargo::rustc-check-cfg=cfg({DRIVER_TYPE_CFG}, values({values}))");
    }

    /// The cfg value of this configuration's driver model.
    fn driver_type(&self) -> &'static str {
        match self.driver_config {
            DriverConfig::Wdm => "WDM",
            DriverConfig::Kmdf(_) => "KMDF",
            DriverConfig::Umdf(_) => "UMDF",
        }
    }

    /// Emits the check-cfg and the cfg of this configuration.
    fn emit_cfg_settings(&self) {
        Self::emit_check_cfg_settings();
        println!(
            "cargo::rustc-cfg={DRIVER_TYPE_CFG}=\"{}\"",
            self.driver_type()
        );
    }

    /// Configures the build of a library that depends on the WDK: its cfgs.
    ///
    /// # Errors
    /// None on the host; the `Result` is wdk-build's signature.
    pub fn configure_library_build(&self) -> Result<(), ConfigError> {
        self.emit_cfg_settings();
        Ok(())
    }

    /// Configures the build of a driver binary: its cfgs. wdk-build also emits the kernel image's
    /// linker arguments (`/DRIVER`, `/ENTRY:FxDriverEntry`, the WDK's library paths); a host
    /// test binary gets none of them.
    ///
    /// # Errors
    /// None on the host; the `Result` is wdk-build's signature.
    pub fn configure_binary_build(&self) -> Result<(), ConfigError> {
        self.emit_cfg_settings();
        Ok(())
    }

    /// The name of the loader-filled WDF function table symbol, `WdfFunctions_01033` for KMDF
    /// 1.33; `None` for WDM.
    #[must_use]
    pub fn compute_wdffunctions_symbol_name(&self) -> Option<String> {
        let (major, minor) = match self.driver_config {
            DriverConfig::Kmdf(config) => {
                (config.kmdf_version_major, config.target_kmdf_version_minor)
            }
            DriverConfig::Umdf(config) => {
                (config.umdf_version_major, config.target_umdf_version_minor)
            }
            DriverConfig::Wdm => return None,
        };
        Some(format!("WdfFunctions_{major:02}0{minor:02}"))
    }
}

/// The manifest of the package whose build script runs (`CARGO_MANIFEST_DIR`), or `Cargo.toml`
/// in the current directory outside one.
fn manifest_of_this_package() -> PathBuf {
    env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| PathBuf::from("."), PathBuf::from)
        .join("Cargo.toml")
}

/// Configures the build of a library that depends on the WDK from the workspace's `metadata.wdk`
/// table; with none, only the check-cfg is emitted (a library built on its own), as wdk-build
/// does.
///
/// # Errors
/// As [`Config::from_env_auto`], except for no table found.
pub fn configure_wdk_library_build() -> Result<(), ConfigError> {
    configure_wdk_library_build_and_then(|_| Ok::<(), ConfigError>(()))
}

/// As [`configure_wdk_library_build`], then calls `f` with the configuration (not called when the
/// workspace has no table).
///
/// # Errors
/// As [`Config::from_env_auto`] except for no table found, and whatever `f` returns.
pub fn configure_wdk_library_build_and_then<F, E>(mut f: F) -> Result<(), E>
where
    F: FnMut(Config) -> Result<(), E>,
    E: From<ConfigError>,
{
    match Config::from_env_auto() {
        Ok(config) => {
            config.configure_library_build()?;
            f(config)
        }
        Err(ConfigError::TryFromCargoMetadataError(
            metadata::TryFromCargoMetadataError::NoWdkConfigurationsDetected,
        )) => {
            Config::emit_check_cfg_settings();
            Ok(())
        }
        Err(error) => Err(error.into()),
    }
}

/// Configures the build of a driver binary from the workspace's `metadata.wdk` table: the call a
/// driver's `build.rs` makes (`fn main() -> Result<(), wdk_build::ConfigError> {
/// wdk_build::configure_wdk_binary_build() }`).
///
/// # Errors
/// As [`Config::from_env_auto`].
pub fn configure_wdk_binary_build() -> Result<(), ConfigError> {
    Config::from_env_auto()?.configure_binary_build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_function_table_symbol_is_named_by_the_framework_version() {
        let kmdf = Config {
            driver_config: DriverConfig::Kmdf(KmdfConfig::new()),
            ..Config::default()
        };
        assert_eq!(
            kmdf.compute_wdffunctions_symbol_name().as_deref(),
            Some("WdfFunctions_01033")
        );
        assert_eq!(kmdf.driver_type(), "KMDF");
        let umdf = Config {
            driver_config: DriverConfig::Umdf(UmdfConfig {
                umdf_version_major: 2,
                target_umdf_version_minor: 15,
                minimum_umdf_version_minor: None,
            }),
            ..Config::default()
        };
        assert_eq!(
            umdf.compute_wdffunctions_symbol_name().as_deref(),
            Some("WdfFunctions_02015")
        );
        assert_eq!(Config::new().compute_wdffunctions_symbol_name(), None);
    }

    #[test]
    fn architectures_parse_from_cargo_and_windows_names() {
        assert_eq!(
            CpuArchitecture::try_from_cargo_str("x86_64"),
            Some(CpuArchitecture::Amd64)
        );
        assert_eq!(
            CpuArchitecture::try_from_cargo_str("aarch64"),
            Some(CpuArchitecture::Arm64)
        );
        assert_eq!(CpuArchitecture::try_from_cargo_str("riscv64"), None);
        assert_eq!(
            "ARM64".parse::<CpuArchitecture>(),
            Ok(CpuArchitecture::Arm64)
        );
        assert!("x86".parse::<CpuArchitecture>().is_err());
        assert_eq!(CpuArchitecture::Amd64.to_string(), "amd64");
    }
}
