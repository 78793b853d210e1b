//! Synchronization-scope locks: the device- or queue-wide lock under which KMDF serialises a
//! queue's callbacks (and AutomaticSerialization timers and work items).

use crate::irql;
use crate::scheduler::{Outcome, Wake};
use crate::state::{Sim, SyncLock};
use crate::verifier::Rule;

/// Runs a driver callback under `lock` (a synchronization-scope lock, if the object has one):
/// the lock is taken for the calling simulated thread, blocking on the scheduler while another
/// thread holds it (a thread already holding it takes it again); a spin-lock scope raises the
/// callback to DISPATCH_LEVEL. Otherwise the callback runs at `level`.
pub(crate) fn run_synchronized<R>(
    sim: &Sim,
    lock: Option<SyncLock>,
    name: &str,
    level: u8,
    run: impl FnOnce() -> R,
) -> R {
    let Some(lock) = lock else {
        return irql::run_callback(sim, name, level, run);
    };
    let me = sim.sched.current().unwrap_or_default();
    loop {
        {
            let mut state = sim.lock();
            match state.sync_locks.get_mut(&lock.owner) {
                None => {
                    state.sync_locks.insert(lock.owner, (me, 1));
                    break;
                }
                Some((holder, depth)) if *holder == me => {
                    *depth += 1;
                    break;
                }
                Some(_) => {}
            }
        }
        let owner = lock.owner;
        let outcome = sim.block_until("a synchronization-scope lock", move |state, _| {
            if state.sync_locks.contains_key(&owner) {
                Wake::Later
            } else {
                Wake::Ready
            }
        });
        if outcome == Outcome::Stuck {
            let described = sim.lock().describe(lock.owner);
            sim.violation(
                Rule::LockMisuse,
                name,
                described,
                "deadlock: the synchronization-scope lock is held by a thread that can never release it".to_owned(),
            );
            return irql::run_callback(sim, name, level, run);
        }
    }
    let level = if lock.passive {
        level
    } else {
        irql::DISPATCH.max(level)
    };
    let result = irql::run_callback(sim, name, level, run);
    let mut state = sim.lock();
    if let Some((_, depth)) = state.sync_locks.get_mut(&lock.owner) {
        *depth = depth.saturating_sub(1);
        if *depth == 0 {
            state.sync_locks.remove(&lock.owner);
        }
    }
    result
}
