//! The machinery behind timers and work items: the simulated timer (DPC) thread that fires
//! timers on virtual time, the system worker thread that runs work items (and passive-level
//! timers and queue presentations), flushing, and quiescing them before their objects go.

use std::sync::Arc;

use kmdf_sim_wdk_sys as sys;

use crate::irql::{self, DISPATCH, PASSIVE};
use crate::scheduler::Wake;
use crate::state::{ObjData, ObjId, Sim, State, TimerData, WorkItemData, handle};

pub(crate) fn timer_mut(state: &mut State, id: ObjId) -> Option<&mut TimerData> {
    match state.objects.get_mut(&id).map(|o| &mut o.data) {
        Some(ObjData::Timer(timer)) => Some(timer),
        _ => None,
    }
}

pub(crate) fn work_item_mut(state: &mut State, id: ObjId) -> Option<&mut WorkItemData> {
    match state.objects.get_mut(&id).map(|o| &mut o.data) {
        Some(ObjData::WorkItem(item)) => Some(item),
        _ => None,
    }
}

/// Blocks (on the scheduler) until work item `id` is neither queued nor running.
pub(crate) fn flush(sim: &Arc<Sim>, state: std::sync::MutexGuard<'_, State>, id: ObjId) {
    drop(state);
    let shared = Arc::clone(sim);
    let _ =
        sim.sched
            .block("a work item to finish (WdfWorkItemFlush)", move |_| {
                let busy = shared.lock().objects.get(&id).is_some_and(
                    |o| matches!(&o.data, ObjData::WorkItem(w) if w.queued || w.running),
                );
                if busy { Wake::Later } else { Wake::Ready }
            });
}

/// Blocks until timer `id`'s callback is not running on another thread.
pub(crate) fn wait_for_timer_callback(sim: &Arc<Sim>, id: ObjId) {
    let me = sim.sched.current();
    let shared = Arc::clone(sim);
    let _ = sim
        .sched
        .block("a timer's EvtTimerFunc to return", move |_| {
            let running = shared.lock().objects.get(&id).is_some_and(
                |o| matches!(&o.data, ObjData::Timer(t) if t.running.is_some() && t.running != me),
            );
            if running { Wake::Later } else { Wake::Ready }
        });
}

/// Starts the simulated system worker thread, if it is not running yet.
pub(crate) fn ensure_worker(sim: &Arc<Sim>) {
    {
        let mut state = sim.lock();
        if state.worker.is_some() || state.worker_stop {
            return;
        }
        // Reserve the slot before the thread exists, so a second caller does not start another.
        state.worker = Some(crate::scheduler::Tid::MAX);
    }
    let shared = Arc::clone(sim);
    let tid = sim.sched.spawn("the system worker thread", move || {
        worker(&shared);
    });
    sim.lock().worker = Some(tid);
}

/// Starts the simulated timer (DPC) thread, if it is not running yet.
pub(crate) fn ensure_timer_thread(sim: &Arc<Sim>) {
    {
        let mut state = sim.lock();
        if state.timer_thread.is_some() || state.timer_stop {
            return;
        }
        state.timer_thread = Some(crate::scheduler::Tid::MAX);
    }
    let shared = Arc::clone(sim);
    let tid = sim.sched.spawn("the timer thread (DPCs)", move || {
        timer_thread(&shared);
    });
    sim.lock().timer_thread = Some(tid);
}

/// The simulated system worker thread: runs queued work items (and passive-level timers) at
/// PASSIVE_LEVEL, in the order they were queued, until told to stop.
pub(crate) fn worker(sim: &Arc<Sim>) {
    irql::set(PASSIVE);
    loop {
        let shared = Arc::clone(sim);
        let _ = sim
            .sched
            .block("work to do (the system worker thread)", move |_| {
                let state = shared.lock();
                if state.work_queue.is_empty() && !state.worker_stop {
                    Wake::Later
                } else {
                    Wake::Ready
                }
            });
        let next = {
            let mut state = sim.lock();
            match state.work_queue.pop_front() {
                Some(id) => match state.objects.get_mut(&id).map(|o| &mut o.data) {
                    Some(ObjData::WorkItem(item)) => {
                        item.queued = false;
                        item.running = true;
                        item.callback.map(|f| Work::Item(id, f))
                    }
                    Some(ObjData::Timer(timer)) => timer.callback.map(|f| Work::Timer(id, f)),
                    Some(ObjData::Queue(_)) => Some(Work::Present(id)),
                    _ => None,
                },
                None if state.worker_stop => {
                    state.worker = None;
                    return;
                }
                None => None,
            }
        };
        match next {
            Some(Work::Item(id, callback)) => {
                let lock = sim.lock().serialization_lock(id);
                crate::framework::run_synchronized(sim, lock, "EvtWorkItemFunc", PASSIVE, || {
                    // SAFETY: the driver's work item callback, with its live work item.
                    unsafe { callback(handle(id)) };
                });
                if let Some(item) = work_item_mut(&mut sim.lock(), id) {
                    item.running = false;
                }
            }
            Some(Work::Timer(id, callback)) => {
                let lock = sim.lock().serialization_lock(id);
                crate::framework::run_synchronized(sim, lock, "EvtTimerFunc", PASSIVE, || {
                    // SAFETY: the driver's timer callback, with its live timer.
                    unsafe { callback(handle(id)) };
                });
                if let Some(timer) = timer_mut(&mut sim.lock(), id) {
                    timer.running = None;
                }
            }
            Some(Work::Present(queue)) => crate::framework::dispatch(sim, queue),
            None => {}
        }
    }
}

