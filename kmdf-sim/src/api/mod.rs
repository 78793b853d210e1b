//! What a test or tool drives: load a driver, add and remove devices, open handles, send I/O,
//! let virtual time pass, start simulated threads, explore schedules, inject faults, and take the
//! verifier's reports. The top of kmdf-sim: nothing below imports it.

mod explore;
mod io;
mod registry;

pub use explore::{Exploration, explore};
pub use io::{FileHandle, PendingIo};

use std::fmt;
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::Duration;

use kmdf_sim_wdk_sys as sys;
use sys::NTSTATUS;

use crate::bus::LowerDevice;
use crate::config::{OnViolation, SimConfig};
use crate::faults::{FaultCounts, FaultPlan};
use crate::framework;
use crate::io_manager::Access;
use crate::irql::{self, PASSIVE};
use crate::scheduler::{Outcome, Scheduler, Wake};
use crate::security::Caller;
use crate::state::{ObjData, ObjId, RequestKind, Sim, SimError, State, handle};
use crate::verifier::{Rule, Violation};

/// A driver's entry point, as windows-drivers-rs drivers declare it:
/// `#[unsafe(export_name = "DriverEntry")] pub unsafe extern "system" fn driver_entry(...)`.
pub type DriverEntry =
    unsafe extern "system" fn(&mut sys::DRIVER_OBJECT, sys::PCUNICODE_STRING) -> NTSTATUS;

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
        crate::memory::set_page_protection(false);
        *SLOT_BUSY.lock().unwrap_or_else(PoisonError::into_inner) = false;
        SLOT_FREE.notify_one();
    }
}

/// A device node added with [`SimHandle::add_device`] or [`SimHandle::add_device_stack`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DeviceRef(usize);

/// A driver loaded into a simulation: the first by [`Simulation::load`] ([`SimHandle::driver`]),
/// others by [`SimHandle::load_driver`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DriverRef(ObjId);

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
        crate::memory::set_page_protection(
            config.page_protection
                || std::env::var_os("KMDF_SIM_PAGE_PROTECT").is_some_and(|v| v == "1"),
        );
        let seed = effective_seed(&config);
        let sched = Arc::new(Scheduler::new(seed, config.policy));
        // This thread holds the slot and no DriverEntry of this simulation has run.
        crate::state::reset_driver_globals(&config.driver_name);
        let mut state = State::new();
        state.faults.set_plan(config.faults.clone());
        state.extra.registry = config.registry.clone();
        state.extra.etw = crate::etw::Etw::with_sessions(&config.etw);
        let sim = Arc::new_cyclic(|this| Sim {
            state: Mutex::new(state),
            sched,
            this: this.clone(),
            config,
        });
        crate::state::set_current(Some(Arc::clone(&sim)));
        sys::__sim::install(&crate::ddi::KERNEL_ROUTINES);
        // SAFETY: `function_table` builds the table once, with an entry of its index's `PFN_`
        // type or none at each of the `WdfFunctionTableNumEntries` indices, and keeps it
        // unchanged for the process's life.
        unsafe { crate::state::install_framework(crate::ddi::function_table()) };
        let mut this = Self {
            handle: SimHandle { sim },
            unloaded: false,
            _slot: slot,
        };
        let name = this.sim.config.driver_name.clone();
        if let Err(error) = run_driver_entry(&this.sim, &name, entry) {
            // The framework deletes the WDFDRIVER of a failed DriverEntry (no EvtDriverUnload).
            this.teardown("DriverEntry failure", false);
            checkpoint(&this.sim);
            return Err(error);
        }
        checkpoint(&this.sim);
        Ok(this)
    }
}

