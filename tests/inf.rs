//! The driver package agrees with the code: `iolab.inx` is parsed as Windows reads an INF
//! (sections, `key = value` lines, `%strings%`, comments) and every required section and key is
//! checked, with each hardware ID, service name, GUID, file name, the SDDL, the device
//! characteristics and the KMDF version compared with the constants the driver and iolabctl use
//! and with the Cargo metadata. The same checks run on deliberately broken copies of the INF and
//! must name what is wrong. The version resource, stampinf's version and GET_INFO's version are
//! checked to be one version.
//!
//! The filter role's packaging is checked the same way: `iolab.inx`'s second model, the monitored
//! pipe `Root\IoLabMonitored`, installs iolab as its function driver and as a declarative upper
//! filter (`[...NT.Filters] AddFilter = iolab,, section`, `FilterPosition = Upper`), and the
//! extension INF `docs/iolab-filter-extension.inx` attaches iolab above another driver's device
//! (`Class = Extension` with its class GUID, an `ExtensionId` GUID, the service without
//! `SPSVCINST_ASSOCSERVICE`, the same filter sections). Neither INF may write `UpperFilters` or
//! `LowerFilters` without `FLG_ADDREG_APPEND`. Each broken copy of the new sections must report
//! exactly its own problem.

#[path = "../build_support/version_resource.rs"]
mod version_resource;

use std::collections::BTreeMap;
use std::path::Path;

use iolab_protocol::identity::{
    DEVICE_CLASS_NAME, DEVICE_SDDL, DRIVER_FILE_NAME, FILE_DEVICE_SECURE_OPEN,
    GUID_DEVCLASS_SYSTEM, HARDWARE_ID, MONITORED_HARDWARE_ID, SERVICE_NAME,
};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn read(relative: &str) -> String {
    let path = Path::new(ROOT).join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

// ---- A small INF reader ------------------------------------------------------------------------

/// One line of a section: `key = value, value` or a bare `value, value`.
#[derive(Clone, Debug)]
struct Line {
    key: Option<String>,
    values: Vec<String>,
}

/// An INF: section names (lower case, as INF section names are case-insensitive) to their lines.
#[derive(Debug, Default)]
struct Inf {
    sections: BTreeMap<String, Vec<Line>>,
    strings: BTreeMap<String, String>,
}

/// Removes a `;` comment that is not inside double quotes.
fn strip_comment(line: &str) -> &str {
    let mut quoted = false;
    for (index, c) in line.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => return &line[..index],
            _ => {}
        }
    }
    line
}

/// Splits at commas outside quotes; trims each field and removes its surrounding quotes.
fn split_fields(text: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => fields.push(String::new()),
            _ => fields.last_mut().expect("never empty").push(c),
        }
    }
    fields.iter().map(|field| field.trim().to_owned()).collect()
}

impl Inf {
    fn parse(text: &str) -> Result<Self, String> {
        let mut inf = Self::default();
        let mut current: Option<String> = None;
        for (number, raw) in text.lines().enumerate() {
            let line = strip_comment(raw).trim();
            if line.is_empty() {
                continue;
            }
            if let Some(name) = line.strip_prefix('[') {
                let name = name
                    .strip_suffix(']')
                    .ok_or_else(|| format!("line {}: unterminated section name", number + 1))?;
                let name = name.trim().to_ascii_lowercase();
                if inf.sections.contains_key(&name) {
                    return Err(format!(
                        "line {}: section [{name}] appears twice",
                        number + 1
                    ));
                }
                inf.sections.insert(name.clone(), Vec::new());
                current = Some(name);
                continue;
            }
            let section = current
                .as_ref()
                .ok_or_else(|| format!("line {}: text before the first section", number + 1))?;
            // `=` outside quotes separates the key.
            let (key, rest) = match line.split_once('=') {
                Some((key, rest)) if !key.contains('"') => (Some(key.trim().to_owned()), rest),
                _ => (None, line),
            };
            let values = split_fields(rest);
            if section == "strings" {
                let name = key
                    .as_deref()
                    .ok_or_else(|| format!("line {}: string without a name", number + 1))?;
                inf.strings
                    .insert(name.to_ascii_lowercase(), values.join(","));
            }
            inf.sections
                .get_mut(section)
                .expect("inserted above")
                .push(Line { key, values });
        }
        Ok(inf)
    }

    /// Replaces `%name%` with its [Strings] value (`%13%` and other numbers are directory IDs and
    /// stay).
    fn expand(&self, text: &str) -> Result<String, String> {
        let mut out = String::new();
        let mut rest = text;
        while let Some(start) = rest.find('%') {
            out.push_str(&rest[..start]);
            let after = &rest[start + 1..];
            let end = after
                .find('%')
                .ok_or_else(|| format!("unpaired % in {text:?}"))?;
            let name = &after[..end];
            if name.chars().all(|c| c.is_ascii_digit()) {
                out.push('%');
                out.push_str(name);
                out.push('%');
            } else {
                let value = self
                    .strings
                    .get(&name.to_ascii_lowercase())
                    .ok_or_else(|| format!("%{name}% is not defined in [Strings]"))?;
                out.push_str(value);
            }
            rest = &after[end + 1..];
        }
        out.push_str(rest);
        Ok(out)
    }

