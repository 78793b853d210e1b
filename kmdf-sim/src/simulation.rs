//! The test-facing side of the simulator: load a driver, add and remove root-enumerated devices,
//! open handles by interface GUID, send I/O that can be waited on, polled or cancelled, advance
//! virtual time, inject allocation failures, unload with a leak check.

use std::fmt;
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::Duration;

use kmdf_sim_wdk_sys as sys;
use sys::NTSTATUS;

use crate::engine;
use crate::irql::{self, PASSIVE};
use crate::memory::{FRESH_FILL, SimBuffer, tag_text};
use crate::scheduler::{Outcome, Policy, Scheduler, Wake};
use crate::state::{
    FileData, InitData, Irp, IrpId, Kind, ObjData, ObjId, Owner, RequestData, RequestKind, Sim,
    State, handle, set_current, status_name,
};
use crate::verifier::{Rule, Violation};

/// A driver's entry point, as windows-drivers-rs drivers declare it:
/// `#[unsafe(export_name = "DriverEntry")] pub unsafe extern "system" fn driver_entry(...)`.
pub type DriverEntry =
    unsafe extern "system" fn(&mut sys::DRIVER_OBJECT, sys::PCUNICODE_STRING) -> NTSTATUS;

/// What to do when the driver breaks a rule.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OnViolation {
    /// Panic (in the test's thread, at the next simulator call) with every new violation: the
    /// simulator's bug check. The default.
    #[default]
    Panic,
    /// Record violations for [`Simulation::take_violations`]; used by tests of broken drivers.
    Record,
}

/// How a simulation runs.
#[derive(Clone, Debug)]
pub struct SimConfig {
    /// The driver's service name (registry path `...\Services\<name>`).
    pub driver_name: String,
    /// What a violation does.
    pub on_violation: OnViolation,
    /// How long (virtual time) [`PendingIo::wait`] waits before declaring the I/O hung. (An
    /// I/O that nothing can ever complete is reported at once, whatever this says.)
    pub io_wait_limit: Duration,
    /// The seed of the schedule: which simulated thread runs at each yield point. The same seed
    /// replays the same interleaving. `KMDF_SIM_SEED` in the environment overrides it.
    pub seed: u64,
    /// How the scheduler chooses among runnable threads.
    pub policy: Policy,
}

impl Default for SimConfig {
    fn default() -> Self {
        Self {
            driver_name: "driver".to_owned(),
            on_violation: OnViolation::Panic,
            io_wait_limit: Duration::from_secs(10),
            seed: 0,
            policy: Policy::Random,
        }
    }
}

/// Why a simulator operation failed (as opposed to a rule the driver broke).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SimError {
    /// DriverEntry returned a failure status (Device Manager: Code 37).
    DriverEntryFailed(NTSTATUS),
    /// DriverEntry returned success without calling `WdfDriverCreate`.
    NoDriverCreated,
    /// The driver registered no `EvtDriverDeviceAdd`.
    NoDeviceAdd,
    /// EvtDriverDeviceAdd failed (Code 31).
    DeviceAddFailed(NTSTATUS),
    /// EvtDriverDeviceAdd succeeded without creating a device.
    NoDeviceCreated,
    /// A PnP start callback failed (Code 10).
    StartFailed {
        /// The callback that failed.
        callback: &'static str,
        /// Its status.
        status: NTSTATUS,
    },
    /// No started device exposes the interface.
    NoSuchInterface(String),
    /// EvtDeviceFileCreate failed the create request.
    CreateFailed(NTSTATUS),
    /// The device was already removed.
    DeviceGone,
}

impl fmt::Display for SimError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::DriverEntryFailed(status) => write!(
                f,
                "DriverEntry failed with {} (Code 37)",
                status_name(*status)
            ),
            Self::NoDriverCreated => {
                f.write_str("DriverEntry returned success but never called WdfDriverCreate")
            }
            Self::NoDeviceAdd => f.write_str("the driver registered no EvtDriverDeviceAdd"),
            Self::DeviceAddFailed(status) => write!(
                f,
                "EvtDriverDeviceAdd failed with {} (Code 31)",
                status_name(*status)
            ),
            Self::NoDeviceCreated => {
                f.write_str("EvtDriverDeviceAdd returned success without calling WdfDeviceCreate")
            }
            Self::StartFailed { callback, status } => {
                write!(
                    f,
                    "the device failed to start: {callback} returned {} (Code 10)",
                    status_name(*status)
                )
            }
            Self::NoSuchInterface(guid) => {
                write!(f, "no started device exposes the interface {guid}")
            }
            Self::CreateFailed(status) => {
                write!(f, "the create request failed with {}", status_name(*status))
            }
            Self::DeviceGone => f.write_str("the device was already removed"),
        }
    }
}

impl std::error::Error for SimError {}

/// One simulation slot per process: one loaded driver image, as in one kernel.
static SLOT_BUSY: Mutex<bool> = Mutex::new(false);
static SLOT_FREE: Condvar = Condvar::new();

struct SlotGuard;

impl SlotGuard {
    fn acquire() -> Self {
        let mut busy = SLOT_BUSY.lock().unwrap_or_else(PoisonError::into_inner);
        while *busy {
            busy = SLOT_FREE.wait(busy).unwrap_or_else(PoisonError::into_inner);
        }
        *busy = true;
        Self
    }
}

impl Drop for SlotGuard {
    fn drop(&mut self) {
        *SLOT_BUSY.lock().unwrap_or_else(PoisonError::into_inner) = false;
        SLOT_FREE.notify_one();
    }
}

/// The PnP and power callbacks kmdf-sim drives, in start and removal order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PnpStep {
    PrepareHardware,
    D0Entry,
    SelfManagedIoInit,
    SelfManagedIoSuspend,
    D0Exit,
    SelfManagedIoFlush,
    SelfManagedIoCleanup,
    ReleaseHardware,
}

impl PnpStep {
    const fn name(self) -> &'static str {
        match self {
            Self::PrepareHardware => "EvtDevicePrepareHardware",
            Self::D0Entry => "EvtDeviceD0Entry",
            Self::SelfManagedIoInit => "EvtDeviceSelfManagedIoInit",
            Self::SelfManagedIoSuspend => "EvtDeviceSelfManagedIoSuspend",
            Self::D0Exit => "EvtDeviceD0Exit",
            Self::SelfManagedIoFlush => "EvtDeviceSelfManagedIoFlush",
            Self::SelfManagedIoCleanup => "EvtDeviceSelfManagedIoCleanup",
            Self::ReleaseHardware => "EvtDeviceReleaseHardware",
        }
    }
}

/// The access rights a handle was opened with (`FILE_READ_DATA`, `FILE_WRITE_DATA`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Access {
    /// Opened for reading (`GENERIC_READ`).
    pub read: bool,
    /// Opened for writing (`GENERIC_WRITE`).
    pub write: bool,
}

impl Access {
    /// `GENERIC_READ | GENERIC_WRITE`.
    pub const READ_WRITE: Self = Self {
        read: true,
        write: true,
    };
    /// Neither (a handle opened with desired access 0, for queries).
    pub const NONE: Self = Self {
        read: false,
        write: false,
    };
    /// `GENERIC_READ` only.
    pub const READ: Self = Self {
        read: true,
        write: false,
    };

