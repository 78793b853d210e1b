//! The iolab function device: what EvtDriverDeviceAdd builds (a device with the SDDL and
//! characteristics agreed with the INF, direct I/O, per-handle contexts, a timer, iolab's
//! interface and a parallel default queue) and how it serves reads, writes, cancellation,
//! timeouts and handle close around the pure pipe model (`crate::pipe`). Everything the pipe
//! needs is allocated here, at device creation or reconfiguration, never per request: the FIFO,
//! the waiter slots, the lock, the timer. Completions are collected under the lock and made
//! after it is released.

use core::sync::atomic::{AtomicU64, Ordering};

use iolab_protocol::{
    DEVICE_SDDL, GUID_DEVINTERFACE_IOLAB, MAX_WAITERS, PipeConfig, Role, StatsReply,
};
use wdk_sys::{FILE_DEVICE_SECURE_OPEN, GUID};

use crate::control::{self, PipeControl};
use crate::pipe::{Active, Batch, Direction, Meta, Pending, Pipe, Progress, Waiter};
use crate::roles::DriverState;
use crate::stats::{Operation, Stats};
use crate::wdf::device::{Device, DeviceId, DeviceInit, DeviceRemoval, IoType, WideStr};
use crate::wdf::driver::Driver;
use crate::wdf::file::FileCallbacks;
use crate::wdf::pnp::PnpCallbacks;
use crate::wdf::pool::PoolSlice;
use crate::wdf::queue::{self, Dispatch, IoCallbacks};
use crate::wdf::request::{
    CancelCallback, CancelableRequest, IoctlRequest, Request, StopAction, StoppingRequest,
};
use crate::wdf::status::{NtStatus, Result};
use crate::wdf::sync::{SpinLock, SpinLockGuard};
use crate::wdf::time;
use crate::wdf::timer::{Timer, TimerCallback};

/// iolab's device interface class, in the framework's spelling.
pub const INTERFACE_GUID: GUID = GUID {
    Data1: GUID_DEVINTERFACE_IOLAB.data1,
    Data2: GUID_DEVINTERFACE_IOLAB.data2,
    Data3: GUID_DEVINTERFACE_IOLAB.data3,
    Data4: GUID_DEVINTERFACE_IOLAB.data4,
};

/// The device's SDDL (`iolab_protocol::DEVICE_SDDL`) as the UNICODE_STRING text it assigns.
static SDDL: WideStr<{ DEVICE_SDDL.len() }> = WideStr::from_ascii(DEVICE_SDDL);

/// Pool tags (`'IoLb'`, `'IoLw'`), as ExAllocatePool2 takes them: the bytes in memory order.
const FIFO_TAG: u32 = u32::from_le_bytes(*b"IoLb");
const WAITER_TAG: u32 = u32::from_le_bytes(*b"IoLw");

/// Completions collected under the lock before it is released.
const BATCH: usize = 16;

/// 100 ns ticks per millisecond.
const TICKS_PER_MS: u64 = 10_000;

/// A read or write the pipe can use: the request and its length.
pub struct PipeIo {
    request: Request,
    length: usize,
}

impl Active for PipeIo {
    fn read_space(&mut self) -> Result<&mut [u8]> {
        self.request.output(self.length)
    }

    fn write_data(&mut self) -> Result<&[u8]> {
        self.request.input(self.length)
    }
}

/// A read or write waiting in its cancelable window (`request`), or, once its cancellation has
/// won, only its identity, kept until its cancel callback takes it.
pub struct Parked {
    request: Option<CancelableRequest>,
    id: usize,
    length: usize,
}

impl Pending for Parked {
    type Active = PipeIo;

    fn activate(self) -> core::result::Result<PipeIo, Self> {
        let Self {
            request,
            id,
            length,
        } = self;
        match request.and_then(CancelableRequest::unmark) {
            Some(request) => Ok(PipeIo { request, length }),
            None => Err(Self {
                request: None,
                id,
                length,
            }),
        }
    }

    fn id(&self) -> usize {
        self.id
    }
}

type Slots = PoolSlice<Option<Waiter<Parked>>>;

