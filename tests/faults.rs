//! Driver Verifier's low-resources simulation over iolab's whole lifecycle — load, add device,
//! open, GET_INFO, ECHO, close, remove, unload. A dry run counts the fault sites (each pool
//! allocation or object creation, named by its DDI and ordinal); then, for each site, a fresh
//! simulation fails exactly that site once. Each time the operation it belongs to must fail with
//! STATUS_INSUFFICIENT_RESOURCES, leave nothing behind, break no rule (the verifier panics on the
//! first violation, leaks included), and work when tried again; the rest of the lifecycle must
//! then complete and the unload find nothing left.
//!
//! A seeded random plan then fails a fraction of every run's fault points: whatever fails, the
//! driver stays within the rules and every operation works on a retry.

#![cfg(any(not(windows), iolab_sim))]

use std::fmt;
use std::panic::{AssertUnwindSafe, catch_unwind};

use iolab_client::sim::HARDWARE_ID;
use iolab_protocol::{INFO_REPLY_SIZE, IOCTL_IOLAB_ECHO, IOCTL_IOLAB_GET_INFO, InfoReply, Role};
use kmdf_sim::wdk_sys::{STATUS_INSUFFICIENT_RESOURCES, STATUS_SUCCESS};
use kmdf_sim::{
    FaultCounts, FaultPlan, FaultSite, FileHandle, IoResult, SimConfig, SimError, SimHandle,
    Simulation,
};

/// The steps of iolab's lifecycle, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    Load,
    AddDevice,
    Open,
    GetInfo,
    Echo,
    Close,
    Remove,
    Unload,
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self {
            Self::Load => "load",
            Self::AddDevice => "add device",
            Self::Open => "open",
            Self::GetInfo => "GET_INFO",
            Self::Echo => "ECHO",
            Self::Close => "close",
            Self::Remove => "remove",
            Self::Unload => "unload",
        };
        f.write_str(name)
    }
}

const ECHO_PAYLOAD: &[u8] = b"low resources";

fn config(faults: FaultPlan) -> SimConfig {
    SimConfig {
        driver_name: "iolab".to_owned(),
        faults,
        ..SimConfig::default()
    }
}

/// How one run treats the faults it meets.
trait Observer {
    /// Called after `step` succeeded (`failed: None`) or failed with `failed` (empty when it
    /// failed as it should), before any retry; `sim` is `None` after a failed load. Returns
    /// whether to try the step again (a failed step must be retried to go on).
    fn after(&mut self, step: Step, failed: Option<String>, sim: Option<&SimHandle>) -> bool;
}

/// Whether a failed step's result is the low-resources status; `None` if the step worked.
fn load_failure(result: &Result<Simulation, SimError>) -> Option<String> {
    match result {
        Ok(_) => None,
        Err(SimError::DriverEntryFailed(STATUS_INSUFFICIENT_RESOURCES)) => Some(String::new()),
        Err(other) => Some(format!("the wrong failure: {other}")),
    }
}

fn sim_failure<T>(result: &Result<T, SimError>) -> Option<String> {
    match result {
        Ok(_) => None,
        Err(
            SimError::DeviceAddFailed(STATUS_INSUFFICIENT_RESOURCES)
            | SimError::CreateFailed(STATUS_INSUFFICIENT_RESOURCES),
        ) => Some(String::new()),
        Err(other) => Some(format!("the wrong failure: {other}")),
    }
}

/// An IOCTL's result: `None` if it is `expected`, an empty note if it failed with
/// STATUS_INSUFFICIENT_RESOURCES and returned nothing, a description otherwise.
fn io_failure(result: &IoResult, expected: &dyn Fn(&IoResult) -> bool) -> Option<String> {
    if result.status == STATUS_SUCCESS && expected(result) {
        return None;
    }
    if result.status == STATUS_INSUFFICIENT_RESOURCES
        && result.information == 0
        && result.output.is_empty()
    {
        return Some(String::new());
    }
    Some(format!("the wrong answer: {result:?}"))
}

fn info_is_right(result: &IoResult) -> bool {
    result.information == INFO_REPLY_SIZE as u64
        && InfoReply::parse(&result.output).is_ok_and(|r| r.role() == Ok(Role::Function))
}

fn echo_is_right(result: &IoResult) -> bool {
    result.output == ECHO_PAYLOAD
}