    fn section(&self, name: &str) -> Result<&[Line], String> {
        self.sections
            .get(&name.to_ascii_lowercase())
            .map(Vec::as_slice)
            .ok_or_else(|| format!("section [{name}] is missing"))
    }

    /// The values of `key` in `section`, expanded; an error unless it appears exactly once.
    fn values(&self, section: &str, key: &str) -> Result<Vec<String>, String> {
        let lines: Vec<&Line> = self
            .section(section)?
            .iter()
            .filter(|line| {
                line.key
                    .as_deref()
                    .is_some_and(|k| k.eq_ignore_ascii_case(key))
            })
            .collect();
        match lines.as_slice() {
            [line] => line.values.iter().map(|value| self.expand(value)).collect(),
            [] => Err(format!("[{section}] has no {key}")),
            _ => Err(format!("[{section}] has {key} more than once")),
        }
    }

    /// The single value of `key` in `section`.
    fn value(&self, section: &str, key: &str) -> Result<String, String> {
        let values = self.values(section, key)?;
        match values.as_slice() {
            [value] => Ok(value.clone()),
            _ => Err(format!(
                "[{section}] {key} should have one value, has {values:?}"
            )),
        }
    }
}

// ---- What the code says the INF must hold ------------------------------------------------------

/// The Cargo metadata that stampinf and wdk-build read.
struct Metadata {
    kmdf_major: i64,
    kmdf_minor: i64,
}

fn cargo_metadata() -> Metadata {
    let manifest: toml::Table = read("Cargo.toml").parse().expect("Cargo.toml parses");
    let model = &manifest["package"]["metadata"]["wdk"]["driver-model"];
    assert_eq!(model["driver-type"].as_str(), Some("KMDF"));
    // A minimum below the target would let the driver load on an older framework; the INF's
    // OS decoration then follows the minimum.
    let minor = model
        .get("minimum-kmdf-version-minor")
        .unwrap_or(&model["target-kmdf-version-minor"]);
    Metadata {
        kmdf_major: model["kmdf-version-major"].as_integer().expect("integer"),
        kmdf_minor: minor.as_integer().expect("integer"),
    }
}

/// The first Windows build whose in-box framework is KMDF 1.`minor` (Microsoft's KMDF version
/// history); an INF for a driver needing that version must not offer itself to older builds.
fn first_build_with_kmdf(minor: i64) -> Option<u32> {
    Some(match minor {
        19 => 14393, // Windows 10 1607, Server 2016
        21 => 15063, // 1703
        23 => 16299, // 1709
        25 => 17134, // 1803
        27 => 17763, // 1809, Server 2019
        29 => 18362, // 1903
        31 => 19041, // 2004
        33 => 20348, // Server 2022 (Windows 11 21H2 is 22000)
        _ => return None,
    })
}

/// Records a problem unless `found` is `wanted` (ASCII case-insensitive, as INF values are).
fn expect(problems: &mut Vec<String>, what: &str, found: Result<String, String>, wanted: &str) {
    match found {
        Ok(found) if found.eq_ignore_ascii_case(wanted) => {}
        Ok(found) => problems.push(format!("{what} is {found:?}, the code says {wanted:?}")),
        Err(error) => problems.push(error),
    }
}

/// `GUID_DEVCLASS_EXTENSION` (devguid.h): the class of every extension INF.
const GUID_DEVCLASS_EXTENSION: &str = "{e2f84ce7-8efa-411c-aa69-97454ca4cb57}";

/// The extension INF that attaches iolab as an upper filter to another driver's device.
const EXTENSION_INF: &str = "docs/iolab-filter-extension.inx";

/// Its catalog: a separate driver package from `iolab.inf`'s.
const EXTENSION_CATALOG: &str = "iolab-filter-extension.cat";

/// How an install section installs the iolab service.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ServiceRole {
    /// As the device's function driver: `SPSVCINST_ASSOCSERVICE`.
    Function,
    /// Only as a filter, from an extension INF: no flags (an extension INF never installs a
    /// device's function driver).
    Filter,
}

/// Every `%string%` used anywhere must be defined.
fn string_problems(inf: &Inf, problems: &mut Vec<String>) {
    for (name, lines) in &inf.sections {
        for line in lines {
            for text in line.key.iter().chain(&line.values) {
                if let Err(error) = inf.expand(text) {
                    problems.push(format!("[{name}]: {error}"));
                }
            }
        }
    }
}

