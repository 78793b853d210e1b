//! IRQL, per simulated processor (here: per thread), and the checks made around every framework
//! call and every callback: maximum IRQL on entry, same IRQL and no spin lock held on return.

use std::cell::Cell;

use kmdf_sim_wdk_sys as sys;

use crate::state::Sim;
use crate::verifier::Rule;

pub(crate) const PASSIVE: u8 = 0;
pub(crate) const APC: u8 = 1;
pub(crate) const DISPATCH: u8 = 2;

thread_local! {
    static IRQL: Cell<u8> = const { Cell::new(PASSIVE) };
    static SPIN_LOCKS_HELD: Cell<u32> = const { Cell::new(0) };
}

pub(crate) fn current() -> u8 {
    IRQL.with(Cell::get)
}

pub(crate) fn set(irql: u8) {
    IRQL.with(|cell| cell.set(irql));
}

pub(crate) fn spin_locks_held() -> u32 {
    SPIN_LOCKS_HELD.with(Cell::get)
}

pub(crate) fn add_spin_lock(delta: i32) {
    SPIN_LOCKS_HELD.with(|cell| cell.set(cell.get().saturating_add_signed(delta)));
}

pub(crate) fn name(irql: u8) -> &'static str {
    match irql {
        PASSIVE => "PASSIVE_LEVEL",
        APC => "APC_LEVEL",
        DISPATCH => "DISPATCH_LEVEL",
        _ => "DIRQL",
    }
}

/// Checks that `call` is made at or below `max`; records `IrqlTooHigh` otherwise.
pub(crate) fn check_max(sim: &Sim, call: &str, max: u8) -> bool {
    let now = current();
    if now > max {
        sim.violation(
            Rule::IrqlTooHigh,
            call,
            format!("the calling thread at {}", name(now)),
            format!("{call} must be called at or below {}", name(max)),
        );
        return false;
    }
    true
}

/// The start of every framework entry point: the simulation the driver's globals belong to,
/// with the call's maximum IRQL checked.
pub(crate) fn enter(globals: sys::PWDF_DRIVER_GLOBALS, call: &str, max: u8) -> std::sync::Arc<Sim> {
    let sim = crate::state::current(globals, call);
    check_max(&sim, call, max);
    // Every DDI boundary is a yield point of the scheduler.
    sim.sched.yield_now();
    sim
}

/// Runs a driver callback at `irql`, then checks that it returned at the same IRQL without
/// holding a spin lock; restores the caller's IRQL either way.
pub(crate) fn run_callback<R>(sim: &Sim, callback: &str, irql: u8, run: impl FnOnce() -> R) -> R {
    // Every callback boundary is a yield point of the scheduler.
    sim.sched.yield_now();
    let caller = current();
    let locks_before = spin_locks_held();
    set(irql);
    let result = run();
    let after = current();
    if after != irql {
        sim.violation(
            Rule::IrqlNotRestored,
            callback,
            "the callback's thread".to_owned(),
            format!("called at {} but returned at {}", name(irql), name(after)),
        );
    }
    let locks_after = spin_locks_held();
    if locks_after > locks_before {
        sim.violation(
            Rule::LockHeldOnReturn,
            callback,
            "WDFSPINLOCK".to_owned(),
            format!(
                "returned holding {} spin lock(s)",
                locks_after - locks_before
            ),
        );
        SPIN_LOCKS_HELD.with(|cell| cell.set(locks_before));
    }
    set(caller);
    result
}

/// The IRQL the framework's `KeGetCurrentIrql` reports.
pub(crate) fn ke_get_current_irql() -> sys::KIRQL {
    current()
}
