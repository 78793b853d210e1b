//! DPC objects (wdfdpc.h) on the simulated timer (DPC) thread: `WdfDpcEnqueue` puts a DPC in
//! the one DPC queue, and the timer thread runs queued DPCs in the order they were queued, at
//! DISPATCH_LEVEL, before it looks at due timers (as a processor drains its DPC queue). A DPC with
//! `AutomaticSerialization` runs under its parent's synchronization-scope lock.

use std::sync::Arc;

use kmdf_sim_wdk_sys as sys;

use crate::irql::DISPATCH;
use crate::scheduler::{Tid, Wake};
use crate::state::{DpcData, ObjData, ObjId, Sim, State, handle};

pub(crate) fn dpc_mut(state: &mut State, id: ObjId) -> Option<&mut DpcData> {
    match state.objects.get_mut(&id).map(|o| &mut o.data) {
        Some(ObjData::Dpc(dpc)) => Some(dpc),
        _ => None,
    }
}

/// Whether a DPC is queued or running (what `Simulation::advance` waits for).
pub(crate) fn busy(state: &State) -> bool {
    !state.extra.dpc_queue.is_empty()
        || state
            .objects
            .values()
            .any(|o| matches!(&o.data, ObjData::Dpc(d) if d.running.is_some()))
}

/// Takes the next queued DPC for thread `me` (which will run it).
pub(crate) fn next(
    state: &mut State,
    me: Option<Tid>,
) -> Option<(ObjId, unsafe extern "C" fn(sys::WDFDPC))> {
    while let Some(id) = state.extra.dpc_queue.pop_front() {
        let Some(dpc) = dpc_mut(state, id) else {
            continue;
        };
        dpc.queued = false;
        if let Some(callback) = dpc.callback {
            dpc.running = me;
            return Some((id, callback));
        }
    }
    None
}

/// Runs DPC `id`'s callback at DISPATCH_LEVEL (under its parent's lock if serialized).
pub(crate) fn run(sim: &Arc<Sim>, id: ObjId, callback: unsafe extern "C" fn(sys::WDFDPC)) {
    let lock = {
        let state = sim.lock();
        let serialized = state
            .objects
            .get(&id)
            .is_some_and(|o| matches!(&o.data, ObjData::Dpc(d) if d.serialized));
        let parent = state.objects.get(&id).and_then(|o| o.parent);
        parent
            .filter(|_| serialized)
            .and_then(|p| state.sync_lock(p))
    };
    crate::framework::run_synchronized(sim, lock, "EvtDpcFunc", DISPATCH, || {
        // SAFETY: the driver's DPC callback, with its live DPC object.
        unsafe { callback(handle(id)) };
    });
    if let Some(dpc) = dpc_mut(&mut sim.lock(), id) {
        dpc.running = None;
    }
}

/// Blocks until DPC `id`'s callback is not running on another thread.
pub(crate) fn wait_for_callback(sim: &Arc<Sim>, id: ObjId) {
    let me = sim.sched.current();
    let _ = sim.block_until("a DPC's EvtDpcFunc to return", move |state, _| {
        let running = state.objects.get(&id).is_some_and(
            |o| matches!(&o.data, ObjData::Dpc(d) if d.running.is_some() && d.running != me),
        );
        if running { Wake::Later } else { Wake::Ready }
    });
}

/// Removes DPC `id` from the DPC queue; true if it was queued.
pub(crate) fn dequeue(state: &mut State, id: ObjId) -> bool {
    let queued = dpc_mut(state, id).is_some_and(|d| std::mem::take(&mut d.queued));
    state.extra.dpc_queue.retain(|dpc| *dpc != id);
    queued
}
