//! Build script. On Windows with the WDK (the kernel build), wdk-build configures the driver
//! binary (linker flags, the `FxDriverEntry` entry point, the KMDF library, the
//! `driver_model__driver_type = "KMDF"` cfg), and the version resource made from the Cargo version
//! is compiled with `rc.exe` and linked into `iolab.sys`. Everywhere else (kmdf-sim) there is
//! nothing to do.
//!
//! wdk-build requires the static CRT (`-C target-feature=+crt-static`), which
//! `.cargo/config.toml` sets; a `RUSTFLAGS` variable replaces that setting (see docs/building.md).

#[cfg(all(windows, not(iolab_sim)))]
#[path = "build_support/version_resource.rs"]
mod version_resource;

#[cfg(all(windows, not(iolab_sim)))]
fn main() -> Result<(), Box<dyn std::error::Error>> {
    wdk_build::configure_wdk_binary_build()?;

    let version = version_resource::windows_version(env!("CARGO_PKG_VERSION"))?;
    let rc_source =
        version_resource::version_rc(version, env!("CARGO_PKG_DESCRIPTION"), "iolab.sys");
    let out_dir = std::path::PathBuf::from(std::env::var("OUT_DIR")?);
    let rc_path = out_dir.join("iolab_version.rc");
    std::fs::write(&rc_path, rc_source)?;
    // Linked into the cdylib (the .sys) only; a missing rc.exe is an error, not a silent skip.
    embed_resource::compile_for_cdylib(&rc_path, embed_resource::NONE)
        .manifest_required()
        .map_err(|error| {
            format!(
                "cannot compile the version resource {}: {error}",
                rc_path.display()
            )
        })?;
    println!("cargo::rerun-if-changed=build_support/version_resource.rs");
    Ok(())
}

#[cfg(not(all(windows, not(iolab_sim))))]
fn main() {}