/// `[Version]`, the destination and the one file of the package: `class`, `class_guid` and
/// `catalog` are the INF's own.
fn version_problems(
    inf: &Inf,
    class: &str,
    class_guid: &str,
    catalog: &str,
    problems: &mut Vec<String>,
) {
    expect(
        problems,
        "Signature",
        inf.value("Version", "Signature"),
        "$WINDOWS NT$",
    );
    expect(problems, "Class", inf.value("Version", "Class"), class);
    expect(
        problems,
        "ClassGuid",
        inf.value("Version", "ClassGuid"),
        class_guid,
    );
    expect(
        problems,
        "CatalogFile",
        inf.value("Version", "CatalogFile"),
        catalog,
    );
    expect(
        problems,
        "PnpLockdown",
        inf.value("Version", "PnpLockdown"),
        "1",
    );
    // stampinf fills DriverVer; the template leaves it empty so no stale date or version remains.
    expect(problems, "DriverVer", inf.value("Version", "DriverVer"), "");
    if let Ok(provider) = inf.value("Version", "Provider")
        && provider.is_empty()
    {
        problems.push("[Version] Provider is empty".to_owned());
    }
    expect(
        problems,
        "DefaultDestDir",
        inf.value("DestinationDirs", "DefaultDestDir"),
        "13",
    );
    // Files: the one kernel image, from disk 1.
    match inf.section("SourceDisksFiles") {
        Ok(lines) => {
            let names: Vec<&str> = lines.iter().filter_map(|l| l.key.as_deref()).collect();
            if names != [DRIVER_FILE_NAME] {
                problems.push(format!(
                    "[SourceDisksFiles] lists {names:?}, the package has [{DRIVER_FILE_NAME:?}]"
                ));
            }
        }
        Err(error) => problems.push(error),
    }
}

/// [Manufacturer] -> the models section with the OS decoration: its name and its devices as
/// (install section, hardware ID).
fn models(
    inf: &Inf,
    metadata: &Metadata,
    problems: &mut Vec<String>,
) -> (String, Vec<(String, String)>) {
    let mut devices = Vec::new();
    let line = match inf.section("Manufacturer") {
        Ok([line]) => line,
        Ok(lines) => {
            problems.push(format!(
                "[Manufacturer] should have one line, has {}",
                lines.len()
            ));
            return (String::new(), devices);
        }
        Err(error) => {
            problems.push(error);
            return (String::new(), devices);
        }
    };
    let (models, decorations) = line.values.split_first().expect("split_fields never empty");
    let [decoration] = decorations else {
        problems.push(format!(
            "[Manufacturer] should name one OS decoration, has {decorations:?}"
        ));
        return (String::new(), devices);
    };
    let minimum = first_build_with_kmdf(metadata.kmdf_minor);
    let build = decoration
        .strip_prefix("NT$ARCH$.10.0...")
        .and_then(|build| build.parse::<u32>().ok());
    match (build, minimum) {
        (Some(build), Some(minimum)) if build >= minimum => {}
        (Some(build), Some(minimum)) => problems.push(format!(
            "[Manufacturer] targets build {build}, but KMDF {}.{} needs build {minimum} or later",
            metadata.kmdf_major, metadata.kmdf_minor
        )),
        (None, _) => problems.push(format!(
            "[Manufacturer] decoration {decoration:?} is not NT$ARCH$.10.0...<build>"
        )),
        (_, None) => problems.push(format!(
            "KMDF 1.{} is not a released KMDF version",
            metadata.kmdf_minor
        )),
    }
    let models_section = format!("{models}.{decoration}");
    match inf.section(&models_section) {
        Ok([]) => problems.push(format!("[{models_section}] lists no device")),
        Ok(lines) => {
            for device in lines {
                match device.values.as_slice() {
                    [section, hardware_id] => devices.push((section.clone(), hardware_id.clone())),
                    other => problems.push(format!(
                        "[{models_section}] line {other:?} is not `desc = section, hardware ID`"
                    )),
                }
            }
        }
        Err(error) => problems.push(error),
    }
    (models_section, devices)
}

/// Files copied by install section `install`: the kernel image.
fn copy_files_problems(inf: &Inf, install: &str, problems: &mut Vec<String>) {
    match inf.value(&format!("{install}.NT"), "CopyFiles") {
        Ok(files) => match inf.section(&files) {
            Ok(lines) => {
                let names: Vec<&str> = lines
                    .iter()
                    .filter_map(|l| l.values.first().map(String::as_str))
                    .collect();
                if names != [DRIVER_FILE_NAME] {
                    expect(
                        problems,
                        &format!("[{files}]"),
                        Ok(names.join(",")),
                        DRIVER_FILE_NAME,
                    );
                }
            }
            Err(error) => problems.push(error),
        },
        Err(error) => problems.push(error),
    }
}

/// The service of install section `install`: iolab, installed in `role`, a kernel driver started
/// on demand from the package's own folder.
fn service_problems(inf: &Inf, install: &str, role: ServiceRole, problems: &mut Vec<String>) {
    let values = match inf.values(&format!("{install}.NT.Services"), "AddService") {
        Ok(values) => values,
        Err(error) => return problems.push(error),
    };
    let [name, flags, section] = values.as_slice() else {
        return expect(
            problems,
            "AddService",
            Ok(values.join(",")),
            "name, flags, section",
        );
    };
    expect(
        problems,
        "AddService's service name",
        Ok(name.clone()),
        SERVICE_NAME,
    );
    match role {
        ServiceRole::Function => expect(
            problems,
            "AddService's flags (SPSVCINST_ASSOCSERVICE)",
            Ok(flags.clone()),
            "0x00000002",
        ),
        ServiceRole::Filter if flags.is_empty() || flags == "0" => {}
        ServiceRole::Filter => problems.push(format!(
            "[{install}.NT.Services] installs {name} with flags {flags:?}: an extension INF \
             never installs a device's function driver (no SPSVCINST_ASSOCSERVICE); leave the \
             flags empty"
        )),
    }
    expect(
        problems,
        "ServiceType",
        inf.value(section, "ServiceType"),
        "1",
    );
    expect(problems, "StartType", inf.value(section, "StartType"), "3");
    expect(
        problems,
        "ErrorControl",
        inf.value(section, "ErrorControl"),
        "1",
    );
    expect(
        problems,
        "ServiceBinary",
        inf.value(section, "ServiceBinary"),
        &format!("%13%\\{DRIVER_FILE_NAME}"),
    );
}

