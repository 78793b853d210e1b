//! iolabctl's filter commands: `filter list`, `filter stats`, `filter monitor on|off`,
//! `filter reset`, over the filter role's control device (`\\.\IoLabFilter`).
//!
//! Each returns what to print on stdout (text, or JSON with `--json`) or an error message. With
//! the simulator transport every run starts a fresh simulation holding one monitored pipe device
//! (`Root\IoLabMonitored`: iolab's pipe with iolab as its upper filter), so the counters start at
//! zero.

use std::fmt::Write as _;

use clap::{Subcommand, ValueEnum};
use iolab_client::{Client, Transport, status_name};
use iolab_protocol::{ALL_FILTERS, FilterEntry, FilterStats, OpStats, RequestKind, ioctl_name};
use serde_json::{Value, json};

/// `iolabctl filter ...`.
#[derive(Debug, Clone, PartialEq, Eq, Subcommand)]
pub enum FilterCommand {
    /// List the filter instances: ID, monitoring, requests forwarded, filtered device.
    List,
    /// Show what the filter recorded, per request type and per IOCTL code, with latency
    /// percentiles (upper bounds of log2 buckets).
    Stats {
        /// Only this instance (an ID from `filter list`) [default: every one].
        #[arg(long)]
        id: Option<u32>,
    },
    /// Turn monitoring on (record every request) or off (forward with send-and-forget).
    Monitor {
        /// on or off.
        #[arg(value_enum)]
        state: Switch,
        /// Only this instance [default: every one].
        #[arg(long)]
        id: Option<u32>,
    },
    /// Zero the counters (not the requests in flight).
    Reset {
        /// Only this instance [default: every one].
        #[arg(long)]
        id: Option<u32>,
    },
}

/// On or off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Switch {
    /// On.
    On,
    /// Off.
    Off,
}

/// The latency percentiles shown.
const PERCENTILES: [u32; 3] = [50, 90, 99];

/// Runs a filter command over a transport to the control device.
///
/// # Errors
/// What failed, in words (the request and the device's status).
pub fn run(
    command: &FilterCommand,
    json: bool,
    transport: &mut dyn Transport,
) -> Result<String, String> {
    let name = transport.name();
    let mut client = Client::new(transport);
    match command {
        FilterCommand::List => {
            let list = client
                .list_filters()
                .map_err(|e| format!("filter list over the {name} transport: {e}"))?;
            Ok(list_text(list.listed(), list.total, json))
        }
        FilterCommand::Stats { id } => {
            let ids: Vec<u32> = match id {
                Some(id) => vec![*id],
                None => client
                    .list_filters()
                    .map_err(|e| format!("filter stats over the {name} transport: {e}"))?
                    .listed()
                    .iter()
                    .map(|entry| entry.id)
                    .collect(),
            };
            let mut all = Vec::with_capacity(ids.len());
            for id in ids {
                all.push(client.filter_stats(id).map_err(|e| {
                    format!("filter stats for instance {id} over the {name} transport: {e}")
                })?);
            }
            Ok(stats_text(&all, json))
        }
        FilterCommand::Monitor { state, id } => {
            let on = *state == Switch::On;
            let target = id.unwrap_or(ALL_FILTERS);
            client
                .set_monitoring(target, on)
                .map_err(|e| format!("filter monitor over the {name} transport: {e}"))?;
            Ok(done_text(
                "monitoring",
                if on { "on" } else { "off" },
                *id,
                json,
            ))
        }
        FilterCommand::Reset { id } => {
            client
                .reset_filter_stats(id.unwrap_or(ALL_FILTERS))
                .map_err(|e| format!("filter reset over the {name} transport: {e}"))?;
            Ok(done_text("reset", "done", *id, json))
        }
    }
}

fn done_text(what: &str, state: &str, id: Option<u32>, json: bool) -> String {
    let who = id.map_or_else(
        || "every filter instance".to_owned(),
        |id| format!("filter instance {id}"),
    );
    if json {
        return format!("{:#}\n", json!({ "instance": id, what: state }));
    }
    format!("{who}: {what} {state}\n")
}

