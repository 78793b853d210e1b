//! Request admission: how an IRP from the I/O manager becomes a WDFREQUEST in a queue (the
//! framework's checks, the request object, the queue it waits in).

use std::sync::Arc;

use kmdf_sim_wdk_sys as sys;
use sys::NTSTATUS;

use super::target::{self, Route, enqueue, route};
use crate::bus::LowerDevice;
use crate::io_manager::{Access, Transfer, UserBuffer, buffers_for, finish_now};
use crate::memory::SimBuffer;
use crate::state::{DevNode, Irp, IrpId, Level, ObjData, ObjId, RequestKind, Sim, State};

/// The I/O manager's and framework's checks before a request exists (the caller's handle is
/// checked before, in user mode): the device started and not being removed, the handle's access
/// allows the request; then where the device stack handles it ([`route`]). `Err` carries the
/// status the I/O completes with at once.
pub(crate) fn admit(
    state: &State,
    file: ObjId,
    device: ObjId,
    access: Access,
    kind: RequestKind,
) -> Result<Route, NTSTATUS> {
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
    route(state, device, Some(file), kind)
}

/// Sends a caller's I/O down the stack of `device` (the top of the stack): a new IRP, handled
/// where [`admit`] says. Returns the IRP, whose result the caller waits for.
pub(crate) fn submit(
    sim: &Arc<Sim>,
    closed: bool,
    file: ObjId,
    device: ObjId,
    access: Access,
    kind: RequestKind,
    [input, output]: [UserBuffer<'_>; 2],
) -> IrpId {
    sim.sched.assert_member();
    let (irp, next) = {
        let mut state = sim.lock();
        let irp = state.fresh_id();
        if closed {
            finish_now(&mut state, irp, kind, sys::STATUS_INVALID_HANDLE);
            return irp;
        }
        let level = match admit(&state, file, device, access, kind) {
            Ok(level) => level,
            Err(status) => {
                finish_now(&mut state, irp, kind, status);
                return irp;
            }
        };
        // The I/O manager probes the caller's buffers (METHOD_NEITHER's it passes unprobed).
        let transfer = Transfer::of(
            kind,
            state
                .device(device)
                .map_or(sys::_WDF_DEVICE_IO_TYPE::WdfDeviceIoBuffered, |d| d.io_type),
        );
        if transfer != Transfer::Neither && (input.faults() || output.faults()) {
            finish_now(&mut state, irp, kind, sys::STATUS_ACCESS_VIOLATION);
            return irp;
        }
        let next = start(
            &mut state,
            irp,
            kind,
            level,
            transfer,
            [input.bytes(), output.bytes()],
        );
        (irp, next)
    };
    go(sim, irp, kind, next);
    irp
}

/// Sends an internal IOCTL to the top of device node `node`'s stack, as a kernel-mode caller
/// above it does (`IoGetAttachedDeviceReference` on the PDO, `IoBuildDeviceIoControlRequest`
/// with `InternalDeviceIoControl` TRUE, `IoCallDriver`): no handle and no file object, no access
/// check, the buffers built for the code's transfer type from the caller's `input` and `output`
/// (its own pointers for METHOD_NEITHER). A node whose stack is gone or being removed fails it
/// at once with STATUS_DEVICE_REMOVED. Returns the IRP, whose result the caller waits for.
pub(crate) fn submit_internal(
    sim: &Arc<Sim>,
    node: usize,
    kind: RequestKind,
    buffers: [&[u8]; 2],
) -> IrpId {
    sim.sched.assert_member();
    let (irp, next) = {
        let mut state = sim.lock();
        let irp = state.fresh_id();
        let top = state.devnodes.get(node).and_then(DevNode::top);
        let started = top
            .and_then(|d| state.device(d))
            .is_some_and(|d| d.started && !d.removing);
        let routed = match top {
            Some(top) if started => route(&state, top, None, kind),
            _ => Err(sys::STATUS_DEVICE_REMOVED),
        };
        let level = match routed {
            Ok(level) => level,
            Err(status) => {
                finish_now(&mut state, irp, kind, status);
                return irp;
            }
        };
        let transfer = Transfer::of(kind, sys::_WDF_DEVICE_IO_TYPE::WdfDeviceIoBuffered);
        (irp, start(&mut state, irp, kind, level, transfer, buffers))
    };
    go(sim, irp, kind, next);
    irp
}

/// The part of a new IRP's start under the state lock, once it is admitted and routed to
/// `level`: its record, the buffers built for `transfer` from the caller's `[input, output]`, and
/// the request queued at its device (or the bus device next). `Next::Done` if it ended at once.
fn start(
    state: &mut State,
    irp: IrpId,
    kind: RequestKind,
    level: Route,
    transfer: Transfer,
    [input, output]: [&[u8]; 2],
) -> Next {
    state.irps.insert(
        irp,
        Irp {
            kind,
            request: None,
            result: None,
            cancel_requested: false,
            abandoned: false,
        },
    );
    let (input_buffer, output_buffer) = buffers_for(kind, transfer, input, output, |len, data| {
        crate::framework::request_buffer(state, len, data)
    });
    let buffers = [input_buffer, output_buffer];
    match level {
        Route::Queue { .. } => match enqueue(state, irp, kind, level, buffers, None) {
            Ok((request, queue)) => {
                if let Some(record) = state.irps.get_mut(&irp) {
                    record.request = Some(request);
                }
                Next::Present(queue)
            }
            Err((status, _)) => {
                finish_now(state, irp, kind, status);
                Next::Done
            }
        },
        Route::Bus { node } => {
            let bus = state
                .devnodes
                .get(node)
                .map(|n| n.bus.clone())
                .unwrap_or_default();
            Next::Bus(bus, buffers)
        }
    }
}

/// Does what [`start`] left to do, with the state lock released.
fn go(sim: &Arc<Sim>, irp: IrpId, kind: RequestKind, next: Next) {
    match next {
        Next::Present(queue) => crate::framework::dispatch(sim, queue),
        Next::Bus(bus, buffers) => {
            let level = Level {
                irp,
                kind,
                upper: None,
            };
            target::to_bus(sim, &bus, level, buffers);
        }
        Next::Done => {}
    }
}

enum Next {
    Present(ObjId),
    Bus(LowerDevice, [Option<SimBuffer>; 2]),
    Done,
}