    /// Whether the I/O manager lets a request of `kind` through: for an IOCTL, the access bits
    /// of its code (`(code >> 14) & 3`: FILE_READ_ACCESS 1, FILE_WRITE_ACCESS 2).
    const fn allows(self, kind: RequestKind) -> bool {
        match kind {
            RequestKind::Create => true,
            RequestKind::Read { .. } => self.read,
            RequestKind::Write { .. } => self.write,
            RequestKind::DeviceControl { code, .. } => {
                let required = (code >> 14) & 3;
                (required & 1 == 0 || self.read) && (required & 2 == 0 || self.write)
            }
        }
    }
}

/// A device node added with [`Simulation::add_device`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DeviceRef(usize);

/// What an I/O operation ended with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IoResult {
    /// The completion status.
    pub status: NTSTATUS,
    /// `IoStatus.Information`: for reads and IOCTLs, the bytes returned.
    pub information: u64,
    /// The bytes copied back to the caller's output buffer (none for error statuses).
    pub output: Vec<u8>,
}

impl IoResult {
    /// True for success and informational statuses (`NT_SUCCESS`).
    #[must_use]
    pub fn succeeded(&self) -> bool {
        sys::NT_SUCCESS(self.status)
    }
}

/// Panics with the violations recorded since the last report, when the mode says so.
fn checkpoint(sim: &Sim) {
    if std::thread::panicking() {
        return;
    }
    let orphan_panic = {
        let mut state = sim.lock();
        let joined_by_nobody = state
            .thread_panics
            .keys()
            .copied()
            .find(|tid| !state.spawned.contains(tid));
        joined_by_nobody.and_then(|tid| state.thread_panics.remove(&tid))
    };
    if let Some(message) = orphan_panic {
        panic!(
            "a simulated thread panicked (schedule seed {}): {message}",
            sim.sched.seed()
        );
    }
    if sim.config.on_violation != OnViolation::Panic {
        return;
    }
    let new: Vec<Violation> = {
        let mut state = sim.lock();
        let new = state
            .violations
            .get(state.reported..)
            .unwrap_or_default()
            .to_vec();
        state.reported = state.violations.len();
        new
    };
    if !new.is_empty() {
        let text: Vec<String> = new.iter().map(ToString::to_string).collect();
        panic!(
            "{}\n(schedule seed {}: replay with KMDF_SIM_SEED={})",
            text.join("\n"),
            sim.sched.seed(),
            sim.sched.seed()
        );
    }
}

/// What a test drives a simulation with: devices, handles, virtual time, fault injection and
/// reports. A [`Simulation`] dereferences to one; [`Simulation::handle`] gives a clone that a
/// simulated thread started with [`SimHandle::spawn`] can own.
#[derive(Clone)]
pub struct SimHandle {
    sim: Arc<Sim>,
}

impl fmt::Debug for SimHandle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SimHandle")
            .field("driver", &self.sim.config.driver_name)
            .field("seed", &self.sim.sched.seed())
            .finish_non_exhaustive()
    }
}

/// A simulated thread started with [`SimHandle::spawn`].
#[must_use = "join the thread to wait for it"]
pub struct SimThread {
    sim: Arc<Sim>,
    tid: crate::scheduler::Tid,
}

impl fmt::Debug for SimThread {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SimThread")
            .field("tid", &self.tid)
            .finish_non_exhaustive()
    }
}

impl SimThread {
    /// Waits (on the scheduler: other simulated threads run meanwhile) until the thread has
    /// returned.
    ///
    /// # Panics
    /// If the thread's body panicked: with its message, as `std::thread::JoinHandle::join`
    /// followed by `unwrap` would.
    pub fn join(self) {
        let _ = self.sim.sched.join(self.tid);
        let panicked = self.sim.lock().thread_panics.remove(&self.tid);
        if let Some(message) = panicked {
            panic!(
                "simulated thread {} panicked (schedule seed {}): {message}",
                self.sim.sched.thread_name(self.tid),
                self.sim.sched.seed()
            );
        }
    }
}

/// A loaded driver in a simulated kernel. Dropping it removes its devices and unloads the driver
/// (with the leak check); [`Simulation::unload`] does the same and returns what it found.
///
/// The thread that loads the driver becomes the simulation's first simulated thread; the
/// simulation is driven from it, and from threads started with [`SimHandle::spawn`].
pub struct Simulation {
    handle: SimHandle,
    driver_object: Box<sys::DRIVER_OBJECT>,
    unloaded: bool,
    _slot: SlotGuard,
}

impl fmt::Debug for Simulation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Simulation")
            .field("driver", &self.sim.config.driver_name)
            .finish_non_exhaustive()
    }
}

impl std::ops::Deref for Simulation {
    type Target = SimHandle;

    fn deref(&self) -> &SimHandle {
        &self.handle
    }
}

/// The seed a simulation runs with: `KMDF_SIM_SEED` if set (to replay a printed seed), else the
/// configuration's.
fn effective_seed(config: &SimConfig) -> u64 {
    std::env::var("KMDF_SIM_SEED")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(config.seed)
}

impl Simulation {
    /// Loads a driver with the default configuration.
    ///
    /// # Errors
    /// If DriverEntry fails or never creates its WDFDRIVER.
    pub fn load(entry: DriverEntry) -> Result<Self, SimError> {
        Self::load_with(entry, SimConfig::default())
    }

    /// Loads a driver: installs the framework, then calls DriverEntry at PASSIVE_LEVEL with a
    /// driver object and the service's registry path. Waits while another simulation in this
    /// process is alive (one driver image per kernel).
    ///
    /// # Errors
    /// If DriverEntry fails or never creates its WDFDRIVER.
    ///
    pub fn load_with(entry: DriverEntry, config: SimConfig) -> Result<Self, SimError> {
        let slot = SlotGuard::acquire();
        let seed = effective_seed(&config);
        let sched = Arc::new(Scheduler::new(seed, config.policy));
        let mut globals = Box::new(sys::WDF_DRIVER_GLOBALS::default());
        for (place, byte) in globals
            .DriverName
            .iter_mut()
            .zip(config.driver_name.bytes().take(31))
        {
            *place = i8::from_ne_bytes([byte]);
        }
        let sim = Arc::new_cyclic(|this| Sim {
            state: Mutex::new(State::new()),
            sched,
            this: this.clone(),
            globals,
            config,
        });
        set_current(Some(Arc::clone(&sim)));
        sys::__sim::install(&crate::table::KERNEL_ROUTINES);
        // SAFETY: plain writes of the table and globals pointers while no driver code runs (the
        // slot guarantees no other simulation is live); both stay valid until `uninstall`.
        unsafe { sys::WdfFunctions = crate::table::function_table() };
        // SAFETY: as above.
        unsafe { sys::WdfDriverGlobals = sim.globals_ptr() };
        let mut this = Self {
            handle: SimHandle { sim },
            driver_object: Box::default(),
            unloaded: false,
            _slot: slot,
        };
        let mut path: Vec<u16> = format!(
            r"\REGISTRY\MACHINE\SYSTEM\ControlSet001\Services\{}",
            this.sim.config.driver_name
        )
        .encode_utf16()
        .collect();
        let bytes = u16::try_from(path.len() * 2).unwrap_or(u16::MAX - 1);
        path.push(0);
        let registry_path = sys::UNICODE_STRING {
            Length: bytes,
            MaximumLength: bytes + 2,
            Buffer: path.as_mut_ptr(),
        };
        this.sim.lock().in_driver_entry = true;
        let sim = Arc::clone(&this.sim);
        let status = irql::run_callback(&sim, "DriverEntry", PASSIVE, || {
            // SAFETY: the driver's entry point, called once with a fresh driver object and a
            // registry path that outlives the call, as the I/O manager does.
            unsafe { entry(&mut this.driver_object, &raw const registry_path) }
        });
        drop(path);
        this.sim.lock().in_driver_entry = false;
        let created = this.sim.lock().driver.is_some();
        let failure = if !sys::NT_SUCCESS(status) {
            Some(SimError::DriverEntryFailed(status))
        } else if !created {
            Some(SimError::NoDriverCreated)
        } else {
            None
        };
        if let Some(error) = failure {
            // The framework deletes the WDFDRIVER of a failed DriverEntry (no EvtDriverUnload).
            this.teardown("DriverEntry failure", false);
            checkpoint(&this.sim);
            return Err(error);
        }
        checkpoint(&this.sim);
        Ok(this)
    }
}

