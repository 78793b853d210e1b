//! Request admission: how an IRP from the I/O manager becomes a WDFREQUEST in a queue (the
//! framework's checks, the request object, the queue it waits in).

use std::sync::Arc;

use kmdf_sim_wdk_sys as sys;
use sys::NTSTATUS;

use crate::io_manager::{Access, buffers_for, finish_now};
use crate::state::{Irp, IrpId, Kind, ObjData, ObjId, Owner, RequestData, RequestKind, Sim, State};

/// The I/O manager's and framework's checks before a request exists (the caller's handle is
/// checked before, in user mode): the device started and not being removed, the handle's access allows the request, a queue takes
/// it and accepts requests now. Returns that queue and the device's request attributes, or the
/// status the I/O completes with at once (STATUS_SUCCESS for a zero-length read or write the
/// queue does not want to see).
pub(crate) fn admit(
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

pub(crate) fn submit(
    sim: &Arc<Sim>,
    closed: bool,
    file: ObjId,
    device: ObjId,
    access: Access,
    kind: RequestKind,
    input: &[u8],
) -> IrpId {
    sim.sched.assert_member();
    let irp;
    let queue = {
        let mut state = sim.lock();
        irp = state.fresh_id();
        let pending = irp;
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
        let request = match crate::framework::create_object(
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
    crate::framework::dispatch(sim, queue);
    irp
}
