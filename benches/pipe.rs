//! The pipe's throughput and PING's request rate, through the real driver in kmdf-sim
//! (`cargo bench -p iolab`): 64 KiB written into the pipe and read back out (one WRITE and one
//! READ, direct I/O: the driver copies each byte once in and once out) beside a plain 64 KiB
//! memcpy of the same bytes in the same run, and PING requests/s beside GET_INFO's.
//!
//! Criterion measures each workload; a summary at the end measures them again side by side
//! (interleaved rounds, medians) and prints the ratios, which criterion's API does not hand back.

#[cfg(any(not(windows), iolab_sim))]
mod bench {
    use std::hint::black_box;
    use std::time::{Duration, Instant};

    use criterion::{Criterion, Throughput};
    use iolab_client::sim::HARDWARE_ID;
    use iolab_protocol::{INFO_REPLY_SIZE, IOCTL_IOLAB_GET_INFO, IOCTL_IOLAB_PING};
    use kmdf_sim::{FileHandle, Simulation};

    const KIB_64: usize = 64 * 1024;

    fn transfer(handle: &FileHandle, data: &[u8]) {
        let written = handle.write(data).wait();
        assert_eq!(written.information, KIB_64 as u64);
        let read = handle.read(KIB_64).wait();
        assert_eq!(read.output.len(), KIB_64);
        black_box(read);
    }

    fn ioctl(handle: &FileHandle, code: u32, output: usize) {
        let result = handle.ioctl(code, &[], output);
        assert_eq!(result.status, 0);
        black_box(result);
    }

    fn median(samples: &mut [Duration]) -> Duration {
        samples.sort_unstable();
        samples.get(samples.len() / 2).copied().unwrap_or_default()
    }

    /// Times `count` calls of `run`; the time per call.
    fn per_call(count: u32, mut run: impl FnMut()) -> Duration {
        let start = Instant::now();
        for _ in 0..count {
            run();
        }
        start.elapsed() / count
    }

    pub fn pipe(c: &mut Criterion) {
        let sim = Simulation::load(iolab::driver_entry).expect("the driver loads");
        let device = sim.add_device(HARDWARE_ID).expect("its device starts");
        let handle = sim.open(&iolab::device::INTERFACE_GUID).expect("it opens");
        let data: Vec<u8> = (0..KIB_64).map(|i| (i % 251).to_le_bytes()[0]).collect();
        let mut target = vec![0_u8; KIB_64];

        let mut group = c.benchmark_group("64 KiB");
        group.throughput(Throughput::Bytes(KIB_64 as u64));
        group.bench_function("memcpy", |b| {
            b.iter(|| target.copy_from_slice(black_box(&data)));
        });
        group.bench_function("pipe write + read", |b| b.iter(|| transfer(&handle, &data)));
        group.finish();

        let mut group = c.benchmark_group("requests");
        group.throughput(Throughput::Elements(1));
        group.bench_function("PING", |b| b.iter(|| ioctl(&handle, IOCTL_IOLAB_PING, 0)));
        group.bench_function("GET_INFO", |b| {
            b.iter(|| ioctl(&handle, IOCTL_IOLAB_GET_INFO, INFO_REPLY_SIZE));
        });
        group.finish();

        // Side by side: interleaved rounds, so that all see the same machine load.
        let mut samples: [Vec<Duration>; 4] = Default::default();
        for _ in 0..21 {
            (0..50).for_each(|_| transfer(&handle, &data));
            samples[0].push(per_call(200, || transfer(&handle, &data)));
            samples[1].push(per_call(2000, || {
                target.copy_from_slice(black_box(&data));
                black_box(&mut target);
            }));
            samples[2].push(per_call(2000, || ioctl(&handle, IOCTL_IOLAB_PING, 0)));
            samples[3].push(per_call(2000, || {
                ioctl(&handle, IOCTL_IOLAB_GET_INFO, INFO_REPLY_SIZE);
            }));
        }
        let [pipe, memcpy, ping, info] = samples.map(|mut s| median(&mut s));
        let gib_per_s = |t: Duration| 1.0 / 16_384.0 / t.as_secs_f64();
        println!("\niolab pipe summary (medians of 21 interleaved rounds):");
        println!(
            "  64 KiB through the pipe (WRITE + READ): {pipe:?}, {:.2} GiB/s; memcpy {memcpy:?}, {:.2} GiB/s; pipe / memcpy = {:.1}x",
            gib_per_s(pipe),
            gib_per_s(memcpy),
            pipe.as_secs_f64() / memcpy.as_secs_f64()
        );
        println!(
            "  PING {:.0} requests/s ({ping:?}); GET_INFO {:.0} requests/s ({info:?})",
            1.0 / ping.as_secs_f64(),
            1.0 / info.as_secs_f64()
        );

        handle.close();
        sim.remove_device(device).expect("the device is removed");
        assert!(sim.unload().is_empty(), "the driver breaks no rule");
    }
}

#[cfg(any(not(windows), iolab_sim))]
fn main() {
    let mut criterion = criterion::Criterion::default().configure_from_args();
    bench::pipe(&mut criterion);
    criterion.final_summary();
}

/// The driver's kernel build has no simulator to measure in.
#[cfg(all(windows, not(iolab_sim)))]
fn main() {}
