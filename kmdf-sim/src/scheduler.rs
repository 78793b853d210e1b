//! Simulated threads and virtual time: the one place where anything in a simulation waits.
//!
//! Every simulated thread (the test's own thread, threads a test spawns with
//! [`crate::Simulation::spawn`], the system worker thread, the timer thread) is an OS thread, but
//! only one of them runs at a time: it holds the *baton*. The holder gives the baton away only at a
//! *yield point* — every DDI entry, every callback boundary, every wait — and the scheduler decides,
//! from a seeded random number generator, which runnable thread gets it next. Driver code between
//! two yield points therefore runs without interference, exactly as a preemption at any DDI
//! boundary would allow on a multiprocessor, and a run is a pure function of its seed: the same
//! seed replays the same interleaving, byte for byte.
//!
//! A thread that must wait (for an I/O to complete, a lock to be released, a work item to run,
//! a queue to drain) blocks with a *wake condition* that the scheduler evaluates whenever it
//! chooses the next thread. Time is virtual: when no thread can run, the clock jumps to the
//! earliest deadline any waiting thread named (a timer falling due, a wait with a timeout). When
//! no thread can run and none has a deadline, the simulation is *stuck*: every waiting thread is
//! woken with [`Outcome::Stuck`] and reports what it was waiting for (a request never completed, a
//! deadlock) instead of hanging the test.
//!
//! Lock order: the scheduler's lock may be taken first and the simulation state's lock inside it
//! (wake conditions read the state); never the other way round. So no yield point is ever reached
//! while the state lock is held.
//!
//! The design follows shuttle's (random scheduling with replay from a printed seed) and
//! loom's (every interleaving is a sequence of choices at known points), on our own small core:
//! see the crate README for why kmdf-sim does not run inside shuttle itself.

use std::cell::Cell;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};

/// A simulated thread's number within its simulation (0: the thread that loaded the driver).
pub(crate) type Tid = u32;

/// What a wake condition says about a waiting thread.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Wake {
    /// It can run now.
    Ready,
    /// Not yet; but at virtual time `.0` (100 ns units) it can, if nothing else happens first.
    At(u64),
    /// Not until another thread changes something.
    Later,
}

/// How a wait ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[must_use]
pub(crate) enum Outcome {
    /// The wake condition became true.
    Ready,
    /// Nothing could run any more and nothing was due: the condition will never become true.
    Stuck,
}

/// How the scheduler chooses among runnable threads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Policy {
    /// At every yield point, any runnable thread (the current one included) with equal
    /// probability.
    Random,
    /// Probabilistic concurrency testing (Burckhardt et al., as in shuttle's `PctScheduler`):
    /// threads get random distinct priorities, the highest-priority runnable thread always runs,
    /// and at `depth - 1` randomly chosen yield points (among the first `steps`) the running
    /// thread drops to the lowest priority. Finds bugs of depth `depth` with a known probability.
    Pct {
        /// The bug depth to aim for (ordering constraints that must all hold), at least 1.
        depth: u32,
        /// How many yield points a run is expected to have (where change points are drawn).
        steps: u64,
    },
}

type WakeFn = Box<dyn FnMut(u64) -> Wake + Send>;