impl SimHandle {
    /// Adds a root-enumerated device (like `devgen /add /hardwareid Root\IoLab`): runs
    /// EvtDriverDeviceAdd with a fresh WDFDEVICE_INIT, then starts the device
    /// (EvtDevicePrepareHardware, EvtDeviceD0Entry, EvtDeviceSelfManagedIoInit) and enables its
    /// interfaces.
    ///
    /// # Errors
    /// If EvtDriverDeviceAdd fails or creates no device, or a start callback fails.
    pub fn add_device(&self, hardware_id: &str) -> Result<DeviceRef, SimError> {
        self.sim.sched.assert_member();
        let result = self.add_device_inner(hardware_id);
        checkpoint(&self.sim);
        result
    }

    fn add_device_inner(&self, hardware_id: &str) -> Result<DeviceRef, SimError> {
        let sim = &self.sim;
        let (driver, device_add, node, init) = {
            let mut state = sim.lock();
            let Some(driver) = state.driver else {
                return Err(SimError::NoDriverCreated);
            };
            let device_add = match state.objects.get(&driver).map(|o| &o.data) {
                Some(ObjData::Driver(data)) => data.device_add,
                _ => None,
            };
            let Some(device_add) = device_add else {
                return Err(SimError::NoDeviceAdd);
            };
            let node = state.devnodes.len();
            state.devnodes.push(crate::state::DevNode {
                hardware_id: hardware_id.to_owned(),
                device: None,
            });
            let init = state.insert(
                Kind::DeviceInit,
                None,
                ObjData::DeviceInit(Box::new(InitData {
                    devnode: Some(node),
                    io_type: sys::_WDF_DEVICE_IO_TYPE::WdfDeviceIoBuffered,
                    exclusive: false,
                    pnp: None,
                    file: None,
                    request_attributes: None,
                    filter: false,
                })),
            );
            (driver, device_add, node, init)
        };
        let status = irql::run_callback(sim, "EvtDriverDeviceAdd", PASSIVE, || {
            // SAFETY: the driver's EvtDriverDeviceAdd, with its live WDFDRIVER and a fresh init.
            unsafe { device_add(handle(driver), handle(init)) }
        });
        let device = {
            let mut state = sim.lock();
            if state.objects.contains_key(&init) {
                engine::remove_object(
                    &mut state,
                    init,
                    "freed by the framework when EvtDriverDeviceAdd returned",
                );
            }
            state.devnodes.get(node).and_then(|n| n.device)
        };
        if !sys::NT_SUCCESS(status) {
            if let Some(device) = device {
                self.discard_device(node, device);
            }
            return Err(SimError::DeviceAddFailed(status));
        }
        let Some(device) = device else {
            return Err(SimError::NoDeviceCreated);
        };
        if let Err(error) = self.start_device(device) {
            self.discard_device(node, device);
            return Err(error);
        }
        Ok(DeviceRef(node))
    }

    fn start_device(&self, device: ObjId) -> Result<(), SimError> {
        for step in [
            PnpStep::PrepareHardware,
            PnpStep::D0Entry,
            PnpStep::SelfManagedIoInit,
        ] {
            let Some(status) = self.run_pnp(device, step) else {
                continue;
            };
            if !sys::NT_SUCCESS(status) {
                if step != PnpStep::PrepareHardware {
                    self.run_pnp(device, PnpStep::ReleaseHardware);
                }
                return Err(SimError::StartFailed {
                    callback: step.name(),
                    status,
                });
            }
        }
        if let Some(data) = self.sim.lock().device_mut(device) {
            data.started = true;
        }
        Ok(())
    }

    /// Runs one PnP/power callback of the device, if the driver registered it; returns its
    /// status (`STATUS_SUCCESS` for callbacks that return nothing).
    fn run_pnp(&self, device: ObjId, step: PnpStep) -> Option<NTSTATUS> {
        let pnp = self.sim.lock().device(device).and_then(|d| d.pnp)?;
        let d = handle::<sys::WDFDEVICE__>(device);
        let d3 = sys::_WDF_POWER_DEVICE_STATE::WdfPowerDeviceD3Final;
        let none = std::ptr::null_mut();
        let ok = sys::STATUS_SUCCESS;
        // Each call: the driver's own callback, with its live device, at PASSIVE_LEVEL, in the
        // order the PnP manager uses for start and removal (a root-enumerated device has no
        // hardware resources, so the resource lists are null).
        let call: Box<dyn FnOnce() -> NTSTATUS> = match step {
            PnpStep::PrepareHardware => {
                let f = pnp.EvtDevicePrepareHardware?;
                // SAFETY: see above.
                Box::new(move || unsafe { f(d, none, none) })
            }
            PnpStep::D0Entry => {
                let f = pnp.EvtDeviceD0Entry?;
                // SAFETY: see above; the first start comes from D3Final.
                Box::new(move || unsafe { f(d, d3) })
            }
            PnpStep::SelfManagedIoInit => {
                let f = pnp.EvtDeviceSelfManagedIoInit?;
                // SAFETY: see above.
                Box::new(move || unsafe { f(d) })
            }
            PnpStep::SelfManagedIoSuspend => {
                let f = pnp.EvtDeviceSelfManagedIoSuspend?;
                // SAFETY: see above.
                Box::new(move || unsafe { f(d) })
            }
            PnpStep::D0Exit => {
                let f = pnp.EvtDeviceD0Exit?;
                // SAFETY: see above; removal leaves for D3Final.
                Box::new(move || unsafe { f(d, d3) })
            }
            PnpStep::SelfManagedIoFlush => {
                let f = pnp.EvtDeviceSelfManagedIoFlush?;
                Box::new(move || {
                    // SAFETY: see above.
                    unsafe { f(d) };
                    ok
                })
            }
            PnpStep::SelfManagedIoCleanup => {
                let f = pnp.EvtDeviceSelfManagedIoCleanup?;
                Box::new(move || {
                    // SAFETY: see above.
                    unsafe { f(d) };
                    ok
                })
            }
            PnpStep::ReleaseHardware => {
                let f = pnp.EvtDeviceReleaseHardware?;
                // SAFETY: see above.
                Box::new(move || unsafe { f(d, none) })
            }
        };
        Some(irql::run_callback(&self.sim, step.name(), PASSIVE, call))
    }