/// The pipe and its configuration, behind the device's spin lock.
pub struct PipeState {
    pipe: Pipe<Parked, PoolSlice<u8>, Slots>,
    config: PipeConfig,
    /// The deadline the timer is set for.
    armed: Option<u64>,
}

/// The function device's context.
pub struct DeviceContext {
    role: Role,
    pipe: SpinLock<PipeState>,
    stats: Stats,
    timer: Timer,
    next_file: AtomicU64,
}

crate::declare_context!(DeviceContext, DEVICE_CONTEXT_TYPE_INFO);

/// Each handle's context.
pub struct FileContext {
    id: u64,
}

crate::declare_context!(FileContext, FILE_CONTEXT_TYPE_INFO);

fn slots(count: usize) -> Result<Slots> {
    PoolSlice::new(count, WAITER_TAG, || None)
}

fn fifo(capacity: u32) -> Result<PoolSlice<u8>> {
    let capacity = usize::try_from(capacity).map_err(|_| NtStatus::INVALID_PARAMETER)?;
    PoolSlice::zeroed(capacity, FIFO_TAG)
}

impl DeviceContext {
    /// The context of a new device: its pipe allocated at the default configuration.
    fn new() -> Result<Self> {
        let config = PipeConfig::DEFAULT;
        let pipe = Pipe::new(
            fifo(config.capacity)?,
            slots(MAX_WAITERS)?,
            slots(MAX_WAITERS)?,
            slots(MAX_WAITERS.saturating_mul(2))?,
        );
        let context = Self {
            role: Role::Function,
            pipe: SpinLock::new(PipeState {
                pipe,
                config,
                armed: None,
            })?,
            stats: Stats::default(),
            timer: Timer::new(),
            next_file: AtomicU64::new(0),
        };
        context.gauges(&context.pipe.lock());
        Ok(context)
    }

    /// What the pipe knows of an arriving request: its handle, now, and its deadline.
    fn meta(request: &Request, timeout_ms: u32, now: u64) -> Meta {
        let file = request.file_context::<FileContext>().map_or(0, |f| f.id);
        let deadline = (timeout_ms != 0)
            .then(|| now.saturating_add(u64::from(timeout_ms).saturating_mul(TICKS_PER_MS)));
        Meta {
            file,
            since: now,
            deadline,
        }
    }

    /// A read or write arrives.
    fn arrive(&self, direction: Direction, request: Request, length: usize) {
        let now = time::now();
        let mut batch = Batch::new();
        let mut state = self.pipe.lock();
        let timeout = match direction {
            Direction::Read => state.config.read_timeout_ms,
            Direction::Write => state.config.write_timeout_ms,
        };
        let meta = Self::meta(&request, timeout, now);
        let io = PipeIo { request, length };
        let park = |io: PipeIo| {
            let PipeIo { request, length } = io;
            match request.mark_cancelable::<Self>() {
                Ok(request) => Ok(Parked {
                    id: request.id().value(),
                    request: Some(request),
                    length,
                }),
                Err(request) => Err(PipeIo { request, length }),
            }
        };
        let progress = match direction {
            Direction::Read => state.pipe.read(io, meta, park, &mut batch),
            Direction::Write => state.pipe.write(io, meta, park, &mut batch),
        };
        self.settle(state, batch, progress, pump);
    }

