//! `devices` and `doctor`: what CfgMgr32 and the registry say about iolab's devices, in words.

use std::fmt::Write as _;

use iolab_client::devices::{self, instance_id_of_path};
use iolab_client::status_name;
use serde_json::json;
use windows_sys::Win32::Devices::DeviceAndDriverInstallation::{
    CM_Get_DevNode_Status, CR_SUCCESS, DN_HAS_PROBLEM, DN_STARTED,
};
use windows_sys::Win32::Devices::Properties::{
    DEVPKEY_Device_DriverInfPath, DEVPKEY_Device_DriverVersion, DEVPKEY_Device_ProblemStatus,
    DEVPKEY_Device_UpperFilters,
};
use windows_sys::Win32::Foundation::DEVPROPKEY;

use super::CommandResult;
use super::setup::{iolab_nodes, node_property, node_property_list, read_node_property};
use super::{signer, verifier};
use crate::doctor;
use crate::exit::Exit;
use crate::trust;

/// A device node's state.
struct State {
    started: bool,
    problem: Option<u32>,
}

fn state(devinst: u32) -> Option<State> {
    let mut status = 0;
    let mut problem = 0;
    // SAFETY: both out-parameters are writable.
    let cr = unsafe { CM_Get_DevNode_Status(&raw mut status, &raw mut problem, devinst, 0) };
    (cr == CR_SUCCESS).then_some(State {
        started: status & DN_STARTED != 0,
        problem: (status & DN_HAS_PROBLEM != 0).then_some(problem),
    })
}

fn property_u32(devinst: u32, key: &DEVPROPKEY) -> Option<u32> {
    let mut bytes = [0_u8; 4];
    read_node_property(devinst, key, &mut bytes).then_some(u32::from_le_bytes(bytes))
}

fn describe(state: Option<&State>) -> String {
    match state {
        None => "not present".to_owned(),
        Some(State {
            problem: Some(code),
            ..
        }) => format!("problem: Code {code}"),
        Some(State { started: true, .. }) => "started".to_owned(),
        Some(_) => "not started".to_owned(),
    }
}

/// `iolabctl devices`: every iolab device node, its `--device` number (the interface list's
/// order), interface path and status.
pub fn devices(json: bool) -> CommandResult {
    let paths = iolab_client::win32::device_paths()
        .map_err(|error| (Exit::Unavailable, error.to_string()))?;
    let (_set, nodes) = iolab_nodes(false)?;
    let mut rows = Vec::new();
    for node in &nodes {
        let path_index = paths.iter().position(|path| {
            instance_id_of_path(path).is_some_and(|id| id.eq_ignore_ascii_case(&node.instance_id))
        });
        let state = state(node.data.DevInst);
        rows.push((
            path_index,
            node.instance_id.clone(),
            path_index.map(|i| paths[i].clone()),
            describe(state.as_ref()),
        ));
    }
    rows.sort_by_key(|row| row.0.unwrap_or(usize::MAX));
    if json {
        let list: Vec<_> = rows
            .iter()
            .map(|(index, id, path, status)| json!({"device": index, "instance_id": id, "interface": path, "status": status}))
            .collect();
        return Ok(format!("{:#}\n", json!({ "devices": list })));
    }
    if rows.is_empty() {
        return Ok("no iolab device is installed (iolabctl install creates one)\n".to_owned());
    }
    let mut text = String::new();
    for (index, id, path, status) in rows {
        let number = index.map_or_else(|| "-".to_owned(), |i| i.to_string());
        _ = writeln!(
            text,
            "{number:>2}  {id}  {status}\n    {}",
            path.as_deref().unwrap_or("(no interface: not started)")
        );
    }
    Ok(text)
}

/// `iolabctl doctor`: each iolab device's status, problem and driver, then the machine's test
/// signing and verifier settings.
pub fn doctor(device: Option<&str>, json: bool) -> CommandResult {
    let (_set, nodes) = iolab_nodes(false)?;
    let ids: Vec<String> = nodes.iter().map(|node| node.instance_id.clone()).collect();
    let chosen: Vec<usize> = match device {
        None => (0..nodes.len()).collect(),
        Some(_) => {
            vec![devices::select(&ids, device).map_err(|error| (Exit::Usage, error.to_string()))?]
        }
    };
    let mut text = String::new();
    let mut found = Vec::new();
    let mut installed_inf = None;
    if nodes.is_empty() {
        text.push_str("no iolab device is installed: iolabctl install (Code 28 would follow without a driver)\n");
    }
    for index in chosen {
        let node = &nodes[index];
        let devinst = node.data.DevInst;
        let state = state(devinst);
        let problem_status =
            property_u32(devinst, &DEVPKEY_Device_ProblemStatus).filter(|&s| s != 0);
        let version = node_property(devinst, &DEVPKEY_Device_DriverVersion);
        let inf = node_property(devinst, &DEVPKEY_Device_DriverInfPath);
        let filters = node_property_list(devinst, &DEVPKEY_Device_UpperFilters);
        _ = writeln!(text, "{}: {}", node.instance_id, describe(state.as_ref()));
        if let Some(code) = state.as_ref().and_then(|s| s.problem) {
            match doctor::problem(code) {
                Some(p) => {
                    _ = writeln!(
                        text,
                        "  Code {code} ({}): {}.\n  Fix: {}.",
                        p.name, p.meaning, p.fix
                    )
                }
                None => _ = writeln!(text, "  Code {code}"),
            }
        }
        if let Some(status) = problem_status {
            _ = writeln!(
                text,
                "  problem status: {} ({status:#010X})",
                status_name(status).unwrap_or("NTSTATUS")
            );
        }
        _ = writeln!(
            text,
            "  driver version: {}",
            version.as_deref().unwrap_or("(none installed)")
        );
        _ = writeln!(text, "  INF: {}", inf.as_deref().unwrap_or("(none)"));
        if let Some(filters) = &filters {
            _ = writeln!(text, "  upper filters: {}", filters.join(", "));
        }
        if installed_inf.is_none() {
            installed_inf.clone_from(&inf);
        }
        found.push(json!({
            "instance_id": node.instance_id,
            "status": describe(state.as_ref()),
            "problem_code": state.as_ref().and_then(|s| s.problem),
            "problem_status": problem_status,
            "driver_version": version,
            "inf": inf,
            "upper_filters": filters,
        }));
    }
    let test_signing = verifier::test_signing_on();
    let kmdf = verifier::kmdf_values();
    let driver_verifier = verifier::driver_verifier_targets_iolab();
    _ = writeln!(
        text,
        "test signing: {}",
        match test_signing {
            Some(true) => "on",
            Some(false) =>
                "off (a test-signed driver gets Code 52: bcdedit /set testsigning on, reboot)",
            None => "unknown",
        }
    );
    let certificate = trust::certificate_report(&signer::facts(installed_inf.as_deref()));
    text.push_str(&certificate.text);
    _ = writeln!(text, "KMDF Verifier: {}", verifier::describe_kmdf(&kmdf));
    _ = writeln!(
        text,
        "Driver Verifier: {}",
        if driver_verifier {
            "verifying iolab.sys"
        } else {
            "not verifying iolab.sys"
        }
    );
    if json {
        return Ok(format!(
            "{:#}\n",
            json!({
                "devices": found,
                "test_signing": test_signing,
                "test_certificate": certificate.json,
                "kmdf_verifier": verifier::kmdf_json(&kmdf),
                "driver_verifier": driver_verifier,
            })
        ));
    }
    Ok(text)
}
