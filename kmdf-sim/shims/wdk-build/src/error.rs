//! `wdk_build::ConfigError` and `wdk_build::IoError`, with the variants the host stand-in can
//! return.

use std::fmt;
use std::path::PathBuf;

use crate::metadata::TryFromCargoMetadataError;

/// An I/O failure and the path it concerns.
#[derive(Debug)]
pub struct IoError {
    /// The path the operation concerned.
    path: PathBuf,
    /// What failed.
    source: std::io::Error,
}

impl IoError {
    /// An error of an operation on `path`.
    pub fn with_path(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Self {
            path: path.into(),
            source,
        }
    }
}

impl fmt::Display for IoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "failed to perform an IO operation on \"{}\": {}",
            self.path.display(),
            self.source
        )
    }
}

impl std::error::Error for IoError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

/// Why a build could not be configured (a subset of wdk-build's variants: the ones about the WDK
/// installation cannot happen here).
#[derive(Debug)]
pub enum ConfigError {
    /// An I/O operation failed (here: running `cargo metadata`).
    IoError(IoError),
    /// The workspace's `metadata.wdk` tables do not give one configuration.
    TryFromCargoMetadataError(TryFromCargoMetadataError),
}

impl From<IoError> for ConfigError {
    fn from(error: IoError) -> Self {
        Self::IoError(error)
    }
}

impl From<TryFromCargoMetadataError> for ConfigError {
    fn from(error: TryFromCargoMetadataError) -> Self {
        Self::TryFromCargoMetadataError(error)
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::IoError(error) => error.fmt(f),
            Self::TryFromCargoMetadataError(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for ConfigError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::IoError(error) => error.source(),
            Self::TryFromCargoMetadataError(error) => error.source(),
        }
    }
}