    /// After a change to the pipe, under its lock: set the timer for the earliest deadline,
    /// update the gauges, release the lock, complete what is done; while more is due (the batch
    /// was full), take the lock again and go on with `again` (the rest of the same step: ending
    /// the rest of a handle's waiters, expiring the rest, or serving).
    fn settle<'a>(
        &'a self,
        mut state: SpinLockGuard<'a, PipeState>,
        mut batch: Batch<PipeIo, BATCH>,
        mut progress: Progress,
        mut again: impl FnMut(&mut PipeState, &mut Batch<PipeIo, BATCH>) -> Progress,
    ) {
        loop {
            self.arm(&mut state);
            self.gauges(&state);
            drop(state);
            let now = time::now();
            for done in batch.drain() {
                let ticks = now.saturating_sub(done.since);
                self.stats
                    .completed(done.direction.into(), done.result, Some(ticks), done.waited);
                done.request.request.complete(done.result);
            }
            if progress == Progress::Settled {
                return;
            }
            state = self.pipe.lock();
            progress = again(&mut state, &mut batch);
        }
    }

    /// Publishes the pipe's gauges (waiting requests, FIFO fill) to the statistics.
    fn gauges(&self, state: &PipeState) {
        self.stats.gauges(
            state.pipe.waiting_reads(),
            state.pipe.waiting_writes(),
            state.pipe.used(),
            state.pipe.capacity(),
        );
    }

    /// Sets the timer for the earliest deadline if it is not set that early already.
    fn arm(&self, state: &mut PipeState) {
        if let Some(deadline) = state.pipe.next_deadline()
            && state.armed.is_none_or(|armed| deadline < armed)
        {
            state.armed = Some(deadline);
            self.timer.start(deadline.saturating_sub(time::now()));
        }
    }

    /// Runs `step` on the pipe under its lock, then settles, going on with `again`.
    fn change(
        &self,
        step: impl FnOnce(&mut PipeState, &mut Batch<PipeIo, BATCH>) -> Progress,
        again: impl FnMut(&mut PipeState, &mut Batch<PipeIo, BATCH>) -> Progress,
    ) {
        let mut batch = Batch::new();
        let mut state = self.pipe.lock();
        let progress = step(&mut state, &mut batch);
        self.settle(state, batch, progress, again);
    }
}

/// The rest of a step that only serves waiters.
fn pump(state: &mut PipeState, batch: &mut Batch<PipeIo, BATCH>) -> Progress {
    state.pipe.pump(batch)
}

