//! The filter's per-request cost, through the real driver in kmdf-sim (`cargo bench -p iolab
//! --bench filter`): the same requests (PING, a 64-byte ECHO, a 64-byte WRITE then READ) on the
//! bare pipe (`Root\IoLab`), on the monitored pipe (`Root\IoLabMonitored`, iolab's monitor over
//! iolab's pipe) with monitoring on, and with monitoring off (SET_MONITORING through the control
//! device), all in one simulation and one run.
//!
//! Criterion measures each; a summary at the end measures them again side by side (interleaved
//! rounds, medians) and prints time per request and the ratios monitored / bare, which
//! criterion's API does not hand back. Time here is mostly kmdf-sim's: the driver's own
//! instructions per request are counted by `benches/callgrind-filter.sh`.

#[cfg(any(not(windows), iolab_sim))]
#[path = "filter/stacks.rs"]
mod stacks;

#[cfg(any(not(windows), iolab_sim))]
mod bench {
    use std::hint::black_box;
    use std::time::{Duration, Instant};

    use criterion::{Criterion, Throughput};

    use crate::stacks::{Stack, Stacks, Workload};

    /// Rounds of the summary, and workloads sent per stack in each round: short rounds (well
    /// under a scheduler time slice), so that on a shared machine most see no preemption and the
    /// median is one of those.
    const ROUNDS: usize = 51;
    const PER_ROUND: u32 = 200;

    fn median(samples: &mut [Duration]) -> Duration {
        samples.sort_unstable();
        samples.get(samples.len() / 2).copied().unwrap_or_default()
    }

    pub fn filter(c: &mut Criterion) {
        let mut stacks = Stacks::new();
        for workload in Workload::ALL {
            let mut group = c.benchmark_group(format!("filter {}", workload.name()));
            group.throughput(Throughput::Elements(workload.requests()));
            for stack in Stack::ALL {
                let (handle, data) = stacks.parts(stack);
                group.bench_function(stack.name(), |b| {
                    b.iter(|| Stacks::send(handle, black_box(data), workload));
                });
            }
            group.finish();
        }

        // Side by side: interleaved rounds, so that all see the same machine load; the filter's
        // counts after them prove the "on" requests were recorded and the "off" ones forwarded
        // unmonitored.
        stacks.reset_filter_stats();
        let mut samples = vec![Vec::new(); Workload::ALL.len() * Stack::ALL.len()];
        let (mut monitored, mut unmonitored) = (0, 0);
        for _ in 0..ROUNDS {
            let mut cells = samples.iter_mut();
            for workload in Workload::ALL {
                for stack in Stack::ALL {
                    let (handle, data) = stacks.parts(stack);
                    let start = Instant::now();
                    for _ in 0..PER_ROUND {
                        Stacks::send(handle, data, workload);
                    }
                    let per_request =
                        start.elapsed() / PER_ROUND / u32::try_from(workload.requests()).unwrap();
                    cells.next().unwrap().push(per_request);
                    let sent = u64::from(PER_ROUND) * workload.requests();
                    match stack {
                        Stack::Bare => {}
                        Stack::On => monitored += sent,
                        Stack::Off => unmonitored += sent,
                    }
                }
            }
        }
        stacks.assert_filter_saw(monitored, unmonitored);
        stacks.finish();

        println!(
            "\niolab filter summary (medians of {ROUNDS} interleaved rounds of {PER_ROUND}; time per request):"
        );
        let mut medians = samples.iter_mut().map(|s| median(s));
        for workload in Workload::ALL {
            let [bare, on, off] = [(); 3].map(|()| medians.next().unwrap_or_default());
            let ratio = |t: Duration| t.as_secs_f64() / bare.as_secs_f64();
            println!(
                "  {:<16} bare {bare:>9.2?}  monitoring on {on:>9.2?}  off {off:>9.2?}  on / bare = {:.2}x  off / bare = {:.2}x",
                workload.name(),
                ratio(on),
                ratio(off)
            );
        }
    }
}

#[cfg(any(not(windows), iolab_sim))]
fn main() {
    let mut criterion = criterion::Criterion::default().configure_from_args();
    bench::filter(&mut criterion);
    criterion.final_summary();
}

/// The driver's kernel build has no simulator to measure in.
#[cfg(all(windows, not(iolab_sim)))]
fn main() {}