    fn discard_device(&self, node: usize, device: ObjId) {
        if let Some(n) = self.sim.lock().devnodes.get_mut(node) {
            n.device = None;
        }
        engine::delete_tree(
            &self.sim,
            device,
            "deleted after a failed device add or start",
        );
    }

    /// Removes a device, as `pnputil /remove-device` does: open handles are closed (cleanup and
    /// close), its queues purged (waiting requests cancelled; cancelable requests the driver owns
    /// cancelled; any the driver still owns reported), the removal callbacks run, and the device
    /// and its children deleted (cleanup callbacks children-first, then destroy callbacks).
    ///
    /// # Errors
    /// If the device was already removed.
    pub fn remove_device(&self, device: DeviceRef) -> Result<(), SimError> {
        self.sim.sched.assert_member();
        let result = self.remove_device_inner(device.0, "remove_device");
        checkpoint(&self.sim);
        result
    }

    fn remove_device_inner(&self, node: usize, step: &'static str) -> Result<(), SimError> {
        let sim = &self.sim;
        let (device, files) = {
            let mut state = sim.lock();
            let Some(device) = state.devnodes.get_mut(node).and_then(|n| n.device.take()) else {
                return Err(SimError::DeviceGone);
            };
            if let Some(data) = state.device_mut(device) {
                data.removing = true;
            }
            let files: Vec<ObjId> = state
                .subtree_children_first(device)
                .into_iter()
                .filter(|id| matches!(state.objects.get(id).map(|o| &o.data), Some(ObjData::FileObject(f)) if !f.cleaned_up))
                .collect();
            (device, files)
        };
        for file in files {
            close_file(sim, file);
        }
        // As KMDF removes a started device: power-managed queues are purged as the device leaves
        // D0 (EvtIoStop for what the driver owns, then a wait for all of it), the others after
        // EvtDeviceSelfManagedIoFlush; each wait ends only when every request is completed and
        // every callback has returned, or when nothing left could complete them.
        self.run_pnp(device, PnpStep::SelfManagedIoSuspend);
        engine::purge_for_removal(sim, device, true, step);
        self.run_pnp(device, PnpStep::D0Exit);
        self.run_pnp(device, PnpStep::SelfManagedIoFlush);
        engine::purge_for_removal(sim, device, false, step);
        self.run_pnp(device, PnpStep::SelfManagedIoCleanup);
        self.run_pnp(device, PnpStep::ReleaseHardware);
        engine::delete_tree(sim, device, "deleted when its device was removed");
        report_kept_requests(sim, device, step);
        engine::check_quarantine(&mut sim.lock(), step);
        Ok(())
    }

    /// Opens a handle for reading and writing to the first started device that exposes
    /// `interface` (as `CreateFileW(GENERIC_READ | GENERIC_WRITE)` on the path
    /// `CM_Get_Device_Interface_List` returns). Runs EvtDeviceFileCreate if the driver configured
    /// one.
    ///
    /// # Errors
    /// If no started device exposes the interface, or the driver fails the create.
    pub fn open(&self, interface: &sys::GUID) -> Result<FileHandle, SimError> {
        self.open_with_access(interface, Access::READ_WRITE)
    }

    /// [`Simulation::open`] with the given access rights. The I/O manager checks them: an IOCTL
    /// whose code asks for FILE_READ_ACCESS or FILE_WRITE_ACCESS, a read or a write fails with
    /// STATUS_ACCESS_DENIED on a handle without the matching right, before the driver sees it.
    ///
    /// # Errors
    /// As [`Simulation::open`].
    pub fn open_with_access(
        &self,
        interface: &sys::GUID,
        access: Access,
    ) -> Result<FileHandle, SimError> {
        let result = open_file(&self.sim, interface, access);
        checkpoint(&self.sim);
        result
    }

    /// Lets `by` of virtual time pass for the calling simulated thread (what
    /// `KeQueryPerformanceCounter` and `KeQueryInterruptTimePrecise` report): other simulated
    /// threads run meanwhile, and every timer that falls due on the way fires, in due order, on
    /// the timer thread. Returns once the time has come and every timer due by then has run its
    /// callback (and the work it queued has run).
    pub fn advance(&self, by: Duration) {
        let ticks = u64::try_from(by.as_nanos() / 100).unwrap_or(u64::MAX);
        let target = self.sim.now().saturating_add(ticks);
        let _ = self
            .sim
            .block_until("virtual time to pass (advance)", move |state, now| {
                if now < target {
                    Wake::At(target)
                } else if crate::ddi_timer::settled(state, now) {
                    Wake::Ready
                } else {
                    Wake::Later
                }
            });
        checkpoint(&self.sim);
    }

    /// Waits (virtual time, up to `limit`) until the system worker thread has run every queued
    /// work item; false if it is still busy then (or can never finish).
    #[must_use]
    pub fn wait_for_work_items(&self, limit: Duration) -> bool {
        let ticks = u64::try_from(limit.as_nanos() / 100).unwrap_or(u64::MAX);
        let deadline = self.sim.now().saturating_add(ticks);
        let busy = |state: &State| {
            !state.work_queue.is_empty()
                || state
                    .objects
                    .values()
                    .any(|o| matches!(&o.data, ObjData::WorkItem(w) if w.running))
        };
        let outcome = self.sim.block_until(
            "the work items to run (wait_for_work_items)",
            move |state, now| {
                if !busy(state) || now >= deadline {
                    Wake::Ready
                } else {
                    Wake::At(deadline)
                }
            },
        );
        outcome == Outcome::Ready && !busy(&self.sim.lock())
    }

    /// Virtual time since load.
    #[must_use]
    pub fn now(&self) -> Duration {
        Duration::from_nanos(self.sim.now().saturating_mul(100))
    }

    /// The seed of this simulation's schedule (print it with a failure; `KMDF_SIM_SEED=<seed>`
    /// or [`SimConfig::seed`] replays it).
    #[must_use]
    pub fn seed(&self) -> u64 {
        self.sim.sched.seed()
    }

    /// Yield points passed so far (the length of the schedule), and how many of them were real
    /// choices (more than one simulated thread could run).
    #[must_use]
    pub fn schedule_steps(&self) -> (u64, u64) {
        self.sim.sched.steps()
    }

    /// A hash of every scheduling decision so far: equal for two runs that interleaved their
    /// threads identically (as two runs with the same seed always do).
    #[must_use]
    pub fn schedule_fingerprint(&self) -> u64 {
        self.sim.sched.fingerprint()
    }

