//! Choosing one device among those present, and CfgMgr32's `CONFIGRET` codes by name. Plain
//! logic, used by the Win32 transport and iolabctl, and tested on every OS.

use std::fmt;

/// Why `--device` did not pick exactly one device.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SelectError {
    /// No device is present at all.
    NonePresent,
    /// The selector matches no present device.
    NoMatch {
        /// What was asked for.
        selector: String,
        /// The devices present.
        present: Vec<String>,
    },
    /// No selector, or one that matches several devices.
    Ambiguous {
        /// What was asked for (`None`: nothing).
        selector: Option<String>,
        /// The devices it matches.
        matches: Vec<String>,
    },
}

impl fmt::Display for SelectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list = |paths: &[String]| {
            paths
                .iter()
                .enumerate()
                .map(|(index, path)| format!("  {index}: {path}"))
                .collect::<Vec<_>>()
                .join("\n")
        };
        match self {
            Self::NonePresent => f.write_str("no IoLab device is present"),
            Self::NoMatch { selector, present } => write!(
                f,
                "--device {selector:?} matches none of the {} IoLab device(s) present:\n{}",
                present.len(),
                list(present)
            ),
            Self::Ambiguous {
                selector: None,
                matches,
            } => write!(
                f,
                "{} IoLab devices are present; choose one with --device NUMBER (or part of its \
                 instance ID):\n{}",
                matches.len(),
                list(matches)
            ),
            Self::Ambiguous {
                selector: Some(selector),
                matches,
            } => write!(
                f,
                "--device {selector:?} matches {} devices; say which:\n{}",
                matches.len(),
                list(matches)
            ),
        }
    }
}

impl std::error::Error for SelectError {}

/// Picks one of `paths` (device interface paths, in `iolabctl devices` order) by `selector`: its
/// index, or text found in its path or instance ID (`ROOT\SYSTEM\0001` matches the path
/// `\\?\ROOT#SYSTEM#0001#{...}`), ASCII case-insensitive. Without a selector, the only device.
///
/// # Errors
/// [`SelectError`] unless exactly one device is chosen.
pub fn select(paths: &[String], selector: Option<&str>) -> Result<usize, SelectError> {
    if paths.is_empty() {
        return Err(SelectError::NonePresent);
    }
    let Some(selector) = selector else {
        return match paths {
            [_] => Ok(0),
            _ => Err(SelectError::Ambiguous {
                selector: None,
                matches: paths.to_vec(),
            }),
        };
    };
    if let Ok(index) = selector.trim().parse::<usize>() {
        return if index < paths.len() {
            Ok(index)
        } else {
            Err(SelectError::NoMatch {
                selector: selector.to_owned(),
                present: paths.to_vec(),
            })
        };
    }
    let needle = selector.to_ascii_uppercase().replace('\\', "#");
    let matches: Vec<usize> = paths
        .iter()
        .enumerate()
        .filter(|(_, path)| path.to_ascii_uppercase().contains(&needle))
        .map(|(index, _)| index)
        .collect();
    match matches.as_slice() {
        [index] => Ok(*index),
        [] => Err(SelectError::NoMatch {
            selector: selector.to_owned(),
            present: paths.to_vec(),
        }),
        _ => Err(SelectError::Ambiguous {
            selector: Some(selector.to_owned()),
            matches: matches.iter().map(|&index| paths[index].clone()).collect(),
        }),
    }
}

/// The instance ID in a device interface path: `\\?\ROOT#SYSTEM#0001#{guid}` -> `ROOT\SYSTEM\0001`.
#[must_use]
pub fn instance_id_of_path(path: &str) -> Option<String> {
    let rest = path.strip_prefix(r"\\?\")?;
    let (device, _guid) = rest.rsplit_once("#{")?;
    Some(device.replace('#', "\\"))
}

/// The name of a CfgMgr32 `CONFIGRET` code (`CR_BUFFER_SMALL`), as in `cfgmgr32.h`.
#[must_use]
pub fn configret_name(code: u32) -> Option<&'static str> {
    const NAMES: [&str; 60] = [
        "CR_SUCCESS",
        "CR_DEFAULT",
        "CR_OUT_OF_MEMORY",
        "CR_INVALID_POINTER",
        "CR_INVALID_FLAG",
        "CR_INVALID_DEVNODE",
        "CR_INVALID_RES_DES",
        "CR_INVALID_LOG_CONF",
        "CR_INVALID_ARBITRATOR",
        "CR_INVALID_NODELIST",
        "CR_DEVNODE_HAS_REQS",
        "CR_INVALID_RESOURCEID",
        "CR_DLVXD_NOT_FOUND",
        "CR_NO_SUCH_DEVNODE",
        "CR_NO_MORE_LOG_CONF",
        "CR_NO_MORE_RES_DES",
        "CR_ALREADY_SUCH_DEVNODE",
        "CR_INVALID_RANGE_LIST",
        "CR_INVALID_RANGE",
        "CR_FAILURE",
        "CR_NO_SUCH_LOGICAL_DEV",
        "CR_CREATE_BLOCKED",
        "CR_NOT_SYSTEM_VM",
        "CR_REMOVE_VETOED",
        "CR_APM_VETOED",
        "CR_INVALID_LOAD_TYPE",
        "CR_BUFFER_SMALL",
        "CR_NO_ARBITRATOR",
        "CR_NO_REGISTRY_HANDLE",
        "CR_REGISTRY_ERROR",
        "CR_INVALID_DEVICE_ID",
        "CR_INVALID_DATA",
        "CR_INVALID_API",
        "CR_DEVLOADER_NOT_READY",
        "CR_NEED_RESTART",
        "CR_NO_MORE_HW_PROFILES",
        "CR_DEVICE_NOT_THERE",
        "CR_NO_SUCH_VALUE",
        "CR_WRONG_TYPE",
        "CR_INVALID_PRIORITY",
        "CR_NOT_DISABLEABLE",
        "CR_FREE_RESOURCES",
        "CR_QUERY_VETOED",
        "CR_CANT_SHARE_IRQ",
        "CR_NO_DEPENDENT",
        "CR_SAME_RESOURCES",
        "CR_NO_SUCH_REGISTRY_KEY",
        "CR_INVALID_MACHINENAME",
        "CR_REMOTE_COMM_FAILURE",
        "CR_MACHINE_UNAVAILABLE",
        "CR_NO_CM_SERVICES",
        "CR_ACCESS_DENIED",
        "CR_CALL_NOT_IMPLEMENTED",
        "CR_INVALID_PROPERTY",
        "CR_DEVICE_INTERFACE_ACTIVE",
        "CR_NO_SUCH_DEVICE_INTERFACE",
        "CR_INVALID_REFERENCE_STRING",
        "CR_INVALID_CONFLICT_LIST",
        "CR_INVALID_INDEX",
        "CR_INVALID_STRUCTURE_SIZE",
    ];
    NAMES.get(usize::try_from(code).ok()?).copied()
}