/// Runs the lifecycle under `plan`; `observer` sees every step. Returns the fault counts at the
/// end (read through a handle that outlives the unload).
fn lifecycle(plan: &FaultPlan, observer: &mut dyn Observer) -> FaultCounts {
    let mut plan = plan.clone();
    let sim = loop {
        let result = Simulation::load_with(iolab::driver_entry, config(plan.clone()));
        let failed = load_failure(&result);
        if let (Ok(sim), None) = (result, &failed) {
            observer.after(Step::Load, None, Some(&sim));
            break sim;
        }
        let again = observer.after(Step::Load, failed, None);
        assert!(again, "a failed load is retried");
        // A failed load leaves nothing to retry in: the next load is a fresh image, with a plan
        // of its own (the same plan would fail it again).
        plan = match plan {
            FaultPlan::Random { seed, probability } => FaultPlan::Random {
                seed: seed.wrapping_add(1_000_003),
                probability,
            },
            _ => FaultPlan::Off,
        };
    };
    let device = retry(Step::AddDevice, observer, &sim, |sim| {
        let result = sim.add_device(HARDWARE_ID);
        let failed = sim_failure(&result);
        (result.ok(), failed)
    });
    let handle: FileHandle = retry(Step::Open, observer, &sim, |sim| {
        let result = sim.open(&iolab::device::INTERFACE_GUID);
        let failed = sim_failure(&result);
        (result.ok(), failed)
    });
    retry(Step::GetInfo, observer, &sim, |_| {
        let result = handle.ioctl(IOCTL_IOLAB_GET_INFO, &[], INFO_REPLY_SIZE);
        let failed = io_failure(&result, &info_is_right);
        (failed.is_none().then_some(()), failed)
    });
    retry(Step::Echo, observer, &sim, |_| {
        let result = handle.ioctl(IOCTL_IOLAB_ECHO, ECHO_PAYLOAD, ECHO_PAYLOAD.len());
        let failed = io_failure(&result, &echo_is_right);
        (failed.is_none().then_some(()), failed)
    });
    handle.close();
    observer.after(Step::Close, None, Some(&sim));
    sim.remove_device(device).expect("the device is removed");
    observer.after(Step::Remove, None, Some(&sim));
    let after_unload = sim.handle();
    let violations = sim.unload();
    assert_eq!(violations, Vec::new(), "the unload finds nothing left");
    observer.after(Step::Unload, None, Some(&after_unload));
    after_unload.fault_counts()
}

/// Runs `attempt` until it works, telling `observer` about each failure.
fn retry<T>(
    step: Step,
    observer: &mut dyn Observer,
    sim: &SimHandle,
    mut attempt: impl FnMut(&SimHandle) -> (Option<T>, Option<String>),
) -> T {
    loop {
        let (value, failed) = attempt(sim);
        let worked = failed.is_none();
        let again = observer.after(step, failed, Some(sim));
        match value {
            Some(value) if worked => return value,
            _ => assert!(again, "{step} failed and is not retried"),
        }
    }
}

/// The dry run: which sites each step passes.
#[derive(Default)]
struct Census {
    before: FaultCounts,
    sites: Vec<(Step, FaultSite)>,
}

impl Observer for Census {
    fn after(&mut self, step: Step, failed: Option<String>, sim: Option<&SimHandle>) -> bool {
        assert_eq!(failed, None, "{step} fails without any fault injected");
        let now = sim.map(SimHandle::fault_counts).unwrap_or_default();
        self.sites.extend(
            now.sites_since(&self.before)
                .into_iter()
                .map(|site| (step, site)),
        );
        self.before = now;
        false
    }
}

/// What is live: (framework objects, (pool blocks, pool bytes)).
type Footprint = (usize, (usize, usize));

fn footprint(sim: &SimHandle) -> Footprint {
    (sim.object_count(), sim.pool_in_use())
}

/// One site failed: where it failed, with what, and what was left behind.
struct OneFault {
    site: FaultSite,
    expected_step: Step,
    failed_at: Vec<Step>,
    problems: Vec<String>,
    /// What was live before the step that is running.
    before: Option<Footprint>,
}

impl Observer for OneFault {
    fn after(&mut self, step: Step, failed: Option<String>, sim: Option<&SimHandle>) -> bool {
        let Some(failure) = failed else {
            self.before = sim.map(footprint);
            return false;
        };
        self.failed_at.push(step);
        if !failure.is_empty() {
            self.problems.push(format!("{step}: {failure}"));
        }
        // A failed load has no simulation left to look at; its leak check ran as it failed
        // (a leak there is a violation, and the verifier panics with it).
        if let Some(sim) = sim {
            let counts = sim.fault_counts();
            if counts.injected != 1 || counts.last_injected.as_ref() != Some(&self.site) {
                self.problems.push(format!(
                    "{step} failed, but the injected faults were {} (last {:?})",
                    counts.injected, counts.last_injected
                ));
            }
            let now = footprint(sim);
            if let Some(before) = self.before
                && now != before
            {
                self.problems.push(format!(
                    "{step} failed and left {now:?} live, not {before:?}"
                ));
            }
        }
        self.failed_at.len() < 2
    }
}

