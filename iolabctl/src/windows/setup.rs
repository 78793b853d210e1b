//! `install`, `uninstall`, `rollback`: the devcon-style sequences through SetupAPI and newdev, and
//! the enumeration of iolab's device nodes the other commands share.

use std::path::{Path, PathBuf};
use std::ptr;

use iolab_client::devices::{self, SelectError};
use iolab_protocol::identity::{HARDWARE_ID, INF_FILE_NAME};
use windows_sys::Win32::Devices::DeviceAndDriverInstallation::{
    CM_Get_DevNode_PropertyW, CR_BUFFER_SMALL, CR_SUCCESS, DICD_GENERATE_ID, DIF_REGISTERDEVICE,
    DIGCF_ALLCLASSES, DIGCF_PRESENT, DiRollbackDriver, DiUninstallDevice, DiUninstallDriverW,
    HDEVINFO, INSTALLFLAG_FORCE, ROLLBACK_FLAG_NO_UI, SP_DEVINFO_DATA, SPDRP_HARDWAREID,
    SetupDiCallClassInstaller, SetupDiCreateDeviceInfoList, SetupDiCreateDeviceInfoW,
    SetupDiDestroyDeviceInfoList, SetupDiEnumDeviceInfo, SetupDiGetClassDevsW,
    SetupDiGetDeviceInstanceIdW, SetupDiGetDeviceRegistryPropertyW, SetupDiGetINFClassW,
    SetupDiSetDeviceRegistryPropertyW, UpdateDriverForPlugAndPlayDevicesW,
};
use windows_sys::Win32::Devices::Properties::{
    DEVPKEY_Device_DriverInfPath, DEVPROP_TYPE_STRING_LIST, DEVPROPTYPE,
};
use windows_sys::Win32::Foundation::INVALID_HANDLE_VALUE;
use windows_sys::core::GUID;

use super::{
    CommandResult, NO_WINDOW, explain_setup_error, from_wide, last_error, require_admin_64bit, wide,
};
use crate::exit::Exit;

/// A device information set, destroyed on drop.
pub struct DevInfoSet(pub HDEVINFO);

impl Drop for DevInfoSet {
    fn drop(&mut self) {
        // SAFETY: `self.0` is a set returned by SetupDiCreateDeviceInfoList or
        // SetupDiGetClassDevsW and destroyed only here.
        unsafe { SetupDiDestroyDeviceInfoList(self.0) };
    }
}

/// One iolab device node.
pub struct Node {
    /// Its entry in the set.
    pub data: SP_DEVINFO_DATA,
    /// Its instance ID (`ROOT\SYSTEM\0001`).
    pub instance_id: String,
}

/// Every device node whose hardware IDs include `Root\IoLab` (present ones only, or also those
/// installed but not present).
pub fn iolab_nodes(present_only: bool) -> Result<(DevInfoSet, Vec<Node>), (Exit, String)> {
    let flags = DIGCF_ALLCLASSES | if present_only { DIGCF_PRESENT } else { 0 };
    // SAFETY: null class, enumerator and window are allowed with DIGCF_ALLCLASSES.
    let set = unsafe { SetupDiGetClassDevsW(ptr::null(), ptr::null(), super::NO_WINDOW, flags) };
    if set == INVALID_HANDLE_VALUE as HDEVINFO {
        return Err((
            Exit::Unavailable,
            format!(
                "SetupDiGetClassDevsW failed: {}",
                explain_setup_error(last_error())
            ),
        ));
    }
    let set = DevInfoSet(set);
    let mut nodes = Vec::new();
    for index in 0.. {
        let mut data = SP_DEVINFO_DATA {
            cbSize: size_of::<SP_DEVINFO_DATA>() as u32,
            ..Default::default()
        };
        // SAFETY: `set.0` is a valid set; `data` has its cbSize set.
        if unsafe { SetupDiEnumDeviceInfo(set.0, index, &raw mut data) } == 0 {
            break;
        }
        let mut ids = [0_u16; 1024];
        let mut size = 0;
        // SAFETY: `ids` is writable for the size given (in bytes); `data` belongs to `set`.
        let ok = unsafe {
            SetupDiGetDeviceRegistryPropertyW(
                set.0,
                &raw const data,
                SPDRP_HARDWAREID,
                ptr::null_mut(),
                ids.as_mut_ptr().cast(),
                size_of_val(&ids) as u32,
                &raw mut size,
            )
        };
        if ok == 0 {
            continue;
        }
        let matches = ids
            .split(|&unit| unit == 0)
            .take_while(|id| !id.is_empty())
            .any(|id| String::from_utf16_lossy(id).eq_ignore_ascii_case(HARDWARE_ID));
        if !matches {
            continue;
        }
        let mut instance = [0_u16; 512];
        // SAFETY: `instance` is writable for the count given (in characters).
        let ok = unsafe {
            SetupDiGetDeviceInstanceIdW(
                set.0,
                &raw const data,
                instance.as_mut_ptr(),
                instance.len() as u32,
                ptr::null_mut(),
            )
        };
        if ok != 0 {
            nodes.push(Node {
                data,
                instance_id: from_wide(&instance),
            });
        }
    }
    Ok((set, nodes))
}

