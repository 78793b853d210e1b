//! Simulator transport: runs the iolab driver inside kmdf-sim in this process. The driver is
//! loaded, its root device (`Root\IoLab`) added and started, and a handle opened by iolab's
//! interface GUID, exactly as `iolabctl` would find a real device; every IOCTL then goes through
//! the simulated I/O manager to the driver's queue. The verifier runs in record mode: a broken
//! rule fails the IOCTL during which it was found, and [`SimTransport::finish`] (or
//! [`Transport::close`]) reports what the unload's leak check found.
//!
//! Beside its own device the transport offers the [`Harness`] (more handles, overlapped I/O,
//! virtual time, removal) and the [`FilterLab`]: more device nodes with iolab as their upper
//! filter over kmdf-sim's programmable bus device, and the driver's unload and reload.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use kmdf_sim::wdk_sys::GUID;
use kmdf_sim::{
    Access, DeviceRef, DriverEntry, FileHandle, IoResult, LowerDevice, LowerMajor, LowerResponse,
    OnViolation, PendingIo, SimConfig, SimError, Simulation, UserBuffer, Violation,
};

use crate::filter_lab::{Ended, FilterLab, LabDevice, LowerKind, LowerRequest, LowerScript};
use crate::harness::{Completion, HandleId, Harness, MAIN_HANDLE, Op, OpId, not_open};
use crate::{DeviceError, IoctlReply, Transport, from_ntstatus};

/// `STATUS_BUFFER_OVERFLOW`, a warning: the output holds the part of the reply that fitted.
const STATUS_BUFFER_OVERFLOW: u32 = 0x8000_0005;

/// The hardware ID the simulated device is added with (as `devgen /add /hardwareid Root\IoLab`).
pub const HARDWARE_ID: &str = r"Root\IoLab";

/// The hardware ID of the monitored pipe: iolab's pipe with iolab as its upper filter.
pub const MONITORED_HARDWARE_ID: &str = iolab_protocol::identity::MONITORED_HARDWARE_ID;

/// What a [`SimTransport`]'s own handle is open to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SimTarget {
    /// The pipe device (`Root\IoLab`), by iolab's interface.
    Pipe,
    /// The monitored pipe (`Root\IoLabMonitored`: the pipe under iolab as an upper filter), by
    /// iolab's interface: every request passes through the filter.
    MonitoredPipe,
    /// The filter's control device (`\\.\IoLabFilter`) over the monitored pipe.
    FilterControl,
}

/// A filtered device of the [`FilterLab`].
struct LabNode {
    /// `None` once removed.
    node: Option<DeviceRef>,
    name: String,
    /// What reached its lower device and was not taken yet.
    seen: Arc<Mutex<Vec<LowerRequest>>>,
}

/// What the [`FilterLab`] holds: its own devices, handles and operations, numbered apart from
/// the harness's.
#[derive(Default)]
struct Lab {
    // Field order is drop order: I/O before the handles it was sent on.
    /// Operations in flight (by `OpId`; `None` once ended and reported).
    ops: Vec<Option<PendingIo>>,
    /// Handles (by `HandleId`), with the device each is open to; `None` once closed.
    handles: Vec<Option<(LabDevice, FileHandle)>>,
    /// The devices (by `LabDevice`).
    devices: Vec<LabNode>,
}