    /// A clone of this handle, for a simulated thread to own.
    #[must_use]
    pub fn handle(&self) -> SimHandle {
        self.clone()
    }

    /// Starts a simulated thread running `body`. It runs when the scheduler chooses it, at the
    /// yield points of the threads already running (every DDI, callback and wait); the seed fixes
    /// the interleaving. Join it with [`SimThread::join`]; the simulation's end waits for it too.
    ///
    /// # Panics
    /// If the operating system cannot start a thread. A panic inside `body` is caught and
    /// recorded as a test failure of this simulation.
    pub fn spawn(&self, name: &str, body: impl FnOnce() + Send + 'static) -> SimThread {
        let sim = Arc::clone(&self.sim);
        let shared = Arc::clone(&self.sim);
        let tid_cell = Arc::new(std::sync::OnceLock::new());
        let tid_for_body = Arc::clone(&tid_cell);
        let tid = self.sim.sched.spawn(name, move || {
            let tid_cell = tid_for_body;
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(body));
            if let Err(panic) = result {
                let message = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                    .unwrap_or_else(|| "a panic with a non-text payload".to_owned());
                shared
                    .lock()
                    .thread_panics
                    .insert(tid_cell.get().copied().unwrap_or_default(), message);
            }
        });
        let _ = tid_cell.set(tid);
        self.sim.lock().spawned.push(tid);
        SimThread { sim, tid }
    }

    /// Makes the `n`th pool allocation or object creation from now on fail (1 = the next one),
    /// like Driver Verifier's low-resources simulation.
    pub fn fail_nth_allocation(&self, n: u64) {
        let mut state = self.sim.lock();
        state.fail_allocation = Some(state.allocations.saturating_add(n.max(1)));
    }

    /// Cancels a pending [`Simulation::fail_nth_allocation`] that has not fired yet.
    pub fn stop_failing_allocations(&self) {
        self.sim.lock().fail_allocation = None;
    }

    /// Every violation recorded so far (also the ones already reported).
    #[must_use]
    pub fn violations(&self) -> Vec<Violation> {
        self.sim.lock().violations.clone()
    }

    /// Takes the violations recorded so far (with [`OnViolation::Record`]).
    #[must_use]
    pub fn take_violations(&self) -> Vec<Violation> {
        let mut state = self.sim.lock();
        state.reported = 0;
        std::mem::take(&mut state.violations)
    }

    /// Live framework objects (driver, devices, queues, ...), excluding completed requests.
    #[must_use]
    pub fn object_count(&self) -> usize {
        self.sim.lock().objects.len()
    }

    /// Live pool allocations: (count, bytes).
    #[must_use]
    pub fn pool_in_use(&self) -> (usize, usize) {
        let state = self.sim.lock();
        (
            state.pool.len(),
            state.pool.values().map(|b| b.buffer.len()).sum(),
        )
    }

    /// Everything the driver printed with `wdk::println!`.
    #[must_use]
    pub fn debug_log(&self) -> Vec<String> {
        self.sim.lock().debug_log.clone()
    }

    /// The hardware ID a device was added with.
    #[must_use]
    pub fn hardware_id(&self, device: DeviceRef) -> Option<String> {
        self.sim
            .lock()
            .devnodes
            .get(device.0)
            .map(|n| n.hardware_id.clone())
    }
}

impl Simulation {
    /// Removes every device, calls EvtDriverUnload, deletes the driver's object tree, and checks
    /// that nothing is left: no object, no pool allocation, no write to a completed request's
    /// buffer. Returns every violation of the whole run.
    ///
    /// # Panics
    /// With [`OnViolation::Panic`], if any violation not yet reported was found.
    #[must_use = "the violations are the result of the unload's leak check"]
    pub fn unload(mut self) -> Vec<Violation> {
        self.teardown("unload", true);
        checkpoint(&self.sim);
        self.sim.lock().violations.clone()
    }

    fn teardown(&mut self, step: &'static str, call_unload: bool) {
        if self.unloaded {
            return;
        }
        self.unloaded = true;
        let sim = Arc::clone(&self.sim);
        // The test's own simulated threads finish first (they may still be sending I/O).
        let spawned = std::mem::take(&mut sim.lock().spawned);
        for tid in spawned {
            let _ = sim.sched.join(tid);
        }
        let nodes = sim.lock().devnodes.len();
        for node in 0..nodes {
            let _ = self.remove_device_inner(node, step);
        }
        let (driver, unload) = {
            let state = sim.lock();
            let driver = state.driver;
            let unload = driver.and_then(|d| match state.objects.get(&d).map(|o| &o.data) {
                Some(ObjData::Driver(data)) => data.unload,
                _ => None,
            });
            (driver, unload)
        };
        if call_unload && let (Some(driver), Some(unload)) = (driver, unload) {
            irql::run_callback(&sim, "EvtDriverUnload", PASSIVE, || {
                // SAFETY: the driver's unload callback with its live WDFDRIVER, once.
                unsafe { unload(handle(driver)) };
            });
        }
        if let Some(driver) = driver {
            engine::delete_tree(&sim, driver, "deleted when the driver unloaded");
        }
        crate::ddi_timer::stop_system_threads(&sim);
        leak_check(&mut sim.lock(), step);
        set_current(None);
        // SAFETY: plain pointer writes; no driver code runs any more.
        unsafe { sys::WdfFunctions = std::ptr::null() };
        // SAFETY: as above.
        unsafe { sys::WdfDriverGlobals = std::ptr::null_mut() };
        sim.sched.leave();
    }
}

impl Drop for Simulation {
    fn drop(&mut self) {
        self.teardown("the end of the simulation", true);
        checkpoint(&self.sim);
    }
}

/// Completed requests of a removed device that a driver reference still keeps: each reference
/// never released is a leak. Reported, then freed so the run can go on.
fn report_kept_requests(sim: &Sim, device: ObjId, step: &'static str) {
    let kept: Vec<ObjId> = {
        let state = sim.lock();
        state
            .objects
            .iter()
            .filter_map(|(id, o)| match &o.data {
                ObjData::Request(r) if r.device == Some(device) && r.completed.is_some() => {
                    Some(*id)
                }
                _ => None,
            })
            .collect()
    };
    for id in kept {
        {
            let mut state = sim.lock();
            let described = state.describe(id);
            let sites: Vec<String> = state
                .objects
                .get(&id)
                .map(|o| o.references.iter().map(|r| r.site.clone()).collect())
                .unwrap_or_default();
            state.violation(
                Rule::ObjectLeak,
                step,
                described,
                format!(
                    "the completed request is still referenced when its device is removed \
                     (WdfObjectReference at {} never released)",
                    sites.join(", ")
                ),
            );
            if let Some(object) = state.objects.get_mut(&id) {
                object.references.clear();
            }
        }
        engine::destroy(sim, id, "freed after its leaked reference was reported");
    }
}