/// `CM_Get_DevNode_PropertyW` into `buffer`: the CONFIGRET, the property's type and its size
/// (the size needed when the result is CR_BUFFER_SMALL).
fn get_node_property(
    devinst: u32,
    key: &windows_sys::Win32::Foundation::DEVPROPKEY,
    buffer: &mut [u8],
) -> (u32, DEVPROPTYPE, usize) {
    let mut size = u32::try_from(buffer.len()).unwrap_or(u32::MAX);
    let mut kind: DEVPROPTYPE = 0;
    // SAFETY: `buffer` is writable for `size` bytes; `key`, `kind` and `size` are valid.
    let cr = unsafe {
        CM_Get_DevNode_PropertyW(
            devinst,
            key,
            &raw mut kind,
            buffer.as_mut_ptr(),
            &raw mut size,
            0,
        )
    };
    (cr, kind, usize::try_from(size).unwrap_or(usize::MAX))
}

/// Reads a device node's property into `buffer`; whether the node has it.
pub fn read_node_property(
    devinst: u32,
    key: &windows_sys::Win32::Foundation::DEVPROPKEY,
    buffer: &mut [u8],
) -> bool {
    get_node_property(devinst, key, buffer).0 == CR_SUCCESS
}

/// A device node's property as text (`DEVPKEY_Device_DriverInfPath`, ...), if it has it.
pub fn node_property(
    devinst: u32,
    key: &windows_sys::Win32::Foundation::DEVPROPKEY,
) -> Option<String> {
    let mut bytes = [0_u8; 2048];
    read_node_property(devinst, key, &mut bytes).then(|| {
        let units: Vec<u16> = bytes
            .chunks_exact(2)
            .map(|pair| u16::from_le_bytes([pair[0], pair[1]]))
            .collect();
        from_wide(&units)
    })
}

/// A device node's string-list property (`DEVPKEY_Device_UpperFilters`, a
/// DEVPROP_TYPE_STRING_LIST: REG_MULTI_SZ's layout), every entry; `None` if it has none.
pub fn node_property_list(
    devinst: u32,
    key: &windows_sys::Win32::Foundation::DEVPROPKEY,
) -> Option<Vec<String>> {
    let mut bytes = vec![0_u8; 512];
    loop {
        let (cr, kind, needed) = get_node_property(devinst, key, &mut bytes);
        if cr == CR_BUFFER_SMALL && needed > bytes.len() {
            bytes.resize(needed, 0);
            continue;
        }
        if cr != CR_SUCCESS || kind != DEVPROP_TYPE_STRING_LIST {
            return None;
        }
        return Some(crate::trust::parse_multi_sz_bytes(
            &bytes[..needed.min(bytes.len())],
        ));
    }
}

