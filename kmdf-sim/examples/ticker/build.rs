//! The driver's build script, as in the windows-drivers-rs samples: wdk-build reads
//! `[package.metadata.wdk]` and configures the build (with kmdf-sim's patch: the
//! `driver_model__driver_type` cfg only).

fn main() -> Result<(), wdk_build::ConfigError> {
    wdk_build::configure_wdk_binary_build()
}