/// KMDF: the same service, the library version stampinf fills from the Cargo metadata.
fn wdf_problems(inf: &Inf, install: &str, problems: &mut Vec<String>) {
    let values = match inf.values(&format!("{install}.NT.Wdf"), "KmdfService") {
        Ok(values) => values,
        Err(error) => return problems.push(error),
    };
    let [name, section] = values.as_slice() else {
        return expect(
            problems,
            "KmdfService",
            Ok(values.join(",")),
            "name, section",
        );
    };
    expect(
        problems,
        "KmdfService's service name",
        Ok(name.clone()),
        SERVICE_NAME,
    );
    expect(
        problems,
        "KmdfLibraryVersion",
        inf.value(section, "KmdfLibraryVersion"),
        "$KMDFVERSION$",
    );
}

/// Security: the driver's SDDL and FILE_DEVICE_SECURE_OPEN, on the device's hardware key.
fn security_problems(inf: &Inf, install: &str, problems: &mut Vec<String>) {
    let mut security = None;
    let mut characteristics = None;
    match inf.values(&format!("{install}.NT.HW"), "AddReg") {
        Ok(sections) => {
            for section in sections {
                match inf.section(&section) {
                    Ok(lines) => {
                        for line in lines {
                            let fields: Vec<String> = line
                                .values
                                .iter()
                                .map(|v| inf.expand(v).unwrap_or_default())
                                .collect();
                            match fields.as_slice() {
                                [root, subkey, name, _, value]
                                    if root == "HKR" && subkey.is_empty() =>
                                {
                                    if name.eq_ignore_ascii_case("Security") {
                                        security = Some(value.clone());
                                    } else if name.eq_ignore_ascii_case("DeviceCharacteristics") {
                                        characteristics = Some(value.clone());
                                    }
                                }
                                _ => {}
                            }
                        }
                    }
                    Err(error) => problems.push(error),
                }
            }
        }
        Err(error) => problems.push(error),
    }
    expect(
        problems,
        "the device's Security (SDDL)",
        security.ok_or_else(|| "no HKR,,Security line sets the device's SDDL".to_owned()),
        DEVICE_SDDL,
    );
    match characteristics {
        Some(value) => {
            let parsed = value
                .strip_prefix("0x")
                .and_then(|hex| u32::from_str_radix(hex, 16).ok());
            if parsed != Some(FILE_DEVICE_SECURE_OPEN) {
                expect(
                    problems,
                    "DeviceCharacteristics",
                    Ok(value),
                    &format!("{FILE_DEVICE_SECURE_OPEN:#x}"),
                );
            }
        }
        None => problems
            .push("no HKR,,DeviceCharacteristics line sets FILE_DEVICE_SECURE_OPEN".to_owned()),
    }
}

/// The filter of install section `install`: `AddFilter = iolab,, <section>` in its `.NT.Filters`
/// section (flags unused: empty or 0), and the section places it as an upper filter
/// (`FilterPosition = Upper`; a filter section takes a position or a level, never both).
fn filter_problems(inf: &Inf, install: &str, problems: &mut Vec<String>) {
    let filters = format!("{install}.NT.Filters");
    let values = match inf.values(&filters, "AddFilter") {
        Ok(values) => values,
        Err(error) => return problems.push(error),
    };
    let [name, flags, section] = values.as_slice() else {
        return problems.push(format!(
            "[{filters}] AddFilter is {values:?}, not `service, flags, filter section`"
        ));
    };
    expect(
        problems,
        "AddFilter's service name",
        Ok(name.clone()),
        SERVICE_NAME,
    );
    if !(flags.is_empty() || flags == "0") {
        problems.push(format!(
            "AddFilter's flags are {flags:?}; they are unused and must be empty or 0"
        ));
    }
    expect(
        problems,
        &format!("[{section}] FilterPosition"),
        inf.value(section, "FilterPosition"),
        "Upper",
    );
    if inf.values(section, "FilterLevel").is_ok() {
        problems.push(format!(
            "[{section}] has both FilterLevel and FilterPosition; a filter section takes exactly \
             one"
        ));
    }
}