/// Why the PnP manager refused a removal (`PNP_VETO_TYPE`, as `CM_Query_And_Remove_SubTreeW`
/// reports it with `CR_REMOVE_VETOED`), in words; `None` for a value `cfgmgr32.h` does not name.
#[must_use]
pub fn veto_reason(veto_type: i32) -> Option<&'static str> {
    Some(match veto_type {
        0 => "PNP_VetoTypeUnknown (the reason is not known)",
        1 => "PNP_VetoLegacyDevice (a legacy device)",
        2 => "PNP_VetoPendingClose (handles are still being closed)",
        3 => "PNP_VetoWindowsApp (an application refused)",
        4 => "PNP_VetoWindowsService (a service refused)",
        5 => "PNP_VetoOutstandingOpen (handles to the device are open)",
        6 => "PNP_VetoDevice (a device in the stack refused)",
        7 => "PNP_VetoDriver (a driver refused)",
        8 => "PNP_VetoIllegalDeviceRequest (the device cannot be removed that way)",
        9 => "PNP_VetoInsufficientPower (removing it would leave too little power)",
        10 => "PNP_VetoNonDisableable (the device cannot be disabled)",
        11 => "PNP_VetoLegacyDriver (a legacy driver)",
        12 => "PNP_VetoInsufficientRights (run iolabctl from an elevated prompt)",
        13 => "PNP_VetoAlreadyRemoved (the device is already removed)",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn veto_reasons_follow_cfgmgr32() {
        assert_eq!(
            veto_reason(5),
            Some("PNP_VetoOutstandingOpen (handles to the device are open)")
        );
        assert!(veto_reason(12).is_some_and(|r| r.starts_with("PNP_VetoInsufficientRights")));
        assert!(veto_reason(13).is_some_and(|r| r.starts_with("PNP_VetoAlreadyRemoved")));
        assert_eq!(veto_reason(14), None);
        assert_eq!(veto_reason(-1), None);
    }

    fn paths() -> Vec<String> {
        vec![
            r"\\?\ROOT#SYSTEM#0000#{9b180c53-89b4-4514-9651-3c0257e5fb84}".to_owned(),
            r"\\?\ROOT#SYSTEM#0001#{9b180c53-89b4-4514-9651-3c0257e5fb84}".to_owned(),
        ]
    }

    #[test]
    fn by_index_text_or_instance_id() {
        assert_eq!(select(&paths(), Some("1")), Ok(1));
        assert_eq!(select(&paths(), Some(r"root\system\0001")), Ok(1));
        assert_eq!(select(&paths(), Some("#0000#")), Ok(0));
        assert_eq!(select(&paths()[..1], None), Ok(0));
    }

    #[test]
    fn errors_list_what_is_there() {
        assert_eq!(select(&[], None), Err(SelectError::NonePresent));
        let none = select(&paths(), Some("7")).unwrap_err();
        assert!(matches!(none, SelectError::NoMatch { .. }));
        assert!(
            none.to_string().starts_with(
                "--device \"7\" matches none of the 2 IoLab device(s) present:\n  0: "
            )
        );
        let ambiguous = select(&paths(), None).unwrap_err().to_string();
        assert!(
            ambiguous.starts_with("2 IoLab devices are present; choose one with --device"),
            "{ambiguous}"
        );
        assert!(ambiguous.contains("\n  1: \\\\?\\ROOT#SYSTEM#0001#"));
        let several = select(&paths(), Some("ROOT")).unwrap_err().to_string();
        assert!(several.starts_with("--device \"ROOT\" matches 2 devices; say which:"));
    }

    #[test]
    fn instance_ids_from_paths() {
        assert_eq!(
            instance_id_of_path(&paths()[1]).as_deref(),
            Some(r"ROOT\SYSTEM\0001")
        );
        assert_eq!(instance_id_of_path("COM1"), None);
    }

    #[test]
    fn configret_names_match_cfgmgr32() {
        assert_eq!(configret_name(0), Some("CR_SUCCESS"));
        assert_eq!(configret_name(0x1A), Some("CR_BUFFER_SMALL"));
        assert_eq!(configret_name(0x24), Some("CR_DEVICE_NOT_THERE"));
        assert_eq!(configret_name(0x33), Some("CR_ACCESS_DENIED"));
        assert_eq!(configret_name(0x3B), Some("CR_INVALID_STRUCTURE_SIZE"));
        assert_eq!(configret_name(0x3C), None);
    }
}
