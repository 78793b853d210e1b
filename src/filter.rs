//! The filter device: an upper filter (`WdfFdoInitSetFilter`) with a parallel default queue for
//! reads, writes, device controls and internal device controls, forwarding each request to the
//! device below unchanged. Monitoring on: formatted with its current type and sent with a
//! completion routine that records it ([`crate::monitor`]) and completes it with the lower
//! driver's status and information unchanged. Monitoring off: send-and-forget. A failed send
//! completes the request with the status the framework gave (`WdfRequestGetStatus`). Requests
//! of other kinds have no queue here, so the framework passes them down untouched. Nothing is
//! allocated per request: the arrival time and the request's kind and code ride in the request's
//! stamp (request context memory the framework allocates with the request).

use core::sync::atomic::{AtomicBool, AtomicU64, Ordering::Relaxed};

use iolab_protocol::filter::{FILTER_NAME_LEN, FilterEntry, FilterStats, RequestKind};

use crate::monitor::{Outcome, Table};
use crate::roles::DriverState;
use crate::wdf::device::{Device, DeviceId, DeviceInit, DeviceRemoval};
use crate::wdf::driver::Driver;
use crate::wdf::queue::{self, IoCallbacks};
use crate::wdf::request::{IoctlRequest, Request};
use crate::wdf::status::{Result, Status};
use crate::wdf::sync::SpinLock;
use crate::wdf::target::{Completion, IoTarget, SendCompletion};
use crate::wdf::time;

/// One filter instance's context.
pub struct FilterContext {
    id: u32,
    name: [u16; FILTER_NAME_LEN],
    monitoring: AtomicBool,
    forwarded: AtomicU64,
    unmonitored: AtomicU64,
    in_flight: AtomicU64,
    table: SpinLock<Table>,
    target: IoTarget<FilterContext>,
}

crate::declare_context!(FilterContext, FILTER_CONTEXT_TYPE_INFO);

/// Packs a request's kind and code into its stamp's second word.
const fn key(kind: RequestKind, code: u32) -> u64 {
    ((kind as u64) << 32) | code as u64
}

/// The kind and code of a stamp's second word.
fn unkey(key: u64) -> Option<(RequestKind, u32)> {
    let kind = RequestKind::from_u32(u32::try_from(key >> 32).ok()?)?;
    Some((kind, u32::try_from(key & u64::from(u32::MAX)).ok()?))
}

impl FilterContext {
    fn new(id: u32, pdo_name: &[u16]) -> Result<Self> {
        let mut name = [0_u16; FILTER_NAME_LEN];
        let units = pdo_name.iter().take_while(|unit| **unit != 0);
        for (slot, unit) in name.iter_mut().take(FILTER_NAME_LEN - 1).zip(units) {
            *slot = *unit;
        }
        Ok(Self {
            id,
            name,
            monitoring: AtomicBool::new(true),
            forwarded: AtomicU64::new(0),
            unmonitored: AtomicU64::new(0),
            in_flight: AtomicU64::new(0),
            table: SpinLock::new(Table::new())?,
            target: IoTarget::new(),
        })
    }

    /// The instance's ID.
    #[must_use]
    pub fn id(&self) -> u32 {
        self.id
    }

    /// The instance's line of LIST_FILTERS.
    #[must_use]
    pub fn entry(&self) -> FilterEntry {
        FilterEntry::new(
            self.id,
            self.monitoring.load(Relaxed),
            self.forwarded.load(Relaxed),
            &self.name,
        )
    }

    /// Fills `out` with the instance's statistics (`out`'s header is the caller's).
    pub fn stats_into(&self, out: &mut FilterStats) {
        self.table.lock().copy_into(out);
        out.id = self.id;
        out.monitoring = u32::from(self.monitoring.load(Relaxed));
        out.unmonitored = self.unmonitored.load(Relaxed);
        out.in_flight = self.in_flight.load(Relaxed);
    }

    /// RESET_FILTER_STATS: zeroes the counters (not `in_flight`, nor `forwarded`).
    pub fn reset(&self) {
        self.table.lock().reset();
        self.unmonitored.store(0, Relaxed);
    }

    /// SET_MONITORING: requests arriving from now on are monitored (or not).
    pub fn set_monitoring(&self, on: bool) {
        self.monitoring.store(on, Relaxed);
    }

    /// A request arrives: forward it.
    fn forward(&self, request: Request, kind: RequestKind, code: u32) {
        self.forwarded.fetch_add(1, Relaxed);
        if !self.monitoring.load(Relaxed) {
            self.unmonitored.fetch_add(1, Relaxed);
            if let Err(request) = self.target.send_and_forget(self, request) {
                let status = request.status();
                request.complete_with(status, 0);
            }
            return;
        }
        let since = time::now();
        let _stamped = request.set_stamp([since, key(kind, code)]);
        self.in_flight.fetch_add(1, Relaxed);
        if let Err(request) = self.target.send(self, request) {
            let status = request.status();
            self.finish(kind, code, since, status, 0, true);
            request.complete_with(status, 0);
        }
    }

    /// Records a monitored request that is done, and takes it off the in-flight gauge.
    fn finish(
        &self,
        kind: RequestKind,
        code: u32,
        since: u64,
        status: Status,
        information: u64,
        send_failed: bool,
    ) {
        let micros = time::now().saturating_sub(since) / 10;
        let outcome = Outcome {
            kind,
            code,
            status: status.bits(),
            information,
            micros,
            send_failed,
        };
        self.table.lock().record(&outcome);
        self.in_flight.fetch_sub(1, Relaxed);
    }
}

impl SendCompletion for FilterContext {
    fn completed(&self, request: Request, completion: Completion) {
        let [since, key] = request.stamp();
        if let Some((kind, code)) = unkey(key) {
            self.finish(
                kind,
                code,
                since,
                completion.status,
                completion.information,
                false,
            );
        }
        request.complete_with(completion.status, completion.information);
    }
}

impl IoCallbacks for FilterContext {
    fn read(&self, request: Request, _length: usize) {
        self.forward(request, RequestKind::Read, 0);
    }

    fn write(&self, request: Request, _length: usize) {
        self.forward(request, RequestKind::Write, 0);
    }

    fn device_control(&self, request: IoctlRequest) {
        let code = request.params().code();
        self.forward(request.into_request(), RequestKind::DeviceControl, code);
    }

    fn internal_device_control(&self, request: IoctlRequest) {
        let code = request.params().code();
        self.forward(
            request.into_request(),
            RequestKind::InternalDeviceControl,
            code,
        );
    }
}

impl DeviceRemoval for FilterContext {
    fn removed(&self, driver: Driver, device: DeviceId) {
        if let Some(state) = driver.context::<DriverState>() {
            state.filter_removed(device);
        }
    }
}

/// Builds the filter device of EvtDriverDeviceAdd, instance `id`.
///
/// # Errors
/// What the framework failed with (the device add fails, and the framework deletes what was
/// created).
pub fn add(mut init: DeviceInit<'_>, id: u32) -> Result<Device<'_, FilterContext>> {
    let name = init.physical_device_name()?;
    init.set_filter();
    init.set_request_stamps();
    let device = init.create_removable(FilterContext::new(id, &name)?)?;
    drop(name);
    device.context().target.attach(&device);
    queue::create_filter_queue(&device)?;
    Ok(device)
}