/// No line anywhere replaces a device's or class's `UpperFilters` or `LowerFilters`: a value
/// written without `FLG_ADDREG_APPEND` would drop every other driver's filter.
fn filter_list_problems(inf: &Inf, problems: &mut Vec<String>) {
    for (section, lines) in &inf.sections {
        for line in lines.iter().filter(|line| line.key.is_none()) {
            if let [_, _, name, flags, ..] = line.values.as_slice()
                && (name.eq_ignore_ascii_case("UpperFilters")
                    || name.eq_ignore_ascii_case("LowerFilters"))
                && !flags.eq_ignore_ascii_case("0x00010008")
            {
                problems.push(format!(
                    "[{section}] writes {name} with flags {flags:?}, replacing the filters of \
                     other drivers: append with 0x00010008 (FLG_ADDREG_TYPE_MULTI_SZ | \
                     FLG_ADDREG_APPEND), or use AddFilter"
                ));
            }
        }
    }
}

/// `{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}` with hex digits.
fn is_guid(text: &str) -> bool {
    let Some(inner) = text.strip_prefix('{').and_then(|t| t.strip_suffix('}')) else {
        return false;
    };
    let groups: Vec<&str> = inner.split('-').collect();
    groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && groups
            .iter()
            .all(|g| g.chars().all(|c| c.is_ascii_hexdigit()))
}

/// Parses an INF and checks what every package of iolab's holds (see [`version_problems`]):
/// the INF and those problems, or why it does not parse.
fn package(
    inf_text: &str,
    class: &str,
    class_guid: &str,
    catalog: &str,
) -> Result<(Inf, Vec<String>), Vec<String>> {
    let inf =
        Inf::parse(inf_text).map_err(|error| vec![format!("the INF does not parse: {error}")])?;
    let mut problems = Vec::new();
    string_problems(&inf, &mut problems);
    version_problems(&inf, class, class_guid, catalog, &mut problems);
    Ok((inf, problems))
}

/// Every way `iolab.inx` disagrees with the code and the Cargo metadata, in words: both models
/// (the pipe `Root\IoLab`, and the monitored pipe `Root\IoLabMonitored` with iolab as its upper
/// filter too) and their install sections.
fn problems(inf_text: &str, metadata: &Metadata) -> Vec<String> {
    let system = GUID_DEVCLASS_SYSTEM.to_string();
    let (inf, mut problems) = match package(inf_text, DEVICE_CLASS_NAME, &system, "iolab.cat") {
        Ok(parsed) => parsed,
        Err(problems) => return problems,
    };
    let (models_section, devices) = models(&inf, metadata, &mut problems);
    let mut function = None;
    let mut monitored = None;
    for (section, hardware_id) in devices {
        if hardware_id == HARDWARE_ID {
            function = Some(section);
        } else if hardware_id == MONITORED_HARDWARE_ID {
            monitored = Some(section);
        } else {
            problems.push(format!(
                "[{models_section}] offers hardware ID {hardware_id:?}, the driver's are \
                 {HARDWARE_ID:?} and {MONITORED_HARDWARE_ID:?}"
            ));
        }
    }
    for (install, hardware_id) in [
        (&function, HARDWARE_ID),
        (&monitored, MONITORED_HARDWARE_ID),
    ] {
        let Some(install) = install else {
            problems.push(format!("no models line installs {hardware_id}"));
            continue;
        };
        copy_files_problems(&inf, install, &mut problems);
        service_problems(&inf, install, ServiceRole::Function, &mut problems);
        wdf_problems(&inf, install, &mut problems);
        security_problems(&inf, install, &mut problems);
    }
    if let Some(install) = &monitored {
        filter_problems(&inf, install, &mut problems);
    }
    filter_list_problems(&inf, &mut problems);
    problems
}

/// Every way the extension INF that attaches iolab to another driver's device disagrees with
/// what an extension INF must be and with the code.
fn extension_problems(inf_text: &str, metadata: &Metadata) -> Vec<String> {
    let (inf, mut problems) = match package(
        inf_text,
        "Extension",
        GUID_DEVCLASS_EXTENSION,
        EXTENSION_CATALOG,
    ) {
        Ok(parsed) => parsed,
        Err(problems) => return problems,
    };
    match inf.value("Version", "ExtensionId") {
        Ok(id) if is_guid(&id) => {}
        Ok(id) => problems.push(format!("ExtensionId {id:?} is not a GUID")),
        Err(error) => problems.push(error),
    }
    let (models_section, devices) = models(&inf, metadata, &mut problems);
    let [(install, hardware_id)] = devices.as_slice() else {
        if !devices.is_empty() {
            problems.push(format!(
                "[{models_section}] should list the one device to monitor, lists {}",
                devices.len()
            ));
        }
        return problems;
    };
    if [HARDWARE_ID, MONITORED_HARDWARE_ID]
        .iter()
        .any(|own| hardware_id.eq_ignore_ascii_case(own))
    {
        problems.push(format!(
            "the extension targets {hardware_id}, iolab's own device: iolab.inf installs it"
        ));
    }
    copy_files_problems(&inf, install, &mut problems);
    service_problems(&inf, install, ServiceRole::Filter, &mut problems);
    wdf_problems(&inf, install, &mut problems);
    filter_problems(&inf, install, &mut problems);
    filter_list_problems(&inf, &mut problems);
    problems
}

