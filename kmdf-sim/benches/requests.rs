//! Requests per second through kmdf-sim, and a 64 KiB ECHO beside a plain 64 KiB memcpy (issue 5,
//! Done 5): `cargo bench -p kmdf-sim`. The driver is the small METHOD_BUFFERED echo driver of the
//! tests (`tests/common/echo.rs`): kmdf-sim cannot depend on iolab, which depends on it.
//!
//! Criterion measures each workload; a summary at the end measures them again side by side
//! (interleaved rounds, medians) and prints requests/s and the ratio of the 64 KiB ECHO to the
//! memcpy, which criterion's API does not hand back.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput};
use kmdf_sim::{FileHandle, Simulation};

#[path = "../tests/common/mod.rs"]
mod common;
#[path = "../tests/common/echo.rs"]
mod echo;
use echo::{GUID_ECHO, INFO, IOCTL_ECHO, IOCTL_GET_INFO};

const KIB_64: usize = 64 * 1024;

/// One request of each workload: its name and how to send it.
struct Workload {
    name: &'static str,
    code: u32,
    input: Vec<u8>,
    output: usize,
}

fn workloads() -> Vec<Workload> {
    let data = |len: usize| (0..len).map(|i| (i % 251).to_le_bytes()[0]).collect();
    vec![
        Workload {
            name: "GET_INFO (16 B out)",
            code: IOCTL_GET_INFO,
            input: Vec::new(),
            output: INFO.len(),
        },
        Workload {
            name: "ECHO 64 B",
            code: IOCTL_ECHO,
            input: data(64),
            output: 64,
        },
        Workload {
            name: "ECHO 4 KiB",
            code: IOCTL_ECHO,
            input: data(4096),
            output: 4096,
        },
        Workload {
            name: "ECHO 64 KiB",
            code: IOCTL_ECHO,
            input: data(KIB_64),
            output: KIB_64,
        },
    ]
}

fn send(handle: &FileHandle, work: &Workload) {
    let result = handle.ioctl(work.code, &work.input, work.output);
    assert_eq!(result.information, work.output as u64, "{}", work.name);
    black_box(result);
}

/// Times `per_round` calls of `run` and records the time per call as a sample of `index`.
fn time_per_call(
    rounds: &mut [Vec<Duration>],
    index: usize,
    per_round: u32,
    mut run: impl FnMut(),
) {
    let start = Instant::now();
    for _ in 0..per_round {
        run();
    }
    if let Some(samples) = rounds.get_mut(index) {
        samples.push(start.elapsed() / per_round);
    }
}

fn median(samples: &mut [Duration]) -> Duration {
    samples.sort_unstable();
    samples.get(samples.len() / 2).copied().unwrap_or_default()
}

fn requests(c: &mut Criterion) {
    let sim = Simulation::load(echo::driver_entry).expect("the echo driver loads");
    let device = sim.add_device(r"Root\Echo").expect("its device starts");
    let handle = sim.open(&GUID_ECHO).expect("its interface opens");
    let workloads = workloads();
    let source = vec![0x5a_u8; KIB_64];
    let mut target = vec![0_u8; KIB_64];

    let mut group = c.benchmark_group("requests");
    group.throughput(Throughput::Elements(1));
    for work in workloads.iter().take(3) {
        group.bench_function(work.name, |b| b.iter(|| send(&handle, work)));
    }
    group.finish();

    let mut group = c.benchmark_group("64 KiB");
    group.throughput(Throughput::Bytes(KIB_64 as u64));
    group.bench_function("memcpy", |b| {
        b.iter(|| target.copy_from_slice(black_box(&source)));
    });
    if let Some(work) = workloads.get(3) {
        group.bench_function("ECHO through kmdf-sim", |b| b.iter(|| send(&handle, work)));
    }
    group.finish();

    // Side by side: interleaved rounds, so that both see the same machine load.
    let mut samples = vec![Vec::new(); workloads.len() + 1];
    for _ in 0..21 {
        for (index, work) in workloads.iter().enumerate() {
            // Untimed: turn the quarantine ring (64 buffers) over to this workload's size first,
            // so that each batch measures its steady state, not the switch from the previous one.
            (0..100).for_each(|_| send(&handle, work));
            time_per_call(&mut samples, index, 200, || send(&handle, work));
        }
        time_per_call(&mut samples, workloads.len(), 2000, || {
            target.copy_from_slice(black_box(&source));
            black_box(&mut target);
        });
    }
    println!("\nkmdf-sim summary (medians of 21 interleaved rounds):");
    let mut medians: Vec<Duration> = samples.iter_mut().map(|s| median(s)).collect();
    for (work, time) in workloads.iter().zip(&medians) {
        println!(
            "  {:<22} {:>10.0} requests/s ({:?} each)",
            work.name,
            1.0 / time.as_secs_f64(),
            time
        );
    }
    let memcpy = medians.pop().unwrap_or_default();
    let echo = medians.pop().unwrap_or_default();
    println!(
        "  64 KiB: ECHO {:.2} GiB/s, memcpy {:.2} GiB/s ({memcpy:?}); ECHO / memcpy = {:.1}x",
        // 64 KiB is 1/16384 GiB.
        1.0 / 16_384.0 / echo.as_secs_f64(),
        1.0 / 16_384.0 / memcpy.as_secs_f64(),
        echo.as_secs_f64() / memcpy.as_secs_f64()
    );

    handle.close();
    sim.remove_device(device).expect("the device is removed");
    assert!(sim.unload().is_empty(), "the echo driver breaks no rule");
}

fn main() {
    let mut criterion = Criterion::default().configure_from_args();
    requests(&mut criterion);
    criterion.final_summary();
}