pub(crate) enum Work {
    Item(ObjId, unsafe extern "C" fn(sys::WDFWORKITEM)),
    Timer(ObjId, unsafe extern "C" fn(sys::WDFTIMER)),
    /// A passive-level queue with requests to present (deferred from DISPATCH_LEVEL).
    Present(ObjId),
}

/// Whether, at virtual time `now`, no timer is due or running and no work is queued or running:
/// what `Simulation::advance` waits for once the time has come.
pub(crate) fn settled(state: &State, now: u64) -> bool {
    next_due(state).is_none_or(|(due, _)| due > now)
        && state.work_queue.is_empty()
        && !super::dpc::busy(state)
        && !state.objects.values().any(|o| match &o.data {
            ObjData::Timer(t) => t.running.is_some(),
            ObjData::WorkItem(w) => w.running,
            _ => false,
        })
}

/// The earliest due time among live timers.
pub(crate) fn next_due(state: &State) -> Option<(u64, ObjId)> {
    state
        .objects
        .iter()
        .filter_map(|(id, o)| match &o.data {
            ObjData::Timer(t) if !o.deleting => t.due.map(|due| (due, *id)),
            _ => None,
        })
        .min()
}

/// The simulated timer thread: at DISPATCH_LEVEL, as a DPC, fires each timer when virtual time
/// reaches its due time, in due order; a passive-level timer's callback goes to the worker.
pub(crate) fn timer_thread(sim: &Arc<Sim>) {
    irql::set(DISPATCH);
    let me = sim.sched.current();
    loop {
        let shared = Arc::clone(sim);
        let _ = sim
            .sched
            .block("a timer to fall due (the timer thread)", move |now| {
                let state = shared.lock();
                if state.timer_stop || !state.extra.dpc_queue.is_empty() {
                    return Wake::Ready;
                }
                match next_due(&state) {
                    Some((due, _)) if due <= now => Wake::Ready,
                    Some((due, _)) => Wake::At(due),
                    None => Wake::Later,
                }
            });
        let now = sim.now();
        let dpc = super::dpc::next(&mut sim.lock(), me);
        if let Some((id, callback)) = dpc {
            super::dpc::run(sim, id, callback);
            continue;
        }
        let fire = {
            let mut state = sim.lock();
            if state.timer_stop {
                state.timer_thread = None;
                return;
            }
            let Some((due, id)) = next_due(&state).filter(|(due, _)| *due <= now) else {
                continue;
            };
            let Some(timer) = timer_mut(&mut state, id) else {
                continue;
            };
            timer.due = (timer.period > 0).then(|| due.saturating_add(timer.period));
            timer.running = me;
            let (callback, passive) = (timer.callback, timer.passive);
            if passive {
                state.work_queue.push_back(id);
                None
            } else {
                callback.map(|f| (id, f))
            }
        };
        match fire {
            Some((id, callback)) => {
                let lock = sim.lock().serialization_lock(id);
                crate::framework::run_synchronized(sim, lock, "EvtTimerFunc", DISPATCH, || {
                    // SAFETY: the driver's timer callback, with its live timer.
                    unsafe { callback(handle(id)) };
                });
                if let Some(timer) = timer_mut(&mut sim.lock(), id) {
                    timer.running = None;
                }
            }
            None => ensure_worker(sim),
        }
    }
}

/// Stops the timer and worker threads (at the end of the simulation) and waits for them.
pub(crate) fn stop_system_threads(sim: &Arc<Sim>) {
    let (worker, timer) = {
        let mut state = sim.lock();
        state.worker_stop = true;
        state.timer_stop = true;
        (state.worker, state.timer_thread)
    };
    for tid in [timer, worker].into_iter().flatten() {
        let _ = sim.sched.join(tid);
    }
    super::target::stop_bus_thread(sim);
}

/// Before an object tree is deleted: stop its timers (waiting for running callbacks) and flush
/// its work items, as the framework does when it deletes them.
pub(crate) fn quiesce(sim: &Arc<Sim>, ids: &[ObjId]) {
    for id in ids {
        let state = sim.lock();
        match state.objects.get(id).map(|o| &o.data) {
            Some(ObjData::Timer(_)) => {
                drop(state);
                if let Some(timer) = timer_mut(&mut sim.lock(), *id) {
                    timer.due = None;
                }
                wait_for_timer_callback(sim, *id);
            }
            Some(ObjData::Dpc(_)) => {
                drop(state);
                super::dpc::dequeue(&mut sim.lock(), *id);
                super::dpc::wait_for_callback(sim, *id);
            }
            Some(ObjData::WorkItem(_))
                if state.worker.is_none() || state.worker != sim.sched.current() =>
            {
                flush(sim, state, *id);
            }
            _ => {}
        }
    }
}