/// The `filter list` output.
pub fn list_text(entries: &[FilterEntry], total: u32, json: bool) -> String {
    if json {
        let rows: Vec<Value> = entries
            .iter()
            .map(|entry| {
                json!({
                    "id": entry.id,
                    "monitoring": entry.is_monitoring(),
                    "forwarded": entry.forwarded,
                    "device": String::from_utf16_lossy(entry.name_units()),
                })
            })
            .collect();
        return format!("{:#}\n", json!({ "filters": rows, "total": total }));
    }
    if entries.is_empty() {
        return "no filter instances\n".to_owned();
    }
    let mut text = format!(
        "{:>4}  {:<10}  {:>12}  device\n",
        "id", "monitoring", "forwarded"
    );
    for entry in entries {
        let _ = writeln!(
            text,
            "{:>4}  {:<10}  {:>12}  {}",
            entry.id,
            if entry.is_monitoring() { "on" } else { "off" },
            entry.forwarded,
            String::from_utf16_lossy(entry.name_units())
        );
    }
    let listed = entries.len();
    if u64::from(total) > listed as u64 {
        let _ = writeln!(text, "({listed} of {total} instances listed)");
    }
    text
}

fn row_json(row: &OpStats) -> Value {
    let percentiles: serde_json::Map<String, Value> = PERCENTILES
        .iter()
        .map(|p| (format!("p{p}_us"), json!(row.latency_percentile_us(*p))))
        .collect();
    json!({
        "requests": row.requests,
        "succeeded": row.succeeded,
        "failed": row.failed,
        "cancelled": row.cancelled,
        "bytes": row.bytes,
        "last_failure": (row.last_failure != 0).then(|| status_text(row.last_failure)),
        "latency": percentiles,
        "latency_us_log2": row.latency_us_log2,
    })
}

fn status_text(status: u32) -> String {
    status_name(status).map_or_else(|| format!("{status:#010X}"), str::to_owned)
}

fn code_text(code: u32) -> String {
    ioctl_name(code).map_or_else(
        || format!("{code:#010X}"),
        |name| format!("{code:#010X} {name}"),
    )
}