/// Builds the function device (the pipe) of EvtDriverDeviceAdd.
///
/// # Errors
/// What the framework failed with, or `STATUS_INSUFFICIENT_RESOURCES` for the pipe's storage
/// (the device add fails, and the framework deletes what was created).
pub fn add(mut init: DeviceInit<'_>) -> Result<Device<'_, DeviceContext>> {
    init.set_io_type(IoType::Direct);
    init.assign_sddl(&SDDL)?;
    init.add_characteristics(FILE_DEVICE_SECURE_OPEN);
    init.set_file_callbacks::<DeviceContext>();
    init.set_pnp_callbacks::<DeviceContext>();
    let device = init.create_removable(DeviceContext::new()?)?;
    device.context().timer.create(&device)?;
    device.create_interface(&INTERFACE_GUID)?;
    queue::create_default_queue(&device, Dispatch::Parallel)?;
    Ok(device)
}

impl DeviceRemoval for DeviceContext {
    fn removed(&self, driver: Driver, device: DeviceId) {
        if let Some(state) = driver.context::<DriverState>() {
            state.function_removed(device);
        }
    }
}

impl IoCallbacks for DeviceContext {
    fn read(&self, request: Request, length: usize) {
        self.arrive(Direction::Read, request, length);
    }

    fn write(&self, request: Request, length: usize) {
        self.arrive(Direction::Write, request, length);
    }

    fn device_control(&self, mut request: IoctlRequest) {
        let result = control::dispatch(&mut request, self);
        self.stats.completed(Operation::Ioctl, result, None, false);
        request.complete(result);
    }

    /// The default queue is power-managed, so the device leaving D0 (idle power-down, system
    /// sleep) presents each read and write still waiting here. They are kept, not completed: a
    /// pipe is a software device with no hardware to stop, and a reader waiting for data should
    /// not see an error because the machine slept. `WdfRequestStopAcknowledge` without requeue
    /// keeps each one the driver's and cancelable (cancellation, handle close and timeouts still
    /// end it in D3); the pipe serves no waiter from EvtDeviceSelfManagedIoSuspend until
    /// EvtDeviceSelfManagedIoRestart, and the framework holds new requests in the queue
    /// meanwhile, so nothing moves while the device is down and serving resumes in arrival order
    /// when it is back. Requeueing them instead would unmark and re-present them, losing their
    /// place in the wait order (and their original arrival time, which timeouts count from).
    ///
    /// A request not found waiting is already ending — its cancellation won, or it sits in a
    /// batch completed after the lock — and completes without help. On removal
    /// ([`StopAction::Purge`]) the framework cancels every cancelable request it presents, and
    /// the cancel callback completes it, so there is nothing to do here either.
    fn stop(&self, request: StoppingRequest<'_>) {
        if request.action() != StopAction::Suspend || !request.is_cancelable() {
            return;
        }
        let state = self.pipe.lock();
        if let Some(kept) = state
            .pipe
            .waiting(request.id().value())
            .and_then(|parked| parked.request.as_ref())
        {
            // The identity matched, so this cannot fail; nothing to do if it ever did.
            let _ = request.keep(kept);
        }
        drop(state);
    }
}

impl CancelCallback for DeviceContext {
    fn cancel(&self, request: Request) {
        let id = request.id().value();
        let mut batch = Batch::new();
        let mut state = self.pipe.lock();
        let taken = state.pipe.take_cancelled(id);
        let progress = state.pipe.pump(&mut batch);
        self.settle(state, batch, progress, pump);
        let now = time::now();
        let since = taken.as_ref().map_or(0, |w| w.meta.since);
        let (operation, ticks) = taken.map_or((Operation::Read, None), |w| {
            (w.direction.into(), Some(now.saturating_sub(w.meta.since)))
        });
        let result = Err(NtStatus::CANCELLED);
        self.stats.completed(operation, result, ticks, true);
        request.arrived_at(since).complete(result);
    }
}

impl TimerCallback for DeviceContext {
    fn timer_fired(&self) {
        let now = time::now();
        self.change(
            |state, batch| {
                state.armed = None;
                state.pipe.expire(now, batch)
            },
            |state, batch| state.pipe.expire(now, batch),
        );
    }
}

impl FileCallbacks for DeviceContext {
    type File = FileContext;

    fn file_create(&self) -> Result<FileContext> {
        let id = self
            .next_file
            .fetch_add(1, Ordering::Relaxed)
            .wrapping_add(1);
        Ok(FileContext { id })
    }

    fn file_cleanup(&self, file: &FileContext) {
        let ending = |state: &mut PipeState, batch: &mut Batch<PipeIo, BATCH>| {
            state.pipe.cancel_file(file.id, batch)
        };
        self.change(ending, ending);
    }

    fn file_close(&self, _file: &FileContext) {}
}

impl PnpCallbacks for DeviceContext {
    /// Leaving D0: on removal the framework then cancels every waiting request; none may be
    /// served meanwhile because another was cancelled first. On a power-down the waiters are kept
    /// (see [`IoCallbacks::stop`]) and served again from EvtDeviceSelfManagedIoRestart.
    fn self_managed_io_suspend(&self) {
        self.pipe.lock().pipe.stop();
    }

    fn self_managed_io_restart(&self) {
        self.change(|state, batch| state.pipe.restart(batch), pump);
    }
}

impl PipeControl for DeviceContext {
    fn role(&self) -> Role {
        self.role
    }

    fn stats(&self) -> StatsReply {
        self.stats.snapshot()
    }

    fn reset_stats(&self) {
        self.stats.reset();
    }

    fn config(&self) -> PipeConfig {
        self.pipe.lock().config
    }

    fn set_config(&self, config: PipeConfig) -> Result {
        let current = self.config();
        // A new FIFO is allocated before the lock and the old one freed after it.
        let mut storage = if config.capacity == current.capacity {
            None
        } else {
            Some(fifo(config.capacity)?)
        };
        let mut state = self.pipe.lock();
        let mut result = Ok(());
        if let Some(new) = storage.take() {
            match state.pipe.replace_storage(new) {
                Ok(old) => storage = Some(old),
                Err((status, new)) => {
                    storage = Some(new);
                    result = Err(status);
                }
            }
        }
        if result.is_ok() {
            state.config = config;
        }
        self.gauges(&state);
        drop(state);
        drop(storage);
        result
    }

    fn purge(&self) {
        self.change(|state, batch| state.pipe.purge(batch), pump);
    }
}
