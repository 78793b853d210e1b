//! iolabctl's pipe commands: `write`, `read`, `stats`, `config get|set`, `ping`, `purge`.
//!
//! Each returns what to print on stdout (text, or JSON with `--json`; `read --out -` the raw
//! bytes) or an error message. With the simulator transport every run of iolabctl starts a fresh
//! device, so the pipe is empty at the start of each command (`read --write-first` writes and
//! reads in one run).

use std::fmt::Write as _;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use clap::{Args, Subcommand};
use iolab_client::{Client, Transport};
use iolab_protocol::pipe::COMPLETION_KINDS;
use iolab_protocol::{PipeConfig, StatsReply};
use serde_json::json;

use crate::exit::Exit;

/// The pipe's commands (flattened into iolabctl's command list).
#[derive(Debug, Clone, PartialEq, Eq, Subcommand)]
pub enum PipeCommand {
    /// Write bytes into the pipe (all or nothing; waits for room up to --timeout-ms).
    Write(WriteArgs),
    /// Read up to LENGTH bytes from the pipe (waits for data up to --timeout-ms).
    Read(ReadArgs),
    /// Show the pipe's statistics as a table.
    Stats {
        /// Refresh every SECONDS, until interrupted (or --count times).
        #[arg(long, value_name = "SECONDS")]
        watch: Option<u64>,
        /// With --watch: stop after this many tables.
        #[arg(long, requires = "watch")]
        count: Option<u64>,
        /// Zero the counters (RESET_STATS) after showing them.
        #[arg(long)]
        reset: bool,
    },
    /// Show or change the pipe's configuration.
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Send PING requests and report their round-trip times.
    Ping {
        /// How many.
        #[arg(long, default_value_t = 10)]
        count: u32,
    },
    /// Drop the pipe's contents (waiting readers keep waiting).
    Purge,
}

/// Where `write` takes its bytes from.
#[derive(Debug, Clone, PartialEq, Eq, Args)]
pub struct WriteArgs {
    /// The text to write.
    #[arg(conflicts_with_all = ["file", "pattern"])]
    pub text: Option<String>,
    /// Write this file's bytes (`-` for stdin).
    #[arg(long, value_name = "PATH", conflicts_with = "pattern")]
    pub file: Option<PathBuf>,
    /// Write N bytes of a repeatable pattern (see --seed).
    #[arg(long, value_name = "N")]
    pub pattern: Option<usize>,
    /// The pattern's seed.
    #[arg(long, default_value_t = 1, requires = "pattern")]
    pub seed: u8,
    /// Give up (and cancel the write) after this many milliseconds.
    #[arg(long, value_name = "MS", default_value_t = 5000)]
    pub timeout_ms: u64,
}

/// What `read` reads and where it puts it.
#[derive(Debug, Clone, PartialEq, Eq, Args)]
#[command(after_help = "\
Output: without --out the bytes are printed as text (UTF-8, then a newline) or as hex, whether \
stdout is a terminal or not, so a script sees what a person sees. `--out -` writes exactly the \
bytes read to stdout, nothing added (not with --json, whose JSON needs stdout): \
`iolabctl read 65536 --out - > data.bin`. A reader that goes away early (`| head -c 10`) ends \
the run quietly; stdout failing otherwise is exit code 5.")]
pub struct ReadArgs {
    /// How many bytes to read at most.
    #[arg(default_value_t = 4096)]
    pub length: usize,
    /// Write the bytes to this file instead of printing them; `-` writes the raw bytes to
    /// stdout.
    #[arg(long, value_name = "PATH|-")]
    pub out: Option<PathBuf>,
    /// Print the bytes as hex even if they are text.
    #[arg(long, conflicts_with = "out")]
    pub hex: bool,
    /// First write this file's bytes (`-` for stdin) into the pipe, in the same run (all or
    /// nothing, as `write --file`): a round trip through the device (the simulator's device
    /// lives for one run, so `write` and `read` in separate runs do not meet there).
    #[arg(long, value_name = "PATH|-")]
    pub write_first: Option<PathBuf>,
    /// Give up (and cancel the read) after this many milliseconds.
    #[arg(long, value_name = "MS", default_value_t = 5000)]
    pub timeout_ms: u64,
}

/// `config get` and `config set`.
#[derive(Debug, Clone, PartialEq, Eq, Subcommand)]
pub enum ConfigCommand {
    /// Show the configuration.
    Get,
    /// Change what is given; keep the rest.
    Set {
        /// FIFO capacity in bytes (4096..=16777216; only while the pipe is empty).
        #[arg(long)]
        capacity: Option<u32>,
        /// Read timeout in milliseconds (0 = wait forever).
        #[arg(long, value_name = "MS")]
        read_timeout_ms: Option<u32>,
        /// Write timeout in milliseconds (0 = wait forever).
        #[arg(long, value_name = "MS")]
        write_timeout_ms: Option<u32>,
    },
}