// ---- The tests ---------------------------------------------------------------------------------

#[test]
fn the_inf_matches_the_code() {
    let found = problems(&read("iolab.inx"), &cargo_metadata());
    assert!(found.is_empty(), "iolab.inx: {found:#?}");
}

/// Each broken copy of the INF is caught, and the message names what is wrong.
#[test]
fn a_broken_inf_is_caught() {
    let good = read("iolab.inx");
    let metadata = cargo_metadata();
    let cases: &[(&str, &str, &str)] = &[
        (
            "IoLab_Device, Root\\IoLab",
            "IoLab_Device, Root\\IoLabX",
            "offers hardware ID \"Root\\\\IoLabX\", the driver's are \"Root\\\\IoLab\" and",
        ),
        ("PnpLockdown = 1", "PnpLockdown = 0", "PnpLockdown is \"0\""),
        (
            "NT$ARCH$.10.0...20348",
            "NT$ARCH$.10.0...16299",
            "targets build 16299, but KMDF 1.33 needs build 20348 or later",
        ),
        (
            "AddService = iolab,",
            "AddService = iolab2,",
            "AddService's service name is \"iolab2\", the code says \"iolab\"",
        ),
        (
            "KmdfService = iolab,",
            "KmdfService = iolabx,",
            "KmdfService's service name is \"iolabx\"",
        ),
        (
            "(A;;GA;;;BA)\"",
            "(A;;GA;;;BA)(A;;GR;;;WD)\"",
            "the device's Security (SDDL) is \"D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GR;;;WD)\"",
        ),
        (
            "HKR,,Security,",
            "HKR,,NotSecurity,",
            "no HKR,,Security line sets the device's SDDL",
        ),
        (
            "DeviceCharacteristics,0x10001,0x100",
            "DeviceCharacteristics,0x10001,0x0",
            "DeviceCharacteristics is \"0x0\", the code says \"0x100\"",
        ),
        (
            "{4d36e97d-e325-11ce-bfc1-08002be10318}",
            "{4d36e97d-e325-11ce-bfc1-08002be10319}",
            "ClassGuid is \"{4d36e97d-e325-11ce-bfc1-08002be10319}\"",
        ),
        (
            "KmdfLibraryVersion = $KMDFVERSION$",
            "KmdfLibraryVersion = 1.15",
            "KmdfLibraryVersion is \"1.15\"",
        ),
        (
            "[IoLab_Device.NT.Wdf]",
            "[IoLab_Device.NT.Wdf_gone]",
            "section [IoLab_Device.NT.Wdf] is missing",
        ),
        (
            "%IoLab.DeviceDesc% = IoLab_Device",
            "%IoLab.Missing% = IoLab_Device",
            "%IoLab.Missing% is not defined in [Strings]",
        ),
        (
            "ServiceBinary = %13%\\iolab.sys",
            "ServiceBinary = %12%\\iolab.sys",
            "ServiceBinary is \"%12%\\\\iolab.sys\"",
        ),
        (
            "Class       = System",
            "Class       = Sample",
            "Class is \"Sample\"",
        ),
        (
            "[Strings]",
            "[Strings]\n[Strings]",
            "section [strings] appears twice",
        ),
    ];
    for (from, to, message) in cases {
        assert!(good.contains(from), "the INF no longer contains {from:?}");
        let broken = good.replacen(from, to, 1);
        let found = problems(&broken, &metadata);
        assert!(
            found.iter().any(|problem| problem.contains(message)),
            "changing {from:?} to {to:?} should report {message:?}, reported {found:#?}"
        );
    }
}

/// Applies each `(from, to, problem)` change to `good` (each `from` must be in it) and checks
/// that `check` reports exactly that one problem: each broken copy fails for its own reason.
fn each_change_reports_its_problem(
    good: &str,
    check: impl Fn(&str) -> Vec<String>,
    cases: &[(&str, &str, &str)],
) {
    assert_eq!(check(good), Vec::<String>::new(), "the good INF is clean");
    for (from, to, problem) in cases {
        assert!(good.contains(from), "the INF no longer contains {from:?}");
        let found = check(&good.replacen(from, to, 1));
        assert_eq!(
            found,
            [*problem],
            "changing {from:?} to {to:?} should report only {problem:?}"
        );
    }
}

#[test]
fn the_filter_extension_inf_matches_the_code() {
    let found = extension_problems(&read(EXTENSION_INF), &cargo_metadata());
    assert!(found.is_empty(), "{EXTENSION_INF}: {found:#?}");
}