/// Fails `site` once over the lifecycle; returns what went wrong (nothing, for a clean site).
fn sweep_one(site: &FaultSite, expected_step: Step) -> Vec<String> {
    let mut observer = OneFault {
        site: site.clone(),
        expected_step,
        failed_at: Vec::new(),
        problems: Vec::new(),
        before: None,
    };
    let run = catch_unwind(AssertUnwindSafe(|| {
        lifecycle(&FaultPlan::Site(site.clone()), &mut observer)
    }));
    let mut problems = std::mem::take(&mut observer.problems);
    match run {
        // The panic hook has printed the message (a verifier report, a failed assertion).
        Err(_) => problems.push("the run panicked (see its message above)".to_owned()),
        Ok(counts) => {
            let loads_again = observer.failed_at == [Step::Load];
            // After a failed load the counts are the retried (fault-free) image's.
            if !loads_again && counts.injected != 1 {
                problems.push(format!("{} faults injected, not 1", counts.injected));
            }
            let observable = !matches!(expected_step, Step::Close | Step::Remove | Step::Unload);
            if observable && observer.failed_at != [observer.expected_step] {
                problems.push(format!(
                    "expected {expected_step} to fail once; failed: {:?}",
                    observer.failed_at
                ));
            }
        }
    }
    problems
}

#[test]
fn every_fault_site_of_the_lifecycle_fails_cleanly_and_the_retry_works() {
    let mut census = Census::default();
    let dry = lifecycle(&FaultPlan::Off, &mut census);
    let sites = census.sites;
    assert_eq!(dry.injected, 0);
    assert_eq!(
        sites.len() as u64,
        dry.total,
        "every fault point belongs to a step"
    );
    let names: Vec<String> = sites
        .iter()
        .map(|(step, site)| format!("{step}: {site}"))
        .collect();
    println!(
        "fault sweep: {} sites over iolab's lifecycle\n  {}",
        sites.len(),
        names.join("\n  ")
    );
    assert!(!sites.is_empty(), "the lifecycle allocates");
    // What iolab's lifecycle allocates, at least: the driver, the device, its interface and
    // queue, a file object and a request per IOCTL.
    for expected in [
        "WdfDriverCreate #1",
        "WdfDeviceCreate #1",
        "WdfDeviceCreateDeviceInterface #1",
        "WdfIoQueueCreate #1",
        "WDFFILEOBJECT #1",
        "WDFREQUEST #2",
    ] {
        assert!(
            names.iter().any(|n| n.ends_with(expected)),
            "{expected} missing from {names:?}"
        );
    }
    let mut unclean = Vec::new();
    for (step, site) in &sites {
        let problems = sweep_one(site, *step);
        if !problems.is_empty() {
            unclean.push(format!("{step}: {site}: {}", problems.join("; ")));
        }
    }
    let clean = sites.len() - unclean.len();
    println!(
        "fault sweep: {clean} of {} sites clean ({}%)",
        sites.len(),
        clean * 100 / sites.len()
    );
    assert!(unclean.is_empty(), "unclean sites:\n{}", unclean.join("\n"));
}

/// A random plan fails each fault point with the same chance: every step retries until it works,
/// and a failed step leaves nothing behind.
struct Random {
    failures: u64,
    before: Option<Footprint>,
}

impl Observer for Random {
    fn after(&mut self, step: Step, failed: Option<String>, sim: Option<&SimHandle>) -> bool {
        let now = sim.map(footprint);
        if let Some(failure) = failed {
            assert!(failure.is_empty(), "{step}: {failure}");
            if let (Some(before), Some(now)) = (self.before, now) {
                assert_eq!(now, before, "{step} failed and left something behind");
            }
            self.failures += 1;
            assert!(self.failures < 1_000, "{step} never works");
        } else {
            self.before = now;
        }
        true
    }
}

#[test]
fn under_random_faults_every_step_fails_cleanly_until_it_works() {
    let mut failures = 0;
    for seed in 0..40 {
        let plan = FaultPlan::Random {
            seed,
            probability: 0.3,
        };
        let mut observer = Random {
            failures: 0,
            before: None,
        };
        let run = catch_unwind(AssertUnwindSafe(|| lifecycle(&plan, &mut observer)));
        assert!(run.is_ok(), "fault plan {plan:?} (see the panic above)");
        failures += observer.failures;
    }
    println!("random faults: {failures} failed operations over 40 seeds, each retried");
    assert!(failures > 0, "a 30% plan fails something in 40 runs");
}