impl ReadArgs {
    /// Whether the bytes go to stdout as they are (`--out -`).
    pub fn raw_to_stdout(&self) -> bool {
        self.out.as_ref().is_some_and(|path| is_dash(path))
    }
}

/// Whether a PATH argument is `-` (stdin or stdout).
fn is_dash(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Runs a pipe command; returns what goes to stdout (text, or `read --out -`'s bytes).
///
/// # Errors
/// What went wrong, in words, with its exit code: [`Exit::Io`] for a file or stdin that cannot
/// be read or a file that cannot be written, [`Exit::RequestFailed`] for the device.
pub fn run(
    command: &PipeCommand,
    json: bool,
    transport: &mut dyn Transport,
) -> Result<Vec<u8>, (Exit, String)> {
    let name = transport.name();
    let mut client = Client::new(transport);
    let failed = |what: &str, error: &dyn std::fmt::Display| device_failed(name, what, error);
    let text = match command {
        PipeCommand::Write(args) => {
            let data = write_data(args)?;
            let written = client
                .write(&data, Duration::from_millis(args.timeout_ms))
                .map_err(|e| failed("write", &e))?;
            if json {
                format!("{:#}\n", json!({ "transport": name, "written": written }))
            } else {
                format!("wrote {written} bytes\n")
            }
        }
        PipeCommand::Read(args) => return read(&mut client, args, json),
        PipeCommand::Stats {
            watch,
            count,
            reset,
        } => {
            let mut text = String::new();
            let mut shown = 0_u64;
            loop {
                let stats = client.stats().map_err(|e| failed("stats", &e))?;
                text.push_str(&stats_text(&stats, json, name));
                shown += 1;
                let (Some(seconds), more) = (watch, count.is_none_or(|n| shown < n)) else {
                    break;
                };
                if !more {
                    break;
                }
                // Printed as it goes: a watch may run until interrupted.
                print!("{text}");
                text.clear();
                std::thread::sleep(Duration::from_secs(*seconds));
            }
            if *reset {
                client
                    .reset_stats()
                    .map_err(|e| failed("reset-stats", &e))?;
            }
            text
        }
        PipeCommand::Config(ConfigCommand::Get) => {
            let config = client.config().map_err(|e| failed("config get", &e))?;
            config_text(&config, json, name)
        }
        PipeCommand::Config(ConfigCommand::Set {
            capacity,
            read_timeout_ms,
            write_timeout_ms,
        }) => {
            let current = client.config().map_err(|e| failed("config get", &e))?;
            let wanted = PipeConfig::new(
                capacity.unwrap_or(current.capacity),
                read_timeout_ms.unwrap_or(current.read_timeout_ms),
                write_timeout_ms.unwrap_or(current.write_timeout_ms),
            );
            wanted
                .validate()
                .map_err(|e| (Exit::RequestFailed, format!("config set: {e}")))?;
            client
                .set_config(&wanted)
                .map_err(|e| failed("config set", &e))?;
            config_text(&wanted, json, name)
        }
        PipeCommand::Ping { count } => {
            let mut times = Vec::new();
            for _ in 0..*count {
                let started = Instant::now();
                client.ping().map_err(|e| failed("ping", &e))?;
                times.push(started.elapsed());
            }
            ping_text(&times, json, name)
        }
        PipeCommand::Purge => {
            client.purge().map_err(|e| failed("purge", &e))?;
            if json {
                format!("{:#}\n", json!({ "transport": name, "purged": true }))
            } else {
                "purged\n".to_owned()
            }
        }
    };
    Ok(text.into_bytes())
}

/// The device (or the transport) failed `what`: exit code 1.
fn device_failed(name: &str, what: &str, error: &dyn std::fmt::Display) -> (Exit, String) {
    (
        Exit::RequestFailed,
        format!("{what} over the {name} transport: {error}"),
    )
}

/// `read`: the optional first write, the read, and its output.
fn read(
    client: &mut Client<&mut dyn Transport>,
    args: &ReadArgs,
    json: bool,
) -> Result<Vec<u8>, (Exit, String)> {
    let name = client.transport().name();
    let timeout = Duration::from_millis(args.timeout_ms);
    let failed = |what: &str, error: &dyn std::fmt::Display| device_failed(name, what, error);
    if let Some(path) = &args.write_first {
        let data = read_source(path).map_err(|e| (Exit::Io, e))?;
        client
            .write(&data, timeout)
            .map_err(|e| failed("read --write-first: the write", &e))?;
    }
    let data = client
        .read(args.length, timeout)
        .map_err(|e| failed("read", &e))?;
    read_output(args, data, json, name).map_err(|e| (Exit::Io, e))
}

fn write_data(args: &WriteArgs) -> Result<Vec<u8>, (Exit, String)> {
    if let Some(length) = args.pattern {
        return Ok(iolab_client::scenarios::pattern(length, args.seed));
    }
    match (&args.text, &args.file) {
        (Some(text), _) => Ok(text.as_bytes().to_vec()),
        (None, Some(path)) => read_source(path).map_err(|e| (Exit::Io, e)),
        (None, None) => Err((
            Exit::Usage,
            "write: give TEXT, --file PATH (- for stdin) or --pattern N".to_owned(),
        )),
    }
}

/// The bytes of the file at `path`, or of stdin for `-`.
fn read_source(path: &Path) -> Result<Vec<u8>, String> {
    if is_dash(path) {
        let mut data = Vec::new();
        std::io::stdin()
            .read_to_end(&mut data)
            .map_err(|e| format!("reading stdin: {e}"))?;
        return Ok(data);
    }
    std::fs::read(path).map_err(|e| format!("reading {}: {e}", path.display()))
}

fn hex(data: &[u8]) -> String {
    data.iter().fold(String::new(), |mut text, byte| {
        let _ = write!(text, "{byte:02x}");
        text
    })
}

/// What `read` puts on stdout: the bytes themselves for `--out -`; for `--out FILE` (after
/// writing them there) a line saying so; otherwise the bytes as text or hex (or JSON).
fn read_output(args: &ReadArgs, data: Vec<u8>, json: bool, name: &str) -> Result<Vec<u8>, String> {
    if args.raw_to_stdout() {
        return Ok(data);
    }
    let data = data.as_slice();
    if let Some(path) = &args.out {
        std::fs::write(path, data).map_err(|e| format!("writing {}: {e}", path.display()))?;
        return Ok(if json {
            format!(
                "{:#}\n",
                json!({ "transport": name, "read": data.len(), "file": path })
            )
        } else {
            format!("read {} bytes into {}\n", data.len(), path.display())
        }
        .into_bytes());
    }
    let text = (!args.hex)
        .then(|| std::str::from_utf8(data).ok())
        .flatten();
    Ok(match (json, text) {
        (true, Some(text)) => format!(
            "{:#}\n",
            json!({ "transport": name, "read": data.len(), "text": text })
        ),
        (true, None) => format!(
            "{:#}\n",
            json!({ "transport": name, "read": data.len(), "hex": hex(data) })
        ),
        (false, Some(text)) => format!("{text}\n"),
        (false, None) => format!("{}\n", hex(data)),
    }
    .into_bytes())
}

/// The statistics as a two-column table (counters, completions by status, latency buckets that
/// are not empty), or JSON.
#[must_use]
pub fn stats_text(stats: &StatsReply, json: bool, name: &str) -> String {
    let completions: serde_json::Map<String, serde_json::Value> = COMPLETION_KINDS
        .iter()
        .zip(stats.completions)
        .map(|(kind, n)| ((*kind).to_owned(), json!(n)))
        .collect();
    let rows = [
        ("reads", stats.reads),
        ("writes", stats.writes),
        ("ioctls", stats.ioctls),
        ("bytes read", stats.bytes_read),
        ("bytes written", stats.bytes_written),
        ("waiting reads", stats.waiting_reads),
        ("peak waiting reads", stats.peak_waiting_reads),
        ("waiting writes", stats.waiting_writes),
        ("peak waiting writes", stats.peak_waiting_writes),
        ("cancellations", stats.cancellations),
        ("timeouts", stats.timeouts),
        ("fifo used", stats.fifo_used),
        ("fifo capacity", stats.fifo_capacity),
    ];
    if json {
        let mut value: serde_json::Map<String, serde_json::Value> = rows
            .iter()
            .map(|(key, n)| (key.replace(' ', "_"), json!(n)))
            .collect();
        value.insert("transport".into(), json!(name));
        value.insert("completions".into(), serde_json::Value::Object(completions));
        value.insert("latency_us_log2".into(), json!(stats.latency_us_log2));
        return format!("{:#}\n", serde_json::Value::Object(value));
    }
    let mut text = String::new();
    for (key, n) in rows {
        let _ = writeln!(text, "{key:<22}{n:>14}");
    }
    for (kind, n) in COMPLETION_KINDS.iter().zip(stats.completions) {
        if n != 0 {
            let _ = writeln!(text, "{:<22}{n:>14}", format!("completed {kind}"));
        }
    }
    for (bucket, n) in stats.latency_us_log2.iter().enumerate() {
        if *n != 0 {
            let label = match bucket {
                0 => "latency < 1 us".to_owned(),
                b => format!("latency < {} us", 1_u64 << b),
            };
            let _ = writeln!(text, "{label:<22}{n:>14}");
        }
    }
    text
}

fn config_text(config: &PipeConfig, json: bool, name: &str) -> String {
    if json {
        return format!(
            "{:#}\n",
            json!({
                "transport": name,
                "capacity": config.capacity,
                "read_timeout_ms": config.read_timeout_ms,
                "write_timeout_ms": config.write_timeout_ms,
            })
        );
    }
    let timeout = |ms: u32| {
        if ms == 0 {
            "none".to_owned()
        } else {
            format!("{ms} ms")
        }
    };
    format!(
        "capacity:       {} bytes\nread timeout:   {}\nwrite timeout:  {}\n",
        config.capacity,
        timeout(config.read_timeout_ms),
        timeout(config.write_timeout_ms)
    )
}

fn ping_text(times: &[Duration], json: bool, name: &str) -> String {
    let micros: Vec<f64> = times.iter().map(|t| t.as_secs_f64() * 1e6).collect();
    let min = micros.iter().copied().fold(f64::INFINITY, f64::min);
    let max = micros.iter().copied().fold(0.0, f64::max);
    let count = u32::try_from(micros.len()).unwrap_or(u32::MAX);
    let average = micros.iter().sum::<f64>() / f64::from(count.max(1));
    if json {
        return format!(
            "{:#}\n",
            json!({ "transport": name, "count": count, "min_us": min, "avg_us": average, "max_us": max })
        );
    }
    if micros.is_empty() {
        return "0 pings\n".to_owned();
    }
    format!("{count} pings: min {min:.1} us, avg {average:.1} us, max {max:.1} us\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stats_table_shows_counters_and_non_empty_buckets() {
        let mut stats = StatsReply::zeroed();
        stats.reads = 3;
        stats.completions[2] = 1;
        stats.latency_us_log2[0] = 2;
        stats.latency_us_log2[4] = 1;
        let text = stats_text(&stats, false, "sim");
        let has = |row: &str| {
            text.lines()
                .any(|line| line.split_whitespace().eq(row.split_whitespace()))
        };
        for row in [
            "reads 3",
            "completed io_timeout 1",
            "latency < 1 us 2",
            "latency < 16 us 1",
            "fifo capacity 0",
        ] {
            assert!(has(row), "{row} in\n{text}");
        }
        assert!(!text.contains("completed success"), "{text}");
        let value: serde_json::Value =
            serde_json::from_str(&stats_text(&stats, true, "sim")).unwrap();
        assert_eq!(value["reads"], 3);
        assert_eq!(value["completions"]["io_timeout"], 1);
        assert_eq!(value["latency_us_log2"][4], 1);
    }

    #[test]
    fn config_and_ping_text() {
        let text = config_text(&PipeConfig::new(8192, 0, 250), false, "sim");
        assert_eq!(
            text,
            "capacity:       8192 bytes\nread timeout:   none\nwrite timeout:  250 ms\n"
        );
        let text = ping_text(
            &[Duration::from_micros(2), Duration::from_micros(4)],
            false,
            "sim",
        );
        assert_eq!(text, "2 pings: min 2.0 us, avg 3.0 us, max 4.0 us\n");
    }

    #[test]
    fn write_data_sources() {
        let args = |text: Option<&str>, pattern: Option<usize>| WriteArgs {
            text: text.map(str::to_owned),
            file: None,
            pattern,
            seed: 3,
            timeout_ms: 10,
        };
        assert_eq!(write_data(&args(Some("hi"), None)), Ok(b"hi".to_vec()));
        assert_eq!(
            write_data(&args(None, Some(4))),
            Ok(iolab_client::scenarios::pattern(4, 3))
        );
        assert!(matches!(
            write_data(&args(None, None)),
            Err((Exit::Usage, _))
        ));
    }

    #[test]
    fn read_output_forms() {
        let args = |out: Option<&str>, hex: bool| ReadArgs {
            length: 16,
            out: out.map(PathBuf::from),
            hex,
            write_first: None,
            timeout_ms: 10,
        };
        let binary = vec![0, 0xFF, b'\n', 0x80];
        assert!(args(Some("-"), false).raw_to_stdout());
        assert!(!args(Some("-x"), false).raw_to_stdout() && !args(None, false).raw_to_stdout());
        assert_eq!(
            read_output(&args(Some("-"), false), binary.clone(), false, "sim"),
            Ok(binary.clone()),
            "--out -: the bytes, nothing added"
        );
        assert_eq!(
            read_output(&args(None, false), binary, false, "sim"),
            Ok(b"00ff0a80\n".to_vec())
        );
        assert_eq!(
            read_output(&args(None, false), b"hi".to_vec(), false, "sim"),
            Ok(b"hi\n".to_vec())
        );
        assert_eq!(
            read_output(&args(None, true), b"hi".to_vec(), false, "sim"),
            Ok(b"6869\n".to_vec())
        );
    }
}