/// The monitored pipe's filter sections: each broken copy is caught for its own reason.
#[test]
fn a_broken_filter_section_is_caught() {
    let metadata = cargo_metadata();
    each_change_reports_its_problem(
        &read("iolab.inx"),
        |inf| problems(inf, &metadata),
        &[
            (
                "[IoLab_UpperFilter]\nFilterPosition = Upper",
                "[IoLab_UpperFilter]\n",
                "[IoLab_UpperFilter] has no FilterPosition",
            ),
            (
                "[IoLab_UpperFilter]\nFilterPosition = Upper",
                "[IoLab_UpperFilter]\nFilterPosition = Lower",
                "[IoLab_UpperFilter] FilterPosition is \"Lower\", the code says \"Upper\"",
            ),
            (
                "[IoLab_UpperFilter]\nFilterPosition = Upper",
                "[IoLab_UpperFilter]\nFilterPosition = Upper\nFilterLevel = Monitoring",
                "[IoLab_UpperFilter] has both FilterLevel and FilterPosition; a filter section \
                 takes exactly one",
            ),
            (
                "AddFilter = iolab,",
                "AddFilter = kbdclass,",
                "AddFilter's service name is \"kbdclass\", the code says \"iolab\"",
            ),
            (
                "AddFilter = iolab,,",
                "AddFilter = iolab,1,",
                "AddFilter's flags are \"1\"; they are unused and must be empty or 0",
            ),
            (
                "[IoLab_Monitored.NT.Filters]",
                "[IoLab_Monitored.NT.Filterz]",
                "section [IoLab_Monitored.NT.Filters] is missing",
            ),
            (
                "%IoLab.MonitoredDeviceDesc% = IoLab_Monitored, Root\\IoLabMonitored\n",
                "",
                "no models line installs Root\\IoLabMonitored",
            ),
            (
                "[IoLab_Monitored.NT.Services]\nAddService = iolab, %SPSVCINST_ASSOCSERVICE%,",
                "[IoLab_Monitored.NT.Services]\nAddService = iolab,,",
                "AddService's flags (SPSVCINST_ASSOCSERVICE) is \"\", the code says \
                 \"0x00000002\"",
            ),
            (
                "HKR,,DeviceCharacteristics,0x10001,0x100",
                "HKR,,DeviceCharacteristics,0x10001,0x100\nHKR,,UpperFilters,0x00010000,iolab",
                "[iolab_device_security_addreg] writes UpperFilters with flags \"0x00010000\", \
                 replacing the filters of other drivers: append with 0x00010008 \
                 (FLG_ADDREG_TYPE_MULTI_SZ | FLG_ADDREG_APPEND), or use AddFilter",
            ),
        ],
    );
}

/// The extension INF: each broken copy is caught for its own reason.
#[test]
fn a_broken_filter_extension_inf_is_caught() {
    let metadata = cargo_metadata();
    each_change_reports_its_problem(
        &read(EXTENSION_INF),
        |inf| extension_problems(inf, &metadata),
        &[
            (
                "ExtensionId = {3623e1b2-f76a-4c89-9ae1-309503c2ae09}",
                "ExtensionId = {3623e1b2-f76a-4c89-9ae1}",
                "ExtensionId \"{3623e1b2-f76a-4c89-9ae1}\" is not a GUID",
            ),
            (
                "ExtensionId = {3623e1b2-f76a-4c89-9ae1-309503c2ae09}\n",
                "",
                "[Version] has no ExtensionId",
            ),
            (
                "Class       = Extension",
                "Class       = System",
                "Class is \"System\", the code says \"Extension\"",
            ),
            (
                "ClassGuid   = {e2f84ce7-8efa-411c-aa69-97454ca4cb57}",
                "ClassGuid   = {4d36e97d-e325-11ce-bfc1-08002be10318}",
                "ClassGuid is \"{4d36e97d-e325-11ce-bfc1-08002be10318}\", the code says \
                 \"{e2f84ce7-8efa-411c-aa69-97454ca4cb57}\"",
            ),
            (
                "AddService = iolab,,",
                "AddService = iolab, 0x00000002,",
                "[IoLab_FilterExtension.NT.Services] installs iolab with flags \"0x00000002\": an \
                 extension INF never installs a device's function driver (no \
                 SPSVCINST_ASSOCSERVICE); leave the flags empty",
            ),
            (
                "AddFilter = iolab,",
                "AddFilter = otherfilter,",
                "AddFilter's service name is \"otherfilter\", the code says \"iolab\"",
            ),
            (
                "[IoLab_UpperFilter]\nFilterPosition = Upper",
                "[IoLab_UpperFilter]\nFilterPosition = Lower",
                "[IoLab_UpperFilter] FilterPosition is \"Lower\", the code says \"Upper\"",
            ),
            (
                "[IoLab_FilterExtension.NT.Filters]",
                "[IoLab_FilterExtension.NT.Filter]",
                "section [IoLab_FilterExtension.NT.Filters] is missing",
            ),
            (
                "IoLab_FilterExtension, USB\\VID_XXXX&PID_XXXX",
                "IoLab_FilterExtension, Root\\IoLab",
                "the extension targets Root\\IoLab, iolab's own device: iolab.inf installs it",
            ),
            (
                "CatalogFile = iolab-filter-extension.cat",
                "CatalogFile = iolab.cat",
                "CatalogFile is \"iolab.cat\", the code says \"iolab-filter-extension.cat\"",
            ),
            (
                "NT$ARCH$.10.0...20348\n\n[IoLabFilter.NT$ARCH$.10.0...20348]",
                "NT$ARCH$.10.0...18362\n\n[IoLabFilter.NT$ARCH$.10.0...18362]",
                "[Manufacturer] targets build 18362, but KMDF 1.33 needs build 20348 or later",
            ),
        ],
    );
}