/// Reports everything still alive after the driver object was deleted, then frees it.
fn leak_check(state: &mut State, step: &str) {
    let leaked: Vec<ObjId> = state
        .objects
        .keys()
        .copied()
        .filter(|id| {
            state
                .objects
                .get(id)
                .is_some_and(|o| o.kind != Kind::DeviceInit)
        })
        .collect();
    for id in leaked {
        let described = state.describe(id);
        let references: Vec<String> = state
            .objects
            .get(&id)
            .map(|o| o.references.iter().map(|r| r.site.clone()).collect())
            .unwrap_or_default();
        let detail = if references.is_empty() {
            "still allocated when the driver unloaded".to_owned()
        } else {
            format!(
                "still referenced when the driver unloaded (WdfObjectReference at {} never released)",
                references.join(", ")
            )
        };
        state.violation(Rule::ObjectLeak, step, described, detail);
    }
    state.objects.clear();
    let mut blocks: Vec<(usize, u32, usize)> = state
        .pool
        .iter()
        .map(|(addr, b)| (*addr, b.tag, b.buffer.len()))
        .collect();
    blocks.sort_unstable();
    for (address, tag, size) in blocks {
        state.violation(
            Rule::PoolLeak,
            step,
            format!("pool block {address:#x} tag '{}'", tag_text(tag)),
            format!("{size} bytes allocated with ExAllocatePool2 were never freed"),
        );
    }
    state.pool.clear();
    engine::check_quarantine(state, step);
}

fn open_file(
    sim: &Arc<Sim>,
    interface: &sys::GUID,
    access: Access,
) -> Result<FileHandle, SimError> {
    sim.sched.assert_member();
    let (device, file, create_irp) = {
        let mut state = sim.lock();
        let device = state.devnodes.iter().filter_map(|n| n.device).find(|d| {
            state.device(*d).is_some_and(|data| {
                data.started
                    && !data.removing
                    && data.interfaces.iter().any(|(g, _)| g == interface)
            })
        });
        let Some(device) = device else {
            return Err(SimError::NoSuchInterface(format!(
                "{{{:08X}-{:04X}-{:04X}-{:02X}{:02X}-{}}}",
                interface.Data1,
                interface.Data2,
                interface.Data3,
                interface.Data4[0],
                interface.Data4[1],
                interface.Data4.get(2..).unwrap_or_default().iter().fold(
                    String::new(),
                    |mut text, b| {
                        let _ = std::fmt::Write::write_fmt(&mut text, format_args!("{b:02X}"));
                        text
                    }
                )
            )));
        };
        let config = state.device(device).and_then(|d| d.file);
        let file = engine::create_object(
            &mut state,
            Kind::FileObject,
            Some(device),
            config.and_then(|c| c.attributes),
            ObjData::FileObject(FileData {
                device,
                cleaned_up: false,
            }),
            "IRP_MJ_CREATE",
        )
        .map_err(SimError::CreateFailed)?;
        let create = config.and_then(|c| c.create).map(|callback| {
            let irp = state.fresh_id();
            let request = state.insert(
                Kind::Request,
                None,
                ObjData::Request(Box::new(RequestData {
                    irp,
                    kind: RequestKind::Create,
                    input: None,
                    output: None,
                    file: Some(file),
                    owner: Owner::Driver { queue: None },
                    information: 0,
                    cancel_routine: None,
                    cancel_requested: false,
                    device: Some(device),
                    completed: None,
                    delivered: false,
                })),
            );
            state.irps.insert(
                irp,
                Irp {
                    kind: RequestKind::Create,
                    request: Some(request),
                    result: None,
                    cancel_requested: false,
                },
            );
            (irp, request, callback)
        });
        (device, file, create)
    };
    if let Some((irp, request, callback)) = create_irp {
        irql::run_callback(sim, "EvtDeviceFileCreate", PASSIVE, || {
            // SAFETY: the driver's EvtDeviceFileCreate with live device, request and file object.
            unsafe { callback(handle(device), handle(request), handle(file)) };
        });
        let result = PendingIo {
            sim: Arc::clone(sim),
            irp,
        }
        .wait();
        if !sys::NT_SUCCESS(result.status) {
            engine::delete_tree(sim, file, "deleted after its create request failed");
            return Err(SimError::CreateFailed(result.status));
        }
    }
    Ok(FileHandle {
        sim: Arc::clone(sim),
        file,
        device,
        access,
        closed: std::sync::atomic::AtomicBool::new(false),
    })
}

/// IRP_MJ_CLEANUP, as KMDF handles it: EvtFileCleanup runs first; then the requests of this
/// file still waiting in the device's queues are cancelled, queue by queue in arrival order;
/// close (EvtFileClose, then the file object's deletion) follows once no I/O of the file is left.
fn close_file(sim: &Arc<Sim>, file: ObjId) {
    let (config, device) = {
        let mut state = sim.lock();
        let device = match state.objects.get_mut(&file).map(|o| &mut o.data) {
            Some(ObjData::FileObject(data)) if !data.cleaned_up => {
                data.cleaned_up = true;
                data.device
            }
            _ => return,
        };
        (state.device(device).and_then(|d| d.file), device)
    };
    if let Some(cleanup) = config.and_then(|c| c.cleanup) {
        irql::run_callback(sim, "EvtFileCleanup", PASSIVE, || {
            // SAFETY: the driver's EvtFileCleanup with the live file object.
            unsafe { cleanup(handle(file)) };
        });
    }
    let waiting: Vec<ObjId> = {
        let state = sim.lock();
        let mut queues = engine::device_queues(&state, device, true);
        queues.extend(engine::device_queues(&state, device, false));
        queues
            .iter()
            .filter_map(|q| state.queue(*q))
            .flat_map(|q| q.pending.iter().copied())
            .filter(|r| state.request(*r).is_some_and(|r| r.file == Some(file)))
            .collect()
    };
    for request in waiting {
        engine::cancel_request(sim, request);
    }
    finish_close(sim, file);
}

/// Runs EvtFileClose and deletes the file object if its handle is closed and no I/O remains.
pub(crate) fn finish_close(sim: &Sim, file: ObjId) {
    let config = {
        let state = sim.lock();
        let Some(ObjData::FileObject(data)) = state.objects.get(&file).map(|o| &o.data) else {
            return;
        };
        let busy = state
            .objects
            .values()
            .any(|o| matches!(&o.data, ObjData::Request(r) if r.file == Some(file) && r.completed.is_none()));
        if !data.cleaned_up || busy {
            return;
        }
        state.device(data.device).and_then(|d| d.file)
    };
    if let Some(close) = config.and_then(|c| c.close) {
        irql::run_callback(sim, "EvtFileClose", PASSIVE, || {
            // SAFETY: the driver's EvtFileClose with the live file object, once.
            unsafe { close(handle(file)) };
        });
    }
    engine::delete_tree(sim, file, "deleted when its handle was closed");
}

/// An open handle to a device.
pub struct FileHandle {
    sim: Arc<Sim>,
    file: ObjId,
    device: ObjId,
    access: Access,
    closed: std::sync::atomic::AtomicBool,
}

impl fmt::Debug for FileHandle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FileHandle")
            .field("file", &(self.file << 4))
            .finish_non_exhaustive()
    }
}