enum Status {
    Runnable,
    Blocked { wake: WakeFn, what: &'static str },
    Finished,
}

struct Entry {
    name: String,
    signal: Arc<Condvar>,
    /// Set (by the thread itself, holding the baton) when its body has returned.
    done: Arc<AtomicBool>,
    status: Status,
    /// How the thread's last wait ended (read by the thread when it gets the baton back).
    outcome: Outcome,
    /// PCT priority (higher runs first).
    priority: u64,
}

struct Inner {
    running: Option<Tid>,
    threads: BTreeMap<Tid, Entry>,
    next_tid: Tid,
    rng: fastrand::Rng,
    policy: Policy,
    /// Yield points passed (a run's length in scheduling steps).
    steps: u64,
    /// PCT: the steps at which the running thread's priority drops.
    change_points: Vec<u64>,
    /// PCT: the next low priority to hand out.
    low_priority: u64,
    /// Scheduling decisions where more than one thread could run.
    choices: u64,
    /// A running hash of every decision (which thread ran), to compare two runs' schedules.
    fingerprint: u64,
}

/// The scheduler of one simulation.
pub(crate) struct Scheduler {
    inner: Mutex<Inner>,
    /// Virtual time in 100 ns units (read without the lock by the kernel's clock routines).
    now: AtomicU64,
    /// Threads registered and not finished; 1 means there is no one to switch to.
    live: AtomicUsize,
    seed: u64,
    /// Distinguishes schedulers in [`CURRENT`].
    id: usize,
}

thread_local! {
    /// (scheduler id, thread number) of the simulated thread running on this OS thread.
    static CURRENT: Cell<Option<(usize, Tid)>> = const { Cell::new(None) };
}

static NEXT_SCHEDULER: AtomicUsize = AtomicUsize::new(1);

fn lock(inner: &Mutex<Inner>) -> MutexGuard<'_, Inner> {
    inner.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Scheduler {
    /// A scheduler whose first thread is the calling OS thread (it holds the baton).
    pub(crate) fn new(seed: u64, policy: Policy) -> Self {
        let id = NEXT_SCHEDULER.fetch_add(1, Ordering::Relaxed);
        let mut rng = fastrand::Rng::with_seed(seed);
        let change_points = match policy {
            Policy::Random => Vec::new(),
            Policy::Pct { depth, steps } => {
                let mut points: Vec<u64> = (1..depth.max(1))
                    .map(|_| rng.u64(0..steps.max(1)))
                    .collect();
                points.sort_unstable();
                points
            }
        };
        let mut threads = BTreeMap::new();
        let priority = rng.u64(1_000_000..u64::MAX);
        threads.insert(
            0,
            Entry {
                name: "the test's thread".to_owned(),
                signal: Arc::new(Condvar::new()),
                done: Arc::new(AtomicBool::new(false)),
                status: Status::Runnable,
                outcome: Outcome::Ready,
                priority,
            },
        );
        CURRENT.with(|c| c.set(Some((id, 0))));
        Self {
            inner: Mutex::new(Inner {
                running: Some(0),
                threads,
                next_tid: 1,
                rng,
                policy,
                steps: 0,
                change_points,
                low_priority: 1_000_000,
                choices: 0,
                fingerprint: 0xcbf2_9ce4_8422_2325,
            }),
            now: AtomicU64::new(0),
            live: AtomicUsize::new(1),
            seed,
            id,
        }
    }

    /// The seed this schedule was drawn from.
    pub(crate) const fn seed(&self) -> u64 {
        self.seed
    }

    /// Virtual time, in 100 ns units.
    pub(crate) fn now(&self) -> u64 {
        self.now.load(Ordering::Acquire)
    }

    /// Yield points passed so far, and of those the ones where more than one thread could run.
    pub(crate) fn steps(&self) -> (u64, u64) {
        let inner = lock(&self.inner);
        (inner.steps, inner.choices)
    }

    /// A hash of every scheduling decision so far: two runs with equal fingerprints ran the same
    /// interleaving.
    pub(crate) fn fingerprint(&self) -> u64 {
        lock(&self.inner).fingerprint
    }

    /// The simulated thread running on this OS thread, if it belongs to this simulation.
    pub(crate) fn current(&self) -> Option<Tid> {
        CURRENT
            .with(Cell::get)
            .and_then(|(id, tid)| (id == self.id).then_some(tid))
    }

    /// Panics unless the calling OS thread is one of this simulation's simulated threads: a
    /// simulation is driven from the thread that loaded it and from threads it spawned, so that
    /// its seed alone decides every interleaving.
    #[track_caller]
    pub(crate) fn assert_member(&self) {
        assert!(
            self.current().is_some(),
            "kmdf-sim: this simulation was used from an OS thread that is not one of its simulated \
             threads; drive it from the thread that loaded it, or start threads with \
             SimHandle::spawn"
        );
    }

    /// The name of simulated thread `tid`.
    pub(crate) fn thread_name(&self, tid: Tid) -> String {
        lock(&self.inner)
            .threads
            .get(&tid)
            .map_or_else(|| format!("thread {tid}"), |t| t.name.clone())
    }

    /// Starts a simulated thread running `body`. It runs only when the scheduler hands it the
    /// baton; the caller keeps running.
    ///
    /// # Panics
    /// If the operating system cannot start a thread.
    pub(crate) fn spawn(self: &Arc<Self>, name: &str, body: impl FnOnce() + Send + 'static) -> Tid {
        let signal = Arc::new(Condvar::new());
        let tid = {
            let mut inner = lock(&self.inner);
            let tid = inner.next_tid;
            inner.next_tid = inner.next_tid.saturating_add(1);
            let priority = inner.rng.u64(1_000_000..u64::MAX);
            inner.threads.insert(
                tid,
                Entry {
                    name: name.to_owned(),
                    signal: Arc::clone(&signal),
                    done: Arc::new(AtomicBool::new(false)),
                    status: Status::Runnable,
                    outcome: Outcome::Ready,
                    priority,
                },
            );
            tid
        };
        self.live.fetch_add(1, Ordering::AcqRel);
        let scheduler = Arc::clone(self);
        let spawned = std::thread::Builder::new()
            .name(format!("kmdf-sim: {name}"))
            .spawn(move || {
                CURRENT.with(|c| c.set(Some((scheduler.id, tid))));
                {
                    let inner = lock(&scheduler.inner);
                    drop(Self::wait_for_baton(inner, tid, &signal));
                }
                body();
                scheduler.finish(tid);
            });
        if let Err(error) = spawned {
            panic!("kmdf-sim: cannot start a simulated thread: {error}");
        }
        tid
    }

    /// A yield point: the scheduler may let another runnable thread run before this one goes on.
    pub(crate) fn yield_now(&self) {
        if self.live.load(Ordering::Acquire) <= 1 {
            // No one to switch to: not a choice point.
            return;
        }
        let Some(me) = self.current() else {
            return;
        };
        let inner = lock(&self.inner);
        let inner = self.schedule(inner, me);
        drop(inner);
    }

    /// Blocks the calling simulated thread until `wake` says it can run (evaluated by the
    /// scheduler at every scheduling decision, with virtual time as its argument), or until the
    /// simulation is stuck. `what` names the wait in reports.
    pub(crate) fn block(
        &self,
        what: &'static str,
        mut wake: impl FnMut(u64) -> Wake + Send + 'static,
    ) -> Outcome {
        if wake(self.now()) == Wake::Ready {
            self.yield_now();
            return Outcome::Ready;
        }
        self.assert_member();
        let Some(me) = self.current() else {
            return Outcome::Stuck;
        };
        let mut inner = lock(&self.inner);
        if let Some(entry) = inner.threads.get_mut(&me) {
            entry.status = Status::Blocked {
                wake: Box::new(wake),
                what,
            };
        }
        let inner = self.schedule(inner, me);
        inner.threads.get(&me).map_or(Outcome::Stuck, |e| e.outcome)
    }

    /// Chooses who runs next (possibly `me`) and, if it is another thread, hands it the baton and
    /// waits to get it back.
    fn schedule<'a>(&'a self, mut inner: MutexGuard<'a, Inner>, me: Tid) -> MutexGuard<'a, Inner> {
        let next = self.choose(&mut inner, me);
        match next {
            Some(next) if next == me => inner,
            Some(next) => {
                inner.running = Some(next);
                if let Some(entry) = inner.threads.get(&next) {
                    entry.signal.notify_one();
                }
                let signal = inner
                    .threads
                    .get(&me)
                    .map(|e| Arc::clone(&e.signal))
                    .unwrap_or_default();
                Self::wait_for_baton(inner, me, &signal)
            }
            None => inner,
        }
    }

    fn wait_for_baton<'a>(
        mut inner: MutexGuard<'a, Inner>,
        me: Tid,
        signal: &Condvar,
    ) -> MutexGuard<'a, Inner> {
        while inner.running != Some(me) {
            inner = signal.wait(inner).unwrap_or_else(PoisonError::into_inner);
        }
        inner
    }

    /// Marks `me` finished and passes the baton on.
    fn finish(&self, me: Tid) {
        let mut inner = lock(&self.inner);
        if let Some(entry) = inner.threads.get_mut(&me) {
            entry.status = Status::Finished;
            entry.done.store(true, Ordering::Release);
        }
        self.live.fetch_sub(1, Ordering::AcqRel);
        if let Some(next) = self.choose(&mut inner, me) {
            inner.running = Some(next);
            if let Some(entry) = inner.threads.get(&next) {
                entry.signal.notify_one();
            }
        } else {
            inner.running = None;
        }
        CURRENT.with(|c| c.set(None));
    }

    /// Blocks until simulated thread `tid` has finished (at once if there is no such thread).
    pub(crate) fn join(&self, tid: Tid) -> Outcome {
        let done = lock(&self.inner)
            .threads
            .get(&tid)
            .map(|e| Arc::clone(&e.done));
        let Some(done) = done else {
            return Outcome::Ready;
        };
        self.block("a simulated thread to finish", move |_| {
            if done.load(Ordering::Acquire) {
                Wake::Ready
            } else {
                Wake::Later
            }
        })
    }

    /// Detaches the calling OS thread from this simulation (it no longer runs as its thread 0).
    pub(crate) fn leave(&self) {
        if self.current().is_some() {
            CURRENT.with(|c| c.set(None));
        }
    }

    /// What each blocked thread waits for (for reports when a run is stuck).
    pub(crate) fn blocked_threads(&self) -> Vec<(String, &'static str)> {
        lock(&self.inner)
            .threads
            .values()
            .filter_map(|e| match &e.status {
                Status::Blocked { what, .. } => Some((e.name.clone(), *what)),
                _ => None,
            })
            .collect()
    }

    /// The scheduling decision. Wakes blocked threads whose condition holds; if no thread can
    /// run, advances virtual time to the earliest deadline; if there is none, wakes every blocked
    /// thread as stuck. Returns the thread to run, or `None` when every thread has finished.
    fn choose(&self, inner: &mut Inner, me: Tid) -> Option<Tid> {
        inner.steps = inner.steps.wrapping_add(1);
        if inner.change_points.first() == Some(&inner.steps) {
            inner.change_points.remove(0);
            inner.low_priority = inner.low_priority.saturating_sub(1);
            let low = inner.low_priority;
            if let Some(entry) = inner.threads.get_mut(&me) {
                entry.priority = low;
            }
        }
        loop {
            let now = self.now();
            let mut runnable: Vec<(Tid, u64)> = Vec::new();
            let mut earliest: Option<u64> = None;
            let mut blocked = false;
            for (tid, entry) in &mut inner.threads {
                match &mut entry.status {
                    Status::Runnable => runnable.push((*tid, entry.priority)),
                    Status::Blocked { wake, .. } => match wake(now) {
                        Wake::Ready => {
                            entry.status = Status::Runnable;
                            entry.outcome = Outcome::Ready;
                            runnable.push((*tid, entry.priority));
                        }
                        Wake::At(at) => {
                            blocked = true;
                            earliest = Some(earliest.map_or(at, |e: u64| e.min(at)));
                        }
                        Wake::Later => blocked = true,
                    },
                    Status::Finished => {}
                }
            }
            if !runnable.is_empty() {
                if runnable.len() > 1 {
                    inner.choices = inner.choices.wrapping_add(1);
                }
                let chosen = match inner.policy {
                    Policy::Random => {
                        let index = inner.rng.usize(0..runnable.len());
                        runnable.get(index).map(|r| r.0)
                    }
                    Policy::Pct { .. } => runnable.iter().max_by_key(|r| r.1).map(|r| r.0),
                };
                if let Some(tid) = chosen {
                    inner.fingerprint = (inner.fingerprint ^ u64::from(tid).wrapping_add(1))
                        .wrapping_mul(0x0100_0000_01b3);
                }
                return chosen;
            }
            if let Some(at) = earliest {
                self.now.fetch_max(at.max(now), Ordering::AcqRel);
                continue;
            }
            if !blocked {
                return None;
            }
            for entry in inner.threads.values_mut() {
                if matches!(entry.status, Status::Blocked { .. }) {
                    entry.status = Status::Runnable;
                    entry.outcome = Outcome::Stuck;
                }
            }
        }
    }
}

impl std::fmt::Debug for Scheduler {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scheduler")
            .field("seed", &self.seed)
            .field("now", &self.now())
            .finish_non_exhaustive()
    }
}
