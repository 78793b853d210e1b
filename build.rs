//! Build script. On Windows with the WDK (the kernel build), wdk-build configures the driver
//! binary: linker flags, the `FxDriverEntry` entry point, the KMDF library and the
//! `driver_model__driver_type = "KMDF"` cfg. Everywhere else (kmdf-sim) there is nothing to do.

#[cfg(all(windows, not(iolab_sim)))]
fn main() -> Result<(), wdk_build::ConfigError> {
    wdk_build::configure_wdk_binary_build()
}

#[cfg(not(all(windows, not(iolab_sim))))]
fn main() {}