/// Lowering the KMDF minimum in the Cargo metadata would let the INF offer itself to older Windows:
/// the check follows the metadata.
#[test]
fn the_os_decoration_follows_the_kmdf_version() {
    let good = read("iolab.inx");
    let older = Metadata {
        kmdf_major: 1,
        kmdf_minor: 31,
    };
    assert!(problems(&good, &older).is_empty());
    let broken = good.replace("10.0...20348", "10.0...17763");
    assert_eq!(
        problems(&broken, &older),
        ["[Manufacturer] targets build 17763, but KMDF 1.31 needs build 19041 or later"]
    );
    let unknown = Metadata {
        kmdf_major: 1,
        kmdf_minor: 34,
    };
    assert_eq!(
        problems(&good, &unknown),
        ["KMDF 1.34 is not a released KMDF version"]
    );
}

/// One version: Cargo's version is GET_INFO's, the version resource's and stampinf's.
#[test]
fn one_version_everywhere() {
    let version = version_resource::windows_version(env!("CARGO_PKG_VERSION")).expect("version");
    let reported = iolab::control::DRIVER_VERSION;
    assert_eq!(
        version,
        [
            reported.major,
            reported.minor,
            reported.patch,
            reported.build
        ],
        "GET_INFO reports another version than the package's"
    );
    let rc = version_resource::version_rc(version, "iolab driver", "iolab.sys");
    let [major, minor, patch, build] = version;
    assert!(
        rc.contains(&format!("FILEVERSION {major},{minor},{patch},{build}\n")),
        "{rc}"
    );
    assert!(rc.contains(&format!(
        "VALUE \"ProductVersion\", \"{major}.{minor}.{patch}.{build}\""
    )));
    assert!(rc.contains("FILETYPE 0x3L\n"), "VFT_DRV");
    assert!(rc.contains("FILESUBTYPE 0x7L\n"), "VFT2_DRV_SYSTEM");

    // stampinf gets the package version, not wdk-build's date-based `-v *`.
    let makefile: toml::Table = read("Makefile.toml").parse().expect("Makefile.toml parses");
    let args: Vec<&str> = makefile["tasks"]["stampinf"]["args"]
        .as_array()
        .expect("stampinf args")
        .iter()
        .filter_map(toml::Value::as_str)
        .collect();
    let v = args
        .iter()
        .position(|arg| *arg == "-v")
        .expect("stampinf -v");
    assert_eq!(args.get(v + 1), Some(&"${IOLAB_DRIVER_VERSION}"));
    let dependencies = makefile["tasks"]["stampinf"]["dependencies"]
        .as_array()
        .expect("stampinf dependencies");
    assert!(dependencies.contains(&toml::Value::from("iolab-driver-version")));
    let script = makefile["tasks"]["iolab-driver-version"]["script"]
        .as_str()
        .expect("the version task's script");
    assert!(script.contains("IOLAB_DRIVER_VERSION={}.{}.{}.0"));
}

#[test]
fn version_parsing() {
    assert_eq!(version_resource::windows_version("1.2.3"), Ok([1, 2, 3, 0]));
    assert_eq!(
        version_resource::windows_version("0.10.7-rc.1+build.5"),
        Ok([0, 10, 7, 0])
    );
    assert_eq!(
        version_resource::windows_version("1.2"),
        Err("version \"1.2\" has no patch part".to_owned())
    );
    assert_eq!(
        version_resource::windows_version("1.70000.0"),
        Err("the minor part of version \"1.70000.0\" is not a number from 0 to 65535".to_owned())
    );
    assert_eq!(
        version_resource::windows_version("1.2.3.4"),
        Err("version \"1.2.3.4\" has more than three parts".to_owned())
    );
}

/// Every SDDL string in the driver's source is the INF's (the driver assigns it with
/// WdfDeviceInitAssignSDDLString; the INF sets it on the device).
#[test]
fn the_driver_source_uses_the_same_sddl() {
    fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("read src/") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    rust_files(&Path::new(ROOT).join("src"), &mut files);
    for file in files {
        let text = std::fs::read_to_string(&file).expect("read");
        for (index, _) in text.match_indices("\"D:") {
            let literal = text[index + 1..].split('"').next().unwrap_or_default();
            assert_eq!(
                literal,
                DEVICE_SDDL,
                "{} holds an SDDL other than iolab_protocol::identity::DEVICE_SDDL",
                file.display()
            );
        }
    }
}

/// The kernel build's static CRT (wdk-build stops without it) is configured for MSVC targets only.
#[test]
fn cargo_config_enables_the_static_crt_for_windows() {
    let config: toml::Table = read(".cargo/config.toml").parse().expect("parses");
    let flags = &config["target"]["cfg(all(windows, target_env = \"msvc\"))"]["rustflags"];
    assert_eq!(
        flags.as_array().map(Vec::as_slice),
        Some(&["-C".into(), "target-feature=+crt-static".into()][..])
    );
    assert!(
        config.get("build").is_none(),
        "a [build] rustflags would reach Linux builds"
    );
}