/// Calls a driver's DriverEntry at PASSIVE_LEVEL with a fresh driver object and the registry
/// path `...\Services\<name>`, as the I/O manager loads a driver image. Returns the WDFDRIVER
/// it created; after a failure that WDFDRIVER is deleted again.
fn run_driver_entry(sim: &Arc<Sim>, name: &str, entry: DriverEntry) -> Result<ObjId, SimError> {
    let mut driver_object = Box::<sys::DRIVER_OBJECT>::default();
    let mut path: Vec<u16> = format!(r"\REGISTRY\MACHINE\SYSTEM\ControlSet001\Services\{name}")
        .encode_utf16()
        .collect();
    let bytes = u16::try_from(path.len() * 2).unwrap_or(u16::MAX - 1);
    path.push(0);
    let registry_path = sys::UNICODE_STRING {
        Length: bytes,
        MaximumLength: bytes + 2,
        Buffer: path.as_mut_ptr(),
    };
    {
        let mut state = sim.lock();
        state.in_driver_entry = true;
        state.entry_driver = None;
    }
    let status = irql::run_callback(sim, "DriverEntry", PASSIVE, || {
        // SAFETY: the driver's entry point, called once with a fresh driver object and a
        // registry path that outlive the call, as the I/O manager does.
        unsafe { entry(&mut driver_object, &raw const registry_path) }
    });
    drop(path);
    let created = {
        let mut state = sim.lock();
        state.in_driver_entry = false;
        // The driver object lives as long as the simulation (drivers may keep its address).
        state.driver_objects.push(driver_object);
        state.entry_driver.take()
    };
    match created {
        Some(driver) if sys::NT_SUCCESS(status) => Ok(driver),
        Some(driver) => {
            sim.lock().drivers.retain(|d| *d != driver);
            framework::delete_tree(sim, driver, "deleted after DriverEntry failed");
            Err(SimError::DriverEntryFailed(status))
        }
        None if !sys::NT_SUCCESS(status) => Err(SimError::DriverEntryFailed(status)),
        None => Err(SimError::NoDriverCreated),
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
        let Some(driver) = self.sim.lock().drivers.first().copied() else {
            return Err(SimError::NoDriverCreated);
        };
        self.add_device_stack(hardware_id, &[DriverRef(driver)], LowerDevice::root())
    }

    /// Adds a device node with a stack of drivers, as PnP builds one: `drivers` from the bottom
    /// up (lower filters, the function driver, upper filters; each filter calls
    /// `WdfFdoInitSetFilter`), each driver's EvtDriverDeviceAdd creating the device that goes on
    /// top of the one before; then the stack starts from the bottom up. Under the bottom device
    /// is the bus device, `bus`: what the stack sends below its lowest device, it answers.
    ///
    /// # Errors
    /// If a driver's EvtDriverDeviceAdd fails or creates no device, or a start callback fails
    /// (every device created is deleted again).
    pub fn add_device_stack(
        &self,
        hardware_id: &str,
        drivers: &[DriverRef],
        bus: LowerDevice,
    ) -> Result<DeviceRef, SimError> {
        self.sim.sched.assert_member();
        let ids: Vec<ObjId> = drivers.iter().map(|d| d.0).collect();
        let result = framework::pnp::add_device(&self.sim, hardware_id, &ids, bus).map(DeviceRef);
        checkpoint(&self.sim);
        result
    }

    /// Loads another driver into this simulation (its DriverEntry runs with its own driver
    /// object and the registry path `...\Services\<name>`), to stack with the others in
    /// [`SimHandle::add_device_stack`]. The drivers share the one `WdfDriverGlobals` of the
    /// mirror crate they are linked with, so `WdfGetDriver()` answers the driver loaded last.
    ///
    /// # Errors
    /// If DriverEntry fails or never creates its WDFDRIVER.
    pub fn load_driver(&self, name: &str, entry: DriverEntry) -> Result<DriverRef, SimError> {
        self.sim.sched.assert_member();
        let result = run_driver_entry(&self.sim, name, entry).map(DriverRef);
        checkpoint(&self.sim);
        result
    }

    /// The driver [`Simulation::load`] loaded.
    ///
    /// # Panics
    /// Never: a simulation exists only once its first driver loaded.
    #[must_use]
    pub fn driver(&self) -> DriverRef {
        match self.sim.lock().drivers.first() {
            Some(driver) => DriverRef(*driver),
            None => unreachable!("a simulation exists only once its first driver loaded"),
        }
    }

    /// Removes a device, as `pnputil /remove-device` does: open handles are closed (EvtFileCleanup
    /// and EvtFileClose), power-managed queues are purged as the device leaves D0 and the others
    /// after EvtDeviceSelfManagedIoFlush (EvtIoStop for requests the driver owns), removal waits
    /// for every request and callback in flight, then the device and its children are deleted
    /// (cleanup callbacks children-first, then destroy callbacks). A request the driver still owns
    /// when nothing left could complete it is reported (RequestNotCompleted).
    ///
    /// # Errors
    /// If the device was already removed.
    pub fn remove_device(&self, device: DeviceRef) -> Result<(), SimError> {
        self.sim.sched.assert_member();
        let result = framework::pnp::remove_device(&self.sim, device.0, "remove_device");
        checkpoint(&self.sim);
        result
    }

    /// IRP_MN_QUERY_REMOVE_DEVICE, as Device Manager's "Uninstall" or an eject asks first: the
    /// PnP manager vetoes it while a handle is open; each driver's EvtDeviceQueryRemove (top of
    /// the stack first) may veto it. After a successful query, new opens fail until
    /// [`SimHandle::cancel_remove`] or [`SimHandle::remove_device`].
    ///
    /// # Errors
    /// [`SimError::RemoveVetoed`] (the node stays started), or the node is not started.
    pub fn query_remove(&self, device: DeviceRef) -> Result<(), SimError> {
        self.sim.sched.assert_member();
        let result = framework::pnp::query_remove(&self.sim, device.0);
        checkpoint(&self.sim);
        result
    }

    /// IRP_MN_CANCEL_REMOVE_DEVICE: a query-removed device is started again.
    ///
    /// # Errors
    /// If the device is not query-removed.
    pub fn cancel_remove(&self, device: DeviceRef) -> Result<(), SimError> {
        self.sim.sched.assert_member();
        let result = framework::pnp::cancel_remove(&self.sim, device.0);
        checkpoint(&self.sim);
        result
    }

    /// The device is unplugged (IRP_MN_SURPRISE_REMOVAL): each driver, top of the stack first,
    /// gets EvtDeviceSurpriseRemoval, then its device leaves D0 and is removed as "A User Unplugs
    /// a Device" lists it (queues purged, what it sent cancelled, everything waited for). Open
    /// handles stay open but their new I/O fails (STATUS_DEVICE_REMOVED) and no new handle
    /// opens; the removal finishes (EvtDeviceSelfManagedIoCleanup, deletion) when the last
    /// handle closes, or at [`SimHandle::remove_device`].
    ///
    /// # Errors
    /// If the device was already removed.
    pub fn surprise_remove(&self, device: DeviceRef) -> Result<(), SimError> {
        self.sim.sched.assert_member();
        let result = framework::pnp::surprise_remove(&self.sim, device.0, "surprise_remove");
        checkpoint(&self.sim);
        result
    }

    /// The device leaves D0 for D3 while the system runs (idle, or the system going to sleep):
    /// top of the stack first, EvtDeviceSelfManagedIoSuspend, the power-managed queues stop
    /// (EvtIoStop with `WdfRequestStopActionSuspend` for each request the driver owns from them,
    /// which it must complete, requeue or acknowledge), then EvtDeviceD0Exit(WdfPowerDeviceD3).
    /// Requests arriving meanwhile wait in the power-managed queues.
    ///
    /// # Errors
    /// If the device is not started and in D0.
    pub fn power_down(&self, device: DeviceRef) -> Result<(), SimError> {
        self.sim.sched.assert_member();
        let result = framework::pnp::power_down(&self.sim, device.0, "power_down");
        checkpoint(&self.sim);
        result
    }

    /// The device returns to D0: bottom of the stack first, EvtDeviceD0Entry(WdfPowerDeviceD3),
    /// the power-managed queues restart (EvtIoResume for each request the driver kept), then
    /// EvtDeviceSelfManagedIoRestart.
    ///
    /// # Errors
    /// If the device is not started and in D3, or a callback fails (the device is removed).
    pub fn power_up(&self, device: DeviceRef) -> Result<(), SimError> {
        self.sim.sched.assert_member();
        let result = framework::pnp::power_up(&self.sim, device.0, "power_up");
        checkpoint(&self.sim);
        result
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

    /// Opens a handle by name, as `CreateFileW` on a path does: a device interface path (from
    /// [`SimHandle::interface_paths`]), or a control device's name or symbolic link
    /// (`\\\\.\\Name` for `\\DosDevices\\Name`, or `\\Device\\Name`). A control device
    /// opens only after `WdfControlFinishInitializing` (before, STATUS_NO_SUCH_DEVICE).
    ///
    /// # Errors
    /// [`SimError::NoSuchName`] if nothing has that name, or the create failed.
    pub fn open_by_name(&self, name: &str, access: Access) -> Result<FileHandle, SimError> {
        self.sim.sched.assert_member();
        let result = framework::file::open_by_name(&self.sim, name)
            .map(|(file, device)| FileHandle::new(Arc::clone(&self.sim), file, device, access));
        checkpoint(&self.sim);
        result
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
        self.open_as(interface, access, Caller::Administrator)
    }

    /// [`Simulation::open_with_access`] as `caller`: the I/O manager checks the caller against
    /// the device's security descriptor (`WdfDeviceInitAssignSDDLString`) and fails the open with
    /// `SimError::CreateFailed(STATUS_ACCESS_DENIED)` if it does not grant the access asked for.
    /// [`Simulation::open`] opens as an elevated administrator.
    ///
    /// # Errors
    /// As [`Simulation::open`], and the access check.
    pub fn open_as(
        &self,
        interface: &sys::GUID,
        access: Access,
        caller: Caller,
    ) -> Result<FileHandle, SimError> {
        let result = framework::file::open_file(&self.sim, interface, access, caller)
            .map(|(file, device)| FileHandle::new(Arc::clone(&self.sim), file, device, access));
        checkpoint(&self.sim);
        result
    }

    /// Sends IRP_MJ_INTERNAL_DEVICE_CONTROL `code` to device node `device`, as a kernel-mode
    /// driver above its stack does (user mode cannot: `DeviceIoControl` always sends
    /// IRP_MJ_DEVICE_CONTROL): `IoGetAttachedDeviceReference` on the node's PDO, then
    /// `IoBuildDeviceIoControlRequest(code, top, input, output of output_len bytes, TRUE, ...)`
    /// and `IoCallDriver`. Returns at once; the result is the lower drivers' status and
    /// information, with the first `information` bytes of the output buffer (at most
    /// `output_len`). See [`SimHandle::internal_device_control_with`] for the buffers.
    #[must_use = "the I/O is only observed through the returned PendingIo"]
    pub fn internal_device_control(
        &self,
        device: DeviceRef,
        code: u32,
        input: &[u8],
        output_len: usize,
    ) -> PendingIo {
        self.send_internal(device, code, input, output_len, &[])
    }

    /// [`SimHandle::internal_device_control`] with an output buffer holding `output` (its length
    /// is the output length). The buffers follow the code's transfer type, as
    /// `IoBuildDeviceIoControlRequest` builds them: METHOD_BUFFERED, one system buffer of
    /// max(in, out) bytes holding `input`; METHOD_IN_DIRECT and METHOD_OUT_DIRECT, `input` in a
    /// system buffer and `output` as the caller's own memory (what an IN_DIRECT request sends
    /// the device); METHOD_NEITHER, the caller's own two buffers, which the framework hands out
    /// as they are (`Type3InputBuffer`, `Irp->UserBuffer`). The request has no file object, its
    /// requestor mode is KernelMode, and no access check applies. Simplification: the caller's
    /// buffers are blocks the simulator makes (guarded, and retired when the I/O completes, as
    /// the caller may free them then), not memory of the test's. A node whose stack is gone or
    /// being removed fails it at once with STATUS_DEVICE_REMOVED.
    #[must_use = "the I/O is only observed through the returned PendingIo"]
    pub fn internal_device_control_with(
        &self,
        device: DeviceRef,
        code: u32,
        input: &[u8],
        output: &[u8],
    ) -> PendingIo {
        self.send_internal(device, code, input, output.len(), output)
    }

    fn send_internal(
        &self,
        device: DeviceRef,
        code: u32,
        input: &[u8],
        output_length: usize,
        output: &[u8],
    ) -> PendingIo {
        let kind = RequestKind::InternalDeviceControl {
            code,
            input_length: input.len(),
            output_length,
        };
        let irp = framework::io::submit_internal(&self.sim, device.0, kind, [input, output]);
        checkpoint(&self.sim);
        PendingIo::new(Arc::clone(&self.sim), irp)
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
                } else if crate::framework::timer::settled(state, now) {
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

    /// Installs a fault plan, from now on: Driver Verifier's low-resources simulation. The plan
    /// counts fault points (each pool allocation or object creation) from here, and
    /// [`SimHandle::fault_counts`] starts again. A failed fault point returns its DDI's documented
    /// failure value: NULL from `ExAllocatePool2`; `STATUS_INSUFFICIENT_RESOURCES` from
    /// `WdfDriverCreate`, `WdfDeviceCreate`, `WdfDeviceCreateDeviceInterface`, `WdfIoQueueCreate`,
    /// `WdfMemoryCreate`, `WdfObjectAllocateContext`, `WdfSpinLockCreate`, `WdfWaitLockCreate`,
    /// `WdfTimerCreate`, `WdfWorkItemCreate`, `WdfRequestCreate` and `WdfIoTargetCreate` (and the
    /// `WdfIoTargetSend*Synchronously` that make a request of their own); an open whose file object (`WDFFILEOBJECT`)
    /// fails is [`SimError::CreateFailed`]`(STATUS_INSUFFICIENT_RESOURCES)`, and an I/O whose
    /// request object (`WDFREQUEST`) fails completes with `STATUS_INSUFFICIENT_RESOURCES` before
    /// the driver sees it. To fail DriverEntry's allocations, set [`SimConfig::faults`] instead.
    ///
    /// ```ignore
    /// sim.set_fault_plan(FaultPlan::Site(FaultSite::new("WdfIoQueueCreate", 1)));
    /// assert_eq!(
    ///     sim.add_device(r"Root\Mine"),
    ///     Err(SimError::DeviceAddFailed(STATUS_INSUFFICIENT_RESOURCES))
    /// );
    /// assert_eq!(sim.fault_counts().injected, 1);
    /// ```
    pub fn set_fault_plan(&self, plan: FaultPlan) {
        self.sim.lock().faults.set_plan(plan);
    }

    /// The fault points passed and failed since the fault plan was installed (at load, or by
    /// [`SimHandle::set_fault_plan`]): a dry run's counts name every site a scenario passes, to
    /// fail one at a time ([`FaultCounts::sites_since`]).
    #[must_use]
    pub fn fault_counts(&self) -> FaultCounts {
        self.sim.lock().faults.counts().clone()
    }

    /// Makes the `n`th pool allocation or object creation from now on fail (1 = the next one):
    /// [`SimHandle::set_fault_plan`]`(FaultPlan::Nth(n))`.
    pub fn fail_nth_allocation(&self, n: u64) {
        self.set_fault_plan(FaultPlan::Nth(n.max(1)));
    }

    /// Turns fault injection off: [`SimHandle::set_fault_plan`]`(FaultPlan::Off)`.
    pub fn stop_failing_allocations(&self) {
        self.set_fault_plan(FaultPlan::Off);
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

    /// Starts an ETW session for a provider (replacing the provider's earlier one), as `logman
    /// start -p {GUID} <keywords> <level>` or a WPR profile does: from now on the events the
    /// driver writes at that level and keyword are captured ([`SimHandle::etw_events`]), and the
    /// driver's `enabled` checks answer yes.
    pub fn enable_etw(&self, session: crate::EtwSession) {
        self.sim.lock().extra.etw.enable(session);
    }

    /// Stops the provider's ETW session: nothing of it is captured any more.
    pub fn disable_etw(&self, provider: u128) {
        self.sim.lock().extra.etw.disable(provider);
    }

    /// The ETW events captured so far, oldest first (a bounded ring of
    /// [`crate::ETW_CAPTURE_LIMIT`] events).
    #[must_use]
    pub fn etw_events(&self) -> Vec<crate::EtwEvent> {
        self.sim.lock().extra.etw.events()
    }

    /// The ETW events captured so far, oldest first; the capture is empty afterwards.
    #[must_use]
    pub fn take_etw_events(&self) -> Vec<crate::EtwEvent> {
        self.sim.lock().extra.etw.take_events()
    }

    /// What the ETW sink saw: registrations, events written, captured and discarded.
    #[must_use]
    pub fn etw_counts(&self) -> crate::EtwCounts {
        self.sim.lock().extra.etw.counts()
    }

    /// The ETW providers registered now: name, control GUID, open registrations.
    #[must_use]
    pub fn etw_providers(&self) -> Vec<(String, u128, u32)> {
        self.sim.lock().extra.etw.registered()
    }

    /// What the driver printed with `wdk::println!`: the most recent 1,024 lines, oldest first
    /// (a bounded ring, so a long run's memory stays flat; [`SimHandle::debug_lines_dropped`]
    /// counts the older lines it let go).
    #[must_use]
    pub fn debug_log(&self) -> Vec<String> {
        self.sim.lock().debug_log.iter().cloned().collect()
    }

    /// How many of the driver's debug lines were dropped from the front of
    /// [`SimHandle::debug_log`] to keep it bounded.
    #[must_use]
    pub fn debug_lines_dropped(&self) -> u64 {
        self.sim.lock().debug_lines_dropped
    }

    /// The paths of the started devices' interfaces of class `interface`, as
    /// `CM_Get_Device_Interface_ListW` lists them (`\\?\ROOT#<device>#<instance>#{guid}`); a
    /// driver opens one with `WdfIoTargetOpen` by name (kernel form `\??\...`, either works).
    #[must_use]
    pub fn interface_paths(&self, interface: &sys::GUID) -> Vec<String> {
        framework::target::interface_paths(&self.sim.lock(), Some(interface))
            .into_iter()
            .map(|(path, _)| path.replacen(r"\??\", r"\\?\", 1))
            .collect()
    }

    /// The name of device node `device`'s physical device object, `\Device\0000000n` (n counts
    /// the nodes from 1 in the order they were added): what `WdfFdoInitQueryProperty
    /// (DevicePropertyPhysicalDeviceObjectName)` answers its drivers, and a name
    /// [`SimHandle::open_by_name`] opens the top of the node's stack by.
    #[must_use]
    pub fn pdo_name(&self, device: DeviceRef) -> String {
        crate::state::DevNode::pdo_name(device.0)
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

    /// The security (SDDL text, `WdfDeviceInitAssignSDDLString`) and characteristics
    /// (`WdfDeviceInitSetCharacteristics`) of the top device of a started device node.
    #[must_use]
    pub fn device_security(&self, device: DeviceRef) -> Option<(Option<String>, u32)> {
        let state = self.sim.lock();
        let top = state.devnodes.get(device.0)?.top()?;
        let data = state.device(top)?;
        Some((
            data.security.as_ref().map(|sd| sd.text.clone()),
            data.characteristics,
        ))
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
            let _ = framework::pnp::remove_device(&sim, node, step);
        }
        // Drivers unload in the reverse order of loading.
        let drivers: Vec<ObjId> = sim.lock().drivers.iter().rev().copied().collect();
        for driver in drivers {
            let unload = match sim.lock().objects.get(&driver).map(|o| &o.data) {
                Some(ObjData::Driver(data)) => data.unload,
                _ => None,
            };
            framework::pnp::check_control_leftovers(&sim, driver, step);
            if call_unload && let Some(unload) = unload {
                irql::run_callback(&sim, "EvtDriverUnload", PASSIVE, || {
                    // SAFETY: the driver's unload callback with its live WDFDRIVER, once.
                    unsafe { unload(handle(driver)) };
                });
            }
            framework::delete_tree(&sim, driver, "deleted when the driver unloaded");
        }
        crate::framework::timer::stop_system_threads(&sim);
        framework::pnp::leak_check(&mut sim.lock(), step);
        // The mirror's `WdfFunctions` and `WdfDriverGlobals` stay installed (they are written
        // once per process); a DDI called from now on finds no current simulation.
        crate::state::set_current(None);
        sim.sched.leave();
    }
}

impl Drop for Simulation {
    fn drop(&mut self) {
        self.teardown("the end of the simulation", true);
        checkpoint(&self.sim);
    }
}

/// Fails the running test from driver code, without unwinding: records a [`Rule::TestFailure`]
/// report carrying `message` and the caller's location, then returns, so the driver can finish
/// its callback (complete its request, release its lock) as usual.
///
/// A test driver's callbacks are `extern "C"`: an `assert!` or a panic in one cannot unwind into
/// the test and aborts the whole test binary instead. Call this where a test driver would assert;
/// the test then fails like on any verifier report: with [`OnViolation::Panic`] (the default)
/// the next simulator call on the test's thread panics with the report, and with
/// [`OnViolation::Record`] it is in [`Simulation::take_violations`] and in what
/// [`Simulation::unload`] returns.
///
/// ```ignore
/// if sent != 0 {
///     kmdf_sim::fail_test("WdfRequestSend took the request; the target should have refused it");
/// }
/// ```
///
/// # Panics
/// If no simulation is loaded: there is no test run to fail.
///
/// [`OnViolation::Panic`]: crate::OnViolation::Panic
/// [`OnViolation::Record`]: crate::OnViolation::Record
/// [`Simulation::take_violations`]: crate::Simulation::take_violations
/// [`Simulation::unload`]: crate::Simulation::unload
#[track_caller]
pub fn fail_test(message: &str) {
    let location = std::panic::Location::caller();
    let sim = crate::state::current_for_kernel("fail_test");
    sim.violation(
        Rule::TestFailure,
        "fail_test",
        location.to_string(),
        message.to_owned(),
    );
}