/// The `filter stats` output for each instance.
pub fn stats_text(all: &[FilterStats], json: bool) -> String {
    if json {
        let filters: Vec<Value> = all
            .iter()
            .map(|stats| {
                let kinds: serde_json::Map<String, Value> = RequestKind::ALL
                    .iter()
                    .map(|kind| (kind.name().to_owned(), row_json(stats.kind(*kind))))
                    .collect();
                let ioctls: Vec<Value> = stats
                    .tracked_ioctls()
                    .iter()
                    .map(|row| {
                        let mut value = row_json(row);
                        value["code"] = json!(row.code);
                        value["name"] = json!(ioctl_name(row.code));
                        value["kind"] = json!(row.request_kind().map(RequestKind::name));
                        value
                    })
                    .collect();
                json!({
                    "id": stats.id,
                    "monitoring": stats.is_monitoring(),
                    "in_flight": stats.in_flight,
                    "unmonitored": stats.unmonitored,
                    "send_failures": stats.send_failures,
                    "untracked_ioctls": stats.untracked_ioctls,
                    "kinds": kinds,
                    "ioctls": ioctls,
                })
            })
            .collect();
        return format!("{:#}\n", json!({ "filters": filters }));
    }
    if all.is_empty() {
        return "no filter instances\n".to_owned();
    }
    let mut text = String::new();
    for stats in all {
        let _ = writeln!(
            text,
            "filter {}: monitoring {}, in flight {}, unmonitored {}, send failures {}, untracked IOCTLs {}",
            stats.id,
            if stats.is_monitoring() { "on" } else { "off" },
            stats.in_flight,
            stats.unmonitored,
            stats.send_failures,
            stats.untracked_ioctls
        );
        let _ = writeln!(
            text,
            "  {:<34} {:>9} {:>9} {:>7} {:>9} {:>12} {:>8} {:>8} {:>8}  last failure",
            "request",
            "requests",
            "ok",
            "failed",
            "cancelled",
            "bytes",
            "p50 us",
            "p90 us",
            "p99 us"
        );
        let rows = RequestKind::ALL
            .iter()
            .map(|kind| (kind.name().to_owned(), stats.kind(*kind)))
            .chain(
                stats
                    .tracked_ioctls()
                    .iter()
                    .map(|row| (format!("  {}", code_text(row.code)), row)),
            );
        for (label, row) in rows {
            let percentile = |p| {
                row.latency_percentile_us(p)
                    .map_or_else(|| "-".to_owned(), |us| format!("<={us}"))
            };
            let _ = writeln!(
                text,
                "  {label:<34} {:>9} {:>9} {:>7} {:>9} {:>12} {:>8} {:>8} {:>8}  {}",
                row.requests,
                row.succeeded,
                row.failed,
                row.cancelled,
                row.bytes,
                percentile(50),
                percentile(90),
                percentile(99),
                if row.last_failure == 0 {
                    "-".to_owned()
                } else {
                    status_text(row.last_failure)
                }
            );
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use iolab_protocol::filter::record;
    use iolab_protocol::{IOCTL_IOLAB_PING, RequestKind};

    use super::*;

    fn sample() -> FilterStats {
        let mut stats = FilterStats::zeroed(3);
        stats.monitoring = 1;
        stats.in_flight = 2;
        let read = &mut stats.kinds[RequestKind::Read.index()];
        record(read, 0, 100, 3);
        record(read, 0xC000_0120, 0, 700);
        let row = &mut stats.ioctls[0];
        row.kind = RequestKind::DeviceControl as u32;
        row.code = IOCTL_IOLAB_PING;
        record(row, 0, 0, 1);
        stats.ioctl_slots_used = 1;
        stats
    }

    #[test]
    fn stats_table_shows_kinds_codes_and_percentiles() {
        let text = stats_text(&[sample()], false);
        let has = |row: &str| {
            text.lines()
                .any(|line| line.split_whitespace().eq(row.split_whitespace()))
        };
        assert!(
            text.starts_with("filter 3: monitoring on, in flight 2,"),
            "{text}"
        );
        assert!(
            has("read 2 1 1 1 100 <=4 <=1024 <=1024 STATUS_CANCELLED"),
            "{text}"
        );
        assert!(has("write 0 0 0 0 0 - - - -"), "{text}");
        assert!(
            has("0x8A1B2020 IOCTL_IOLAB_PING 1 1 0 0 0 <=2 <=2 <=2 -"),
            "{text}"
        );
    }

    #[test]
    fn stats_json_has_every_field() {
        let value: Value = serde_json::from_str(&stats_text(&[sample()], true)).unwrap();
        let filter = &value["filters"][0];
        assert_eq!(filter["id"], 3);
        assert_eq!(filter["in_flight"], 2);
        let read = &filter["kinds"]["read"];
        assert_eq!(read["requests"], 2);
        assert_eq!(read["cancelled"], 1);
        assert_eq!(read["last_failure"], "STATUS_CANCELLED");
        assert_eq!(read["latency"]["p50_us"], 4);
        assert_eq!(filter["ioctls"][0]["name"], "IOCTL_IOLAB_PING");
        assert_eq!(filter["ioctls"][0]["kind"], "device_control");
        assert_eq!(filter["kinds"]["write"]["latency"]["p99_us"], Value::Null);
    }

    #[test]
    fn list_shows_instances_and_truncation() {
        let name: Vec<u16> = "\\Device\\00000007".encode_utf16().collect();
        let entries = [
            FilterEntry::new(1, true, 12, &name),
            FilterEntry::new(2, false, 0, &[]),
        ];
        let text = list_text(&entries, 3, false);
        assert!(
            text.lines().any(|l| l
                .split_whitespace()
                .eq(["1", "on", "12", "\\Device\\00000007"])),
            "{text}"
        );
        assert!(
            text.lines()
                .any(|l| l.split_whitespace().eq(["2", "off", "0"])),
            "{text}"
        );
        assert!(text.ends_with("(2 of 3 instances listed)\n"), "{text}");
        let value: Value = serde_json::from_str(&list_text(&entries, 3, true)).unwrap();
        assert_eq!(value["filters"][0]["device"], "\\Device\\00000007");
        assert_eq!(value["filters"][1]["monitoring"], false);
        assert_eq!(value["total"], 3);
        assert_eq!(list_text(&[], 0, false), "no filter instances\n");
    }

    #[test]
    fn done_messages() {
        assert_eq!(
            done_text("monitoring", "off", Some(2), false),
            "filter instance 2: monitoring off\n"
        );
        assert_eq!(
            done_text("reset", "done", None, false),
            "every filter instance: reset done\n"
        );
        let value: Value =
            serde_json::from_str(&done_text("monitoring", "on", None, true)).unwrap();
        assert_eq!(value["monitoring"], "on");
        assert_eq!(value["instance"], Value::Null);
    }
}