/// The driver inside kmdf-sim, with one open handle to its device.
pub struct SimTransport {
    // Field order is drop order: I/O and handles go before the simulation ends.
    /// The filter lab's devices, handles and I/O.
    lab: Lab,
    /// Operations in flight (by `OpId`; `None` once completed and reported).
    ops: Vec<Option<PendingIo>>,
    /// The harness's extra handles (by `HandleId - 1`; `None` once closed).
    handles: Vec<Option<FileHandle>>,
    handle: Option<FileHandle>,
    /// A handle to the filter's control device, opened by [`SimTransport::control_ioctl`].
    control: Option<FileHandle>,
    device: Option<DeviceRef>,
    target: SimTarget,
    simulation: Option<Simulation>,
    /// How the driver was loaded, to load it again ([`FilterLab::unload_and_reload`]).
    entry: DriverEntry,
    config: SimConfig,
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

/// Opens the filter's control device by its symbolic link, as `CreateFileW(\\.\IoLabFilter)`.
fn open_control(simulation: &Simulation) -> Result<FileHandle, String> {
    simulation
        .open_by_name(iolab_protocol::FILTER_CONTROL_PATH, Access::READ_WRITE)
        .map_err(|e| {
            format!(
                "opening the filter's control device {}: {e}",
                iolab_protocol::FILTER_CONTROL_PATH
            )
        })
}

/// Sends one IOCTL on `handle` and waits for it; the output's bytes land in `output`.
fn send_ioctl(
    handle: &FileHandle,
    code: u32,
    input: &[u8],
    output: &mut [u8],
) -> Result<IoctlReply, DeviceError> {
    // METHOD_IN_DIRECT's second buffer carries the caller's data to the device.
    let second = if code & 3 == iolab_protocol::METHOD_IN_DIRECT {
        UserBuffer::Bytes(output)
    } else {
        UserBuffer::Length(output.len())
    };
    let result = handle
        .device_io_control_with(code, UserBuffer::Bytes(input), second)
        .wait();
    let overflow = result.status.cast_unsigned() == STATUS_BUFFER_OVERFLOW;
    if !overflow && let Some(error) = from_ntstatus(result.status) {
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
    if overflow {
        // A warning: what the I/O manager copied back is valid data.
        return Ok(IoctlReply {
            returned: written,
            overflow: true,
        });
    }
    let returned = usize::try_from(result.information).map_err(|_| DeviceError::Other {
        code: 0,
        detail: format!("information {} does not fit", result.information),
    })?;
    Ok(IoctlReply {
        returned,
        overflow: false,
    })
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
        Self::start_with(entry, SimConfig::default())
    }

    /// [`SimTransport::start`] with a configuration of the caller's (a seed and schedule policy,
    /// for exploring schedules); the driver's name and the verifier's record mode are set here.
    ///
    /// # Errors
    /// As [`SimTransport::start`].
    pub fn start_with(entry: DriverEntry, config: SimConfig) -> Result<Self, String> {
        Self::start_target(entry, config, SimTarget::Pipe)
    }

    /// [`SimTransport::start`] over the monitored pipe, with the handle open to the filter's
    /// control device (what `iolabctl filter ...` talks to).
    ///
    /// # Errors
    /// As [`SimTransport::start_target`].
    pub fn start_filter_control(entry: DriverEntry) -> Result<Self, String> {
        Self::start_target(entry, SimConfig::default(), SimTarget::FilterControl)
    }

    /// [`SimTransport::start_with`], with the transport's handle open to `target`.
    ///
    /// # Errors
    /// As [`SimTransport::start`]; for the control device, also the control device not existing.
    pub fn start_target(
        entry: DriverEntry,
        config: SimConfig,
        target: SimTarget,
    ) -> Result<Self, String> {
        let config = SimConfig {
            driver_name: "iolab".to_owned(),
            on_violation: OnViolation::Record,
            ..config
        };
        let simulation = Simulation::load_with(entry, config.clone())
            .map_err(|e| format!("loading the driver: {e}"))?;
        let mut this = Self {
            lab: Lab::default(),
            ops: Vec::new(),
            handles: Vec::new(),
            handle: None,
            control: None,
            device: None,
            target,
            simulation: Some(simulation),
            entry,
            config,
            reported: 0,
        };
        this.bring_up()
            .map_err(|e| format!("starting the driver: {e}"))?;
        Ok(this)
    }

    /// Adds the target's device node and opens the transport's handle to the target.
    fn bring_up(&mut self) -> Result<(), String> {
        let Some(simulation) = &self.simulation else {
            return Err("the simulation has ended".to_owned());
        };
        let device = if self.target == SimTarget::Pipe {
            simulation
                .add_device(HARDWARE_ID)
                .map_err(|e| format!("adding {HARDWARE_ID}: {e}"))?
        } else {
            let driver = simulation.driver();
            simulation
                .add_device_stack(
                    MONITORED_HARDWARE_ID,
                    &[driver, driver],
                    LowerDevice::root(),
                )
                .map_err(|e| format!("adding {MONITORED_HARDWARE_ID}: {e}"))?
        };
        self.device = Some(device);
        let handle = if self.target == SimTarget::FilterControl {
            open_control(simulation)?
        } else {
            simulation
                .open(&interface_guid())
                .map_err(|e| format!("opening the device: {e}"))?
        };
        self.handle = Some(handle);
        self.new_violations()
    }

    /// Sends an IOCTL to the filter's control device (opened on first use), beside the
    /// transport's own handle: how a test reads the filter's statistics over the monitored pipe.
    ///
    /// # Errors
    /// The status the request failed with; the control device not existing (`NotFound`).
    pub fn control_ioctl(
        &mut self,
        code: u32,
        input: &[u8],
        output: &mut [u8],
    ) -> Result<usize, DeviceError> {
        if self.control.is_none() {
            let Some(simulation) = &self.simulation else {
                return Err(DeviceError::NotFound);
            };
            self.control = Some(
                open_control(simulation)
                    .map_err(|detail| DeviceError::Other { code: 0, detail })?,
            );
        }
        let result = match &self.control {
            Some(control) => {
                send_ioctl(control, code, input, output).and_then(IoctlReply::into_result)
            }
            None => Err(DeviceError::NotFound),
        };
        match self.new_violations() {
            Ok(()) => result,
            Err(detail) => Err(DeviceError::Other { code: 0, detail }),
        }
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
        self.lab = Lab::default();
        self.ops.clear();
        for handle in self.handles.drain(..).flatten() {
            handle.close();
        }
        if let Some(handle) = self.handle.take() {
            handle.close();
        }
        if let Some(control) = self.control.take() {
            control.close();
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
        self.ioctl_reply(code, input, output)
            .and_then(IoctlReply::into_result)
    }

    fn ioctl_reply(
        &mut self,
        code: u32,
        input: &[u8],
        output: &mut [u8],
    ) -> Result<IoctlReply, DeviceError> {
        let Some(handle) = &self.handle else {
            return Err(DeviceError::Other {
                code: 0,
                detail: "the simulated device is closed".to_owned(),
            });
        };
        let result = send_ioctl(handle, code, input, output);
        if let Err(detail) = self.new_violations() {
            return Err(DeviceError::Other { code: 0, detail });
        }
        result
    }

    fn close(&mut self) -> Result<(), String> {
        self.finish()
    }

    fn checks_on_close(&self) -> bool {
        true
    }

    fn harness(&mut self) -> Option<&mut dyn Harness> {
        Some(self)
    }

    fn filter_lab(&mut self) -> Option<&mut dyn FilterLab> {
        Some(self)
    }
}

/// A failed open as the caller sees it: the driver's status, or no such device.
fn open_error(error: &SimError) -> DeviceError {
    match error {
        SimError::CreateFailed(status) => from_ntstatus(*status).unwrap_or(DeviceError::NotFound),
        _ => DeviceError::NotFound,
    }
}

/// Starts `op` on `file`.
fn send(file: &FileHandle, op: Op) -> PendingIo {
    match op {
        Op::Read(length) => file.read(length),
        Op::Write(data) => file.write(&data),
        Op::Ioctl {
            code,
            input,
            output_length,
        } => file.device_io_control(code, &input, output_length),
    }
}

/// How long [`Harness::wait`] may wait at most in any case (virtual time).
const NO_LONGER_THAN: Duration = Duration::from_hours(1);

fn completion(result: &IoResult) -> Completion {
    match from_ntstatus(result.status) {
        Some(error) => Completion {
            result: Err(error),
            output: Vec::new(),
        },
        None => Completion {
            result: Ok(usize::try_from(result.information).unwrap_or(usize::MAX)),
            output: result.output.clone(),
        },
    }
}

impl SimTransport {
    fn file(&self, handle: HandleId) -> Option<&FileHandle> {
        if handle == MAIN_HANDLE {
            return self.handle.as_ref();
        }
        self.handles.get(handle.checked_sub(1)?)?.as_ref()
    }

    /// Adds a fresh device and reopens the main handle (after a removal).
    fn restart(&mut self) -> Result<(), String> {
        self.bring_up()
    }
}

impl Harness for SimTransport {
    fn open(&mut self, read: bool, write: bool) -> Result<HandleId, DeviceError> {
        let Some(simulation) = &self.simulation else {
            return Err(DeviceError::NotFound);
        };
        let handle = simulation
            .open_with_access(&interface_guid(), Access { read, write })
            .map_err(|e| open_error(&e))?;
        self.handles.push(Some(handle));
        Ok(self.handles.len())
    }

    fn close(&mut self, handle: HandleId) {
        if let Some(slot) = handle.checked_sub(1).and_then(|i| self.handles.get_mut(i))
            && let Some(file) = slot.take()
        {
            file.close();
        }
    }

    fn start(&mut self, handle: HandleId, op: Op) -> Result<OpId, DeviceError> {
        let Some(file) = self.file(handle) else {
            return Err(not_open(handle));
        };
        let pending = send(file, op);
        self.ops.push(Some(pending));
        Ok(self.ops.len() - 1)
    }

    fn poll(&mut self, op: OpId) -> Option<Completion> {
        let slot = self.ops.get_mut(op)?;
        let result = slot.as_ref()?.poll()?;
        *slot = None;
        Some(completion(&result))
    }

    fn wait(&mut self, op: OpId, limit: Duration) -> Option<Completion> {
        let slot = self.ops.get_mut(op)?;
        let result = slot.as_ref()?.wait_timeout(limit.min(NO_LONGER_THAN))?;
        *slot = None;
        Some(completion(&result))
    }

    fn cancel(&mut self, op: OpId) {
        if let Some(Some(pending)) = self.ops.get(op) {
            pending.cancel();
        }
    }

    fn sleep(&mut self, duration: Duration) {
        if let Some(simulation) = &self.simulation {
            simulation.advance(duration);
        }
    }

    fn remove_and_restart(&mut self, surprise: bool) -> Result<(), String> {
        let (Some(simulation), Some(device)) = (&self.simulation, self.device.take()) else {
            return Err("no device to remove".to_owned());
        };
        // The control device goes with the last filter: its handle must not keep it.
        if let Some(control) = self.control.take() {
            control.close();
        }
        if surprise {
            simulation
                .surprise_remove(device)
                .map_err(|e| format!("surprise-removing the device: {e}"))?;
            // The removal finishes when the last handle closes.
            for handle in self.handles.drain(..).flatten() {
                handle.close();
            }
            if let Some(handle) = self.handle.take() {
                handle.close();
            }
        } else {
            simulation
                .remove_device(device)
                .map_err(|e| format!("removing the device: {e}"))?;
            self.handles.clear();
            self.handle = None;
        }
        self.new_violations()?;
        self.restart()
    }
}

/// The request as the lab's scripts see it.
fn lower_request(request: &kmdf_sim::LowerRequest) -> LowerRequest {
    let kind = if request.major == LowerMajor::Read {
        LowerKind::Read
    } else if request.major == LowerMajor::Write {
        LowerKind::Write
    } else if request.major == LowerMajor::DeviceControl {
        LowerKind::DeviceControl
    } else {
        LowerKind::Other
    };
    LowerRequest {
        kind,
        code: request.ioctl,
        input: request.input.clone(),
        output_length: request.output_length,
    }
}

/// A bus device that answers creates itself and everything else with `script`, recording what
/// reached it in `seen`.
fn lower_device(script: LowerScript, seen: Arc<Mutex<Vec<LowerRequest>>>) -> LowerDevice {
    LowerDevice::new(move |request| {
        if request.major == LowerMajor::Create {
            return LowerResponse::default_for(request);
        }
        let request = lower_request(request);
        let answer = script(&request);
        seen.lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(request);
        LowerResponse::complete(answer.status.cast_signed(), answer.information, answer.data)
            .after(answer.delay)
    })
}

fn ended(result: &IoResult) -> Ended {
    Ended {
        status: result.status.cast_unsigned(),
        information: result.information,
        output: result.output.clone(),
    }
}

impl SimTransport {
    fn running(&self) -> Result<&Simulation, String> {
        self.simulation
            .as_ref()
            .ok_or_else(|| "the simulation has ended".to_owned())
    }
}

impl FilterLab for SimTransport {
    fn add_filtered(&mut self, lower: LowerScript) -> Result<LabDevice, String> {
        let simulation = self.running()?;
        let seen = Arc::new(Mutex::new(Vec::new()));
        let driver = simulation.driver();
        let id = self.lab.devices.len();
        // A hardware ID no role claims: iolab attaches as an upper filter.
        let node = simulation
            .add_device_stack(
                &format!(r"Root\IoLabLab{id}"),
                &[driver],
                lower_device(lower, Arc::clone(&seen)),
            )
            .map_err(|e| format!("adding a filtered device: {e}"))?;
        let name = simulation.pdo_name(node);
        self.lab.devices.push(LabNode {
            node: Some(node),
            name,
            seen,
        });
        self.new_violations()?;
        Ok(id)
    }

    fn device_name(&self, device: LabDevice) -> Option<String> {
        self.lab.devices.get(device).map(|node| node.name.clone())
    }

    fn lower_requests(&mut self, device: LabDevice) -> Vec<LowerRequest> {
        self.lab
            .devices
            .get(device)
            .map(|node| {
                std::mem::take(&mut *node.seen.lock().unwrap_or_else(PoisonError::into_inner))
            })
            .unwrap_or_default()
    }

    fn open(&mut self, device: LabDevice) -> Result<HandleId, DeviceError> {
        let (Some(simulation), Some(node)) = (&self.simulation, self.lab.devices.get(device))
        else {
            return Err(DeviceError::NotFound);
        };
        let file = simulation
            .open_by_name(&node.name, Access::READ_WRITE)
            .map_err(|e| open_error(&e))?;
        self.lab.handles.push(Some((device, file)));
        Ok(self.lab.handles.len() - 1)
    }

    fn close(&mut self, handle: HandleId) {
        if let Some(slot) = self.lab.handles.get_mut(handle)
            && let Some((_, file)) = slot.take()
        {
            file.close();
        }
    }

    fn start(&mut self, handle: HandleId, op: Op) -> Result<OpId, DeviceError> {
        let Some(Some((_, file))) = self.lab.handles.get(handle) else {
            return Err(not_open(handle));
        };
        let pending = send(file, op);
        self.lab.ops.push(Some(pending));
        Ok(self.lab.ops.len() - 1)
    }

    fn poll(&mut self, op: OpId) -> Option<Ended> {
        let slot = self.lab.ops.get_mut(op)?;
        let result = slot.as_ref()?.poll()?;
        *slot = None;
        Some(ended(&result))
    }

    fn wait(&mut self, op: OpId, limit: Duration) -> Option<Ended> {
        let slot = self.lab.ops.get_mut(op)?;
        let result = slot.as_ref()?.wait_timeout(limit.min(NO_LONGER_THAN))?;
        *slot = None;
        Some(ended(&result))
    }

    fn cancel(&mut self, op: OpId) {
        if let Some(Some(pending)) = self.lab.ops.get(op) {
            pending.cancel();
        }
    }

    fn advance(&mut self, duration: Duration) {
        if let Some(simulation) = &self.simulation {
            simulation.advance(duration);
        }
    }

    fn remove(&mut self, device: LabDevice, surprise: bool) -> Result<(), String> {
        let Some(simulation) = &self.simulation else {
            return Err("the simulation has ended".to_owned());
        };
        let Some(lab_node) = self.lab.devices.get_mut(device) else {
            return Err(format!("no filtered device {device} to remove"));
        };
        let Some(node) = lab_node.node.take() else {
            return Err(format!("{} was removed already", lab_node.name));
        };
        let name = &lab_node.name;
        if surprise {
            simulation
                .surprise_remove(node)
                .map_err(|e| format!("surprise-removing {name}: {e}"))?;
        } else {
            simulation
                .remove_device(node)
                .map_err(|e| format!("removing {name}: {e}"))?;
            // The removal closed them.
            for slot in &mut self.lab.handles {
                if slot.as_ref().is_some_and(|(of, _)| *of == device) {
                    *slot = None;
                }
            }
        }
        self.new_violations()
    }

    fn control(
        &mut self,
        code: u32,
        input: &[u8],
        output_length: usize,
    ) -> Result<Ended, DeviceError> {
        let Some(simulation) = &self.simulation else {
            return Err(DeviceError::NotFound);
        };
        let control = simulation
            .open_by_name(iolab_protocol::FILTER_CONTROL_PATH, Access::READ_WRITE)
            .map_err(|e| open_error(&e))?;
        let result = control.ioctl(code, input, output_length);
        control.close();
        self.new_violations()
            .map_err(|detail| DeviceError::Other { code: 0, detail })?;
        Ok(ended(&result))
    }

    fn control_device_exists(&mut self) -> bool {
        let Some(simulation) = &self.simulation else {
            return false;
        };
        match simulation.open_by_name(iolab_protocol::FILTER_CONTROL_PATH, Access::READ) {
            Ok(control) => {
                control.close();
                true
            }
            Err(_) => false,
        }
    }

    fn unload_and_reload(&mut self) -> Result<(), String> {
        let found = self.finish();
        let simulation = Simulation::load_with(self.entry, self.config.clone())
            .map_err(|e| format!("loading the driver again: {e}"))?;
        self.simulation = Some(simulation);
        self.reported = 0;
        self.bring_up()
            .map_err(|e| format!("starting the driver again: {e}"))?;
        found.map_err(|found| format!("the driver's unload found:\n{found}"))
    }
}