impl FileHandle {
    /// Sends `DeviceIoControl(code, input, output of output_len bytes)`; returns at once.
    #[must_use = "the I/O is only observed through the returned PendingIo"]
    pub fn device_io_control(&self, code: u32, input: &[u8], output_len: usize) -> PendingIo {
        let io = submit(
            &self.sim,
            self.closed.load(std::sync::atomic::Ordering::Acquire),
            self.file,
            self.device,
            self.access,
            RequestKind::DeviceControl {
                code,
                input_length: input.len(),
                output_length: output_len,
            },
            input,
        );
        checkpoint(&self.sim);
        io
    }

    /// Sends an IOCTL and waits for it.
    #[must_use]
    pub fn ioctl(&self, code: u32, input: &[u8], output_len: usize) -> IoResult {
        self.device_io_control(code, input, output_len).wait()
    }

    /// Sends `ReadFile` for `length` bytes; returns at once.
    #[must_use = "the I/O is only observed through the returned PendingIo"]
    pub fn read(&self, length: usize) -> PendingIo {
        let io = submit(
            &self.sim,
            self.closed.load(std::sync::atomic::Ordering::Acquire),
            self.file,
            self.device,
            self.access,
            RequestKind::Read { length },
            &[],
        );
        checkpoint(&self.sim);
        io
    }

    /// Sends `WriteFile` of `data`; returns at once.
    #[must_use = "the I/O is only observed through the returned PendingIo"]
    pub fn write(&self, data: &[u8]) -> PendingIo {
        let io = submit(
            &self.sim,
            self.closed.load(std::sync::atomic::Ordering::Acquire),
            self.file,
            self.device,
            self.access,
            RequestKind::Write { length: data.len() },
            data,
        );
        checkpoint(&self.sim);
        io
    }

    /// Closes the handle, as `CloseHandle` does (cleanup now, close once its I/O is done). Other
    /// simulated threads may still have I/O in flight on it; I/O sent on it afterwards fails at
    /// once with STATUS_INVALID_HANDLE, as it does in user mode.
    pub fn close(&self) {
        self.close_inner();
        checkpoint(&self.sim);
    }

    fn close_inner(&self) {
        if !self.closed.swap(true, std::sync::atomic::Ordering::AcqRel) {
            close_file(&self.sim, self.file);
        }
    }
}

impl Drop for FileHandle {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            self.close_inner();
        }
    }
}

fn finish_now(state: &mut State, irp: IrpId, kind: RequestKind, status: NTSTATUS) {
    state.irps.insert(
        irp,
        Irp {
            kind,
            request: None,
            result: Some(IoResult {
                status,
                information: 0,
                output: Vec::new(),
            }),
            cancel_requested: false,
        },
    );
}

/// The I/O manager's and framework's checks before a request exists (the caller's handle is
/// checked before, in user mode): the device started and not being removed, the handle's access allows the request, a queue takes
/// it and accepts requests now. Returns that queue and the device's request attributes, or the
/// status the I/O completes with at once (STATUS_SUCCESS for a zero-length read or write the
/// queue does not want to see).
fn admit(
    state: &State,
    file: ObjId,
    device: ObjId,
    access: Access,
    kind: RequestKind,
) -> Result<(ObjId, Option<sys::WDF_OBJECT_ATTRIBUTES>), NTSTATUS> {
    let data = state.device(device).ok_or(sys::STATUS_DEVICE_REMOVED)?;
    let open = matches!(
        state.objects.get(&file).map(|o| &o.data),
        Some(ObjData::FileObject(f)) if !f.cleaned_up
    );
    // A file object the removal cleaned up: the caller's handle is still valid, its device gone.
    if data.removing || !data.started || !open {
        return Err(sys::STATUS_DEVICE_REMOVED);
    }
    if !access.allows(kind) {
        return Err(sys::STATUS_ACCESS_DENIED);
    }
    let queue = data
        .dispatching
        .get(&kind.request_type())
        .copied()
        .or(data.default_queue)
        .ok_or(sys::STATUS_INVALID_DEVICE_REQUEST)?;
    let queue_data = state
        .queue(queue)
        .ok_or(sys::STATUS_INVALID_DEVICE_REQUEST)?;
    if !queue_data.accepting {
        return Err(sys::STATUS_INVALID_DEVICE_STATE);
    }
    let zero_length = matches!(
        kind,
        RequestKind::Read { length: 0 } | RequestKind::Write { length: 0 }
    );
    if zero_length && queue_data.config.AllowZeroLengthRequests == 0 {
        return Err(sys::STATUS_SUCCESS);
    }
    Ok((queue, data.request_attributes))
}

fn submit(
    sim: &Arc<Sim>,
    closed: bool,
    file: ObjId,
    device: ObjId,
    access: Access,
    kind: RequestKind,
    input: &[u8],
) -> PendingIo {
    sim.sched.assert_member();
    let irp;
    let queue = {
        let mut state = sim.lock();
        irp = state.fresh_id();
        let pending = PendingIo {
            sim: Arc::clone(sim),
            irp,
        };
        if closed {
            finish_now(&mut state, irp, kind, sys::STATUS_INVALID_HANDLE);
            return pending;
        }
        let (queue, attributes) = match admit(&state, file, device, access, kind) {
            Ok(admitted) => admitted,
            Err(status) => {
                finish_now(&mut state, irp, kind, status);
                return pending;
            }
        };
        let (input_buffer, output_buffer) = buffers_for(kind, input);
        let request = RequestData {
            irp,
            kind,
            input: input_buffer,
            output: output_buffer,
            file: Some(file),
            owner: Owner::Queued(queue),
            information: 0,
            cancel_routine: None,
            cancel_requested: false,
            device: Some(device),
            completed: None,
            delivered: false,
        };
        let request = match engine::create_object(
            &mut state,
            Kind::Request,
            None,
            attributes,
            ObjData::Request(Box::new(request)),
            "the I/O manager",
        ) {
            Ok(id) => id,
            Err(status) => {
                finish_now(&mut state, irp, kind, status);
                return pending;
            }
        };
        state.irps.insert(
            irp,
            Irp {
                kind,
                request: Some(request),
                result: None,
                cancel_requested: false,
            },
        );
        if let Some(queue_data) = state.queue_mut(queue) {
            queue_data.pending.push_back(request);
        }
        queue
    };
    engine::dispatch(sim, queue);
    PendingIo {
        sim: Arc::clone(sim),
        irp,
    }
}

/// The buffers the I/O manager builds for a request: METHOD_BUFFERED shares one system buffer
/// of max(input, output) bytes for both; direct I/O gets a separate output buffer; METHOD_NEITHER
/// gets none. Output space the caller did not fill starts as `FRESH_FILL`.
fn buffers_for(kind: RequestKind, input: &[u8]) -> (Option<SimBuffer>, Option<SimBuffer>) {
    let filled = |len: usize, data: &[u8]| {
        let mut buffer = SimBuffer::zeroed(len);
        buffer.fill(FRESH_FILL);
        if let Some(prefix) = buffer.as_mut_slice().get_mut(..data.len()) {
            prefix.copy_from_slice(data);
        }
        buffer
    };
    match kind {
        RequestKind::Create => (None, None),
        RequestKind::Read { length } => (None, Some(filled(length, &[]))),
        RequestKind::Write { length } => (Some(filled(length, input)), None),
        RequestKind::DeviceControl {
            code,
            input_length,
            output_length,
        } => match code & 3 {
            0 => {
                let len = input_length.max(output_length);
                ((len > 0).then(|| filled(len, input)), None)
            }
            1 | 2 => (
                (input_length > 0).then(|| filled(input_length, input)),
                (output_length > 0).then(|| filled(output_length, &[])),
            ),
            _ => (None, None),
        },
    }
}