/// The INF to install: the one given, else `iolab.inf` beside iolabctl, else in the current
/// folder.
fn find_inf(inf: Option<&Path>) -> Result<PathBuf, (Exit, String)> {
    let candidates: Vec<PathBuf> = match inf {
        Some(path) => vec![path.to_owned()],
        None => std::env::current_exe()
            .ok()
            .and_then(|exe| exe.parent().map(|dir| dir.join(INF_FILE_NAME)))
            .into_iter()
            .chain(Some(PathBuf::from(INF_FILE_NAME)))
            .collect(),
    };
    candidates
        .iter()
        .find(|path| path.is_file())
        .and_then(|path| std::path::absolute(path).ok())
        .ok_or_else(|| {
            (
                Exit::Usage,
                format!(
                    "no INF found (looked for {}): give the path of the built package's iolab.inf, \
                     e.g. iolabctl install target\\release\\iolab_package\\iolab.inf",
                    candidates
                        .iter()
                        .map(|p| p.display().to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )
        })
}

/// `iolabctl install [INF]`: creates the root device `Root\IoLab` and installs the package on it.
pub fn install(inf: Option<&Path>) -> CommandResult {
    require_admin_64bit("install")?;
    let inf = find_inf(inf)?;
    let inf_wide = wide(&inf.display().to_string());
    let failed = |call: &str| {
        (
            Exit::RequestFailed,
            format!("{call} failed: {}", explain_setup_error(last_error())),
        )
    };

    let mut class = GUID::from_u128(0);
    let mut class_name = [0_u16; 32];
    // SAFETY: `inf_wide` is NUL-terminated; `class` and `class_name` are writable, the latter for
    // the count given.
    let ok = unsafe {
        SetupDiGetINFClassW(
            inf_wide.as_ptr(),
            &raw mut class,
            class_name.as_mut_ptr(),
            class_name.len() as u32,
            ptr::null_mut(),
        )
    };
    if ok == 0 {
        return Err(failed("SetupDiGetINFClassW (reading the INF's class)"));
    }
    // SAFETY: `class` is a valid GUID; no window.
    let set = unsafe { SetupDiCreateDeviceInfoList(&raw const class, NO_WINDOW) };
    if set == INVALID_HANDLE_VALUE as HDEVINFO {
        return Err(failed("SetupDiCreateDeviceInfoList"));
    }
    let set = DevInfoSet(set);
    let mut data = SP_DEVINFO_DATA {
        cbSize: size_of::<SP_DEVINFO_DATA>() as u32,
        ..Default::default()
    };
    // SAFETY: `class_name` is NUL-terminated (written by SetupDiGetINFClassW); `data` has its
    // cbSize set.
    let ok = unsafe {
        SetupDiCreateDeviceInfoW(
            set.0,
            class_name.as_ptr(),
            &raw const class,
            ptr::null(),
            NO_WINDOW,
            DICD_GENERATE_ID,
            &raw mut data,
        )
    };
    if ok == 0 {
        return Err(failed("SetupDiCreateDeviceInfoW"));
    }
    // The hardware ID as a REG_MULTI_SZ: the ID, its NUL, and the list's final NUL.
    let mut multi_sz: Vec<u16> = HARDWARE_ID.encode_utf16().collect();
    multi_sz.extend([0, 0]);
    // SAFETY: `multi_sz` is readable for the byte count given; `data` belongs to `set`.
    let ok = unsafe {
        SetupDiSetDeviceRegistryPropertyW(
            set.0,
            &raw mut data,
            SPDRP_HARDWAREID,
            multi_sz.as_ptr().cast(),
            (multi_sz.len() * 2) as u32,
        )
    };
    if ok == 0 {
        return Err(failed("SetupDiSetDeviceRegistryPropertyW (hardware ID)"));
    }
    // SAFETY: `data` belongs to `set`.
    if unsafe { SetupDiCallClassInstaller(DIF_REGISTERDEVICE, set.0, &raw const data) } == 0 {
        return Err(failed("SetupDiCallClassInstaller(DIF_REGISTERDEVICE)"));
    }
    let hardware_id = wide(HARDWARE_ID);
    let mut reboot = 0;
    // SAFETY: both strings are NUL-terminated; `reboot` is writable.
    let ok = unsafe {
        UpdateDriverForPlugAndPlayDevicesW(
            NO_WINDOW,
            hardware_id.as_ptr(),
            inf_wide.as_ptr(),
            INSTALLFLAG_FORCE,
            &raw mut reboot,
        )
    };
    if ok == 0 {
        let error = last_error();
        // Do not leave a device node without a driver behind.
        // SAFETY: `data` belongs to `set`; a null reboot pointer is allowed.
        unsafe { DiUninstallDevice(NO_WINDOW, set.0, &raw const data, 0, ptr::null_mut()) };
        return Err((
            Exit::RequestFailed,
            format!(
                "UpdateDriverForPlugAndPlayDevicesW (installing {}) failed: {}",
                inf.display(),
                explain_setup_error(error)
            ),
        ));
    }
    Ok(format!(
        "installed {} on a new {HARDWARE_ID} device{}\n",
        inf.display(),
        if reboot != 0 {
            "; restart Windows to finish"
        } else {
            ""
        }
    ))
}

/// `iolabctl uninstall`: removes every iolab device node, then the driver packages they used.
pub fn uninstall() -> CommandResult {
    require_admin_64bit("uninstall")?;
    let (set, nodes) = super::setup::iolab_nodes(false)?;
    let mut infs: Vec<String> = Vec::new();
    let mut report = String::new();
    let mut reboot_any = false;
    for node in &nodes {
        if let Some(inf) = node_property(node.data.DevInst, &DEVPKEY_Device_DriverInfPath)
            && !infs.contains(&inf)
        {
            infs.push(inf);
        }
        let mut reboot = 0;
        // SAFETY: `node.data` belongs to `set`; `reboot` is writable.
        if unsafe { DiUninstallDevice(NO_WINDOW, set.0, &raw const node.data, 0, &raw mut reboot) }
            == 0
        {
            return Err((
                Exit::RequestFailed,
                format!(
                    "DiUninstallDevice({}) failed: {}",
                    node.instance_id,
                    explain_setup_error(last_error())
                ),
            ));
        }
        reboot_any |= reboot != 0;
        report.push_str(&format!("removed device {}\n", node.instance_id));
    }
    let windir = std::env::var("SystemRoot").unwrap_or_else(|_| "C:\\Windows".to_owned());
    for inf in &infs {
        let path = wide(&format!("{windir}\\INF\\{inf}"));
        let mut reboot = 0;
        // SAFETY: `path` is NUL-terminated; `reboot` is writable.
        if unsafe { DiUninstallDriverW(NO_WINDOW, path.as_ptr(), 0, &raw mut reboot) } == 0 {
            return Err((
                Exit::RequestFailed,
                format!(
                    "DiUninstallDriverW({inf}) failed: {}",
                    explain_setup_error(last_error())
                ),
            ));
        }
        reboot_any |= reboot != 0;
        report.push_str(&format!("removed driver package {inf}\n"));
    }
    if nodes.is_empty() {
        report.push_str("no iolab device is installed\n");
    }
    if reboot_any {
        report.push_str("restart Windows to finish\n");
    }
    Ok(report)
}

/// `iolabctl rollback`: the chosen device goes back to the driver it had before.
pub fn rollback(device: Option<&str>) -> CommandResult {
    require_admin_64bit("rollback")?;
    let (set, nodes) = iolab_nodes(true)?;
    let ids: Vec<String> = nodes.iter().map(|node| node.instance_id.clone()).collect();
    let index = devices::select(&ids, device).map_err(|error| {
        let exit = if error == SelectError::NonePresent {
            Exit::Unavailable
        } else {
            Exit::Usage
        };
        (exit, error.to_string())
    })?;
    let node = &nodes[index];
    let mut reboot = 0;
    // SAFETY: `node.data` belongs to `set`; `reboot` is writable.
    if unsafe {
        DiRollbackDriver(
            set.0,
            &raw const node.data,
            NO_WINDOW,
            ROLLBACK_FLAG_NO_UI,
            &raw mut reboot,
        )
    } == 0
    {
        return Err((
            Exit::RequestFailed,
            format!(
                "DiRollbackDriver({}) failed: {} (a device without a previous driver has nothing to roll back to)",
                node.instance_id,
                explain_setup_error(last_error())
            ),
        ));
    }
    Ok(format!(
        "{} rolled back to its previous driver{}\n",
        node.instance_id,
        if reboot != 0 {
            "; restart Windows to finish"
        } else {
            ""
        }
    ))
}
