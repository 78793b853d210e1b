//! Simulator transport: runs the iolab driver inside kmdf-sim in this process. The driver is
//! loaded, its root device (`Root\IoLab`) added and started, and a handle opened by iolab's
//! interface GUID, exactly as `iolabctl` would find a real device; every IOCTL then goes through
//! the simulated I/O manager to the driver's queue. The verifier runs in record mode: a broken
//! rule fails the IOCTL during which it was found, and [`SimTransport::finish`] (or
//! [`Transport::close`]) reports what the unload's leak check found.

use kmdf_sim::wdk_sys::GUID;
use kmdf_sim::{DeviceRef, DriverEntry, FileHandle, OnViolation, SimConfig, Simulation, Violation};

use crate::{DeviceError, Transport, from_ntstatus};

/// The hardware ID the simulated device is added with (as `devgen /add /hardwareid Root\IoLab`).
pub const HARDWARE_ID: &str = r"Root\IoLab";

/// The driver inside kmdf-sim, with one open handle to its device.
pub struct SimTransport {
    // Field order is drop order: the handle closes before the simulation ends.
    handle: Option<FileHandle>,
    device: Option<DeviceRef>,
    simulation: Option<Simulation>,
    reported: usize,
}

impl std::fmt::Debug for SimTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SimTransport")
            .field("open", &self.handle.is_some())
            .finish_non_exhaustive()
    }
}

fn interface_guid() -> GUID {
    let guid = iolab_protocol::GUID_DEVINTERFACE_IOLAB;
    GUID {
        Data1: guid.data1,
        Data2: guid.data2,
        Data3: guid.data3,
        Data4: guid.data4,
    }
}

fn describe(violations: &[Violation]) -> String {
    violations
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

impl SimTransport {
    /// Loads the driver whose entry point is `entry`, adds its device and opens it.
    ///
    /// # Errors
    /// What went wrong, in words: DriverEntry or EvtDriverDeviceAdd failing, no device exposing
    /// iolab's interface, or a verifier violation on the way.
    pub fn start(entry: DriverEntry) -> Result<Self, String> {
        let config = SimConfig {
            driver_name: "iolab".to_owned(),
            on_violation: OnViolation::Record,
            ..SimConfig::default()
        };
        let simulation =
            Simulation::load_with(entry, config).map_err(|e| format!("loading the driver: {e}"))?;
        let device = simulation
            .add_device(HARDWARE_ID)
            .map_err(|e| format!("adding {HARDWARE_ID}: {e}"))?;
        let handle = simulation
            .open(&interface_guid())
            .map_err(|e| format!("opening the device: {e}"))?;
        let mut this = Self {
            handle: Some(handle),
            device: Some(device),
            simulation: Some(simulation),
            reported: 0,
        };
        this.new_violations()
            .map_err(|e| format!("starting the driver: {e}"))?;
        Ok(this)
    }

    /// The simulation, for inspection (virtual time, pool, debug log).
    #[must_use]
    pub fn simulation(&self) -> Option<&Simulation> {
        self.simulation.as_ref()
    }

    fn new_violations(&mut self) -> Result<(), String> {
        let Some(simulation) = &self.simulation else {
            return Ok(());
        };
        let all = simulation.violations();
        self.report_new(&all)
    }

    /// The violations of `all` not reported before, as an error.
    fn report_new(&mut self, all: &[Violation]) -> Result<(), String> {
        let new = all.get(self.reported..).unwrap_or_default();
        self.reported = all.len();
        if new.is_empty() {
            Ok(())
        } else {
            Err(describe(new))
        }
    }

    /// Closes the handle, removes the device and unloads the driver.
    ///
    /// # Errors
    /// Every verifier violation not yet reported, including what the unload's leak check found.
    pub fn finish(&mut self) -> Result<(), String> {
        if let Some(handle) = self.handle.take() {
            handle.close();
        }
        let Some(simulation) = self.simulation.take() else {
            return Ok(());
        };
        if let Some(device) = self.device.take() {
            simulation
                .remove_device(device)
                .map_err(|e| format!("removing the device: {e}"))?;
        }
        let all = simulation.unload();
        self.report_new(&all)
    }
}

impl Transport for SimTransport {
    fn name(&self) -> &'static str {
        "sim"
    }

    fn ioctl(&mut self, code: u32, input: &[u8], output: &mut [u8]) -> Result<usize, DeviceError> {
        let Some(handle) = &self.handle else {
            return Err(DeviceError::Other {
                code: 0,
                detail: "the simulated device is closed".to_owned(),
            });
        };
        let result = handle.ioctl(code, input, output.len());
        if let Err(detail) = self.new_violations() {
            return Err(DeviceError::Other { code: 0, detail });
        }
        if let Some(error) = from_ntstatus(result.status) {
            return Err(error);
        }
        let written = result.output.len();
        let Some(place) = output.get_mut(..written) else {
            return Err(DeviceError::Other {
                code: 0,
                detail: format!(
                    "the driver returned {written} bytes for a {}-byte buffer",
                    output.len()
                ),
            });
        };
        place.copy_from_slice(&result.output);
        usize::try_from(result.information).map_err(|_| DeviceError::Other {
            code: 0,
            detail: format!("information {} does not fit", result.information),
        })
    }

    fn close(&mut self) -> Result<(), String> {
        self.finish()
    }

    fn checks_on_close(&self) -> bool {
        true
    }
}