/// An I/O operation in flight: wait for it, poll it, or cancel it (`CancelIoEx`).
pub struct PendingIo {
    sim: Arc<Sim>,
    irp: IrpId,
}

impl fmt::Debug for PendingIo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PendingIo")
            .field("irp", &self.irp)
            .finish_non_exhaustive()
    }
}

impl PendingIo {
    /// The result, if the I/O has completed.
    #[must_use]
    pub fn poll(&self) -> Option<IoResult> {
        let result = self
            .sim
            .lock()
            .irps
            .get(&self.irp)
            .and_then(|i| i.result.clone());
        checkpoint(&self.sim);
        result
    }

    /// True once the I/O has completed.
    #[must_use]
    pub fn is_complete(&self) -> bool {
        self.sim
            .lock()
            .irps
            .get(&self.irp)
            .is_some_and(|i| i.result.is_some())
    }

    /// Waits (virtual time: other simulated threads run meanwhile) up to `limit` for
    /// completion; `None` if the I/O has not completed by then, or if it never can (every
    /// simulated thread is waiting and no timer is due).
    #[must_use]
    pub fn wait_timeout(&self, limit: Duration) -> Option<IoResult> {
        self.wait_until(limit, true)
    }

    /// Waits for completion up to `limit` of virtual time. With `timeout` false, the limit is
    /// only a guard: it does not make time pass by itself, so an I/O that nothing can complete
    /// is reported at once rather than after the limit.
    fn wait_until(&self, limit: Duration, timeout: bool) -> Option<IoResult> {
        let ticks = u64::try_from(limit.as_nanos() / 100).unwrap_or(u64::MAX);
        let deadline = self.sim.now().saturating_add(ticks);
        let irp = self.irp;
        let _ = self
            .sim
            .block_until("an I/O to complete", move |state, now| {
                let done = state.irps.get(&irp).is_none_or(|i| i.result.is_some());
                if done || now >= deadline {
                    Wake::Ready
                } else if timeout {
                    Wake::At(deadline)
                } else {
                    Wake::Later
                }
            });
        let result = self
            .sim
            .lock()
            .irps
            .get(&self.irp)
            .and_then(|i| i.result.clone());
        checkpoint(&self.sim);
        result
    }

    /// Waits for completion.
    ///
    /// # Panics
    /// If the I/O cannot complete: every simulated thread is waiting and nothing is due (the
    /// driver pended it and nothing will complete it), or it has not completed within the
    /// configured `io_wait_limit` of virtual time. The message names the request and the seed.
    #[must_use]
    pub fn wait(self) -> IoResult {
        let limit = self.sim.config.io_wait_limit;
        if let Some(result) = self.wait_until(limit, false) {
            self.sim.lock().irps.remove(&self.irp);
            return result;
        }
        let blocked = self.sim.sched.blocked_threads();
        let state = self.sim.lock();
        let what = state.irps.get(&self.irp).map_or_else(String::new, |i| {
            i.request
                .map_or_else(|| i.kind.describe(), |r| state.describe(r))
        });
        let others: Vec<String> = blocked
            .iter()
            .map(|(thread, waits)| format!("{thread} waits for {waits}"))
            .collect();
        panic!(
            "kmdf-sim: the I/O ({what}) did not complete: the driver pended it and nothing completed it \
             (within {limit:?} of virtual time, or with nothing left that could; {}) (schedule seed {})",
            if others.is_empty() {
                "no other thread waits".to_owned()
            } else {
                others.join("; ")
            },
            self.sim.sched.seed()
        )
    }

    /// Requests cancellation, as `CancelIoEx` does. The I/O then completes, with
    /// STATUS_CANCELLED or normally if it won the race.
    pub fn cancel(&self) {
        let request = {
            let mut state = self.sim.lock();
            let Some(irp) = state.irps.get_mut(&self.irp) else {
                return;
            };
            irp.cancel_requested = true;
            irp.request
        };
        if let Some(request) = request {
            engine::cancel_request(&self.sim, request);
        }
        checkpoint(&self.sim);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buffered_ioctl_shares_one_buffer_sized_for_both_directions() {
        let (input, output) = buffers_for(
            RequestKind::DeviceControl {
                code: 0x8A1B_2000,
                input_length: 3,
                output_length: 8,
            },
            b"abc",
        );
        let input = input.expect("a system buffer");
        assert!(output.is_none());
        assert_eq!(
            input.as_slice(),
            &[
                b'a', b'b', b'c', FRESH_FILL, FRESH_FILL, FRESH_FILL, FRESH_FILL, FRESH_FILL
            ]
        );
    }

    #[test]
    fn neither_ioctl_gets_no_system_buffer() {
        let (input, output) = buffers_for(
            RequestKind::DeviceControl {
                code: 0x8A1B_2003,
                input_length: 3,
                output_length: 8,
            },
            b"abc",
        );
        assert!(input.is_none() && output.is_none());
    }
}

/// What [`explore`] saw.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exploration {
    /// Schedules run (seeds tried).
    pub runs: u64,
    /// Distinct interleavings among them (by schedule fingerprint, as reported by the scenario).
    pub distinct: usize,
}

/// Runs `scenario` once per seed in `seeds` (or only for the seed in `KMDF_SIM_SEED`, when set,
/// to replay one), each time with a [`SimConfig`] carrying that seed and `policy`; the scenario
/// loads its driver with that configuration and returns the simulation's
/// [`SimHandle::schedule_fingerprint`] at its end.
///
/// # Panics
/// At the first seed whose run panics (a failed assertion, a verifier violation): with the seed,
/// the way to replay it, and the run's own message.
pub fn explore(
    seeds: std::ops::Range<u64>,
    policy: Policy,
    scenario: impl Fn(SimConfig) -> u64,
) -> Exploration {
    let only = std::env::var("KMDF_SIM_SEED")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok());
    let seeds: Vec<u64> = match only {
        Some(seed) => vec![seed],
        None => seeds.collect(),
    };
    let mut fingerprints = std::collections::BTreeSet::new();
    for seed in &seeds {
        let config = SimConfig {
            seed: *seed,
            policy,
            ..SimConfig::default()
        };
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| scenario(config)));
        match outcome {
            Ok(fingerprint) => {
                fingerprints.insert(fingerprint);
            }
            Err(panic) => {
                let message = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                    .unwrap_or_default();
                panic!(
                    "kmdf-sim explore: the scenario failed under seed {seed} ({policy:?}); replay it \
                     with KMDF_SIM_SEED={seed} (or SimConfig {{ seed: {seed}, policy: {policy:?}, .. }}):\n{message}"
                );
            }
        }
    }
    Exploration {
        runs: u64::try_from(seeds.len()).unwrap_or(u64::MAX),
        distinct: fingerprints.len(),
    }
}
