//! The driver package agrees with the code: `iolab.inx` is parsed as Windows reads an INF
//! (sections, `key = value` lines, `%strings%`, comments) and every required section and key is
//! checked, with each hardware ID, service name, GUID, file name, the SDDL, the device
//! characteristics and the KMDF version compared with the constants the driver and iolabctl use
//! and with the Cargo metadata. The same checks run on deliberately broken copies of the INF and
//! must name what is wrong. The version resource, stampinf's version and GET_INFO's version are
//! checked to be one version.

#[path = "../build_support/version_resource.rs"]
mod version_resource;

use std::collections::BTreeMap;
use std::path::Path;

use iolab_protocol::identity::{
    DEVICE_CLASS_NAME, DEVICE_SDDL, DRIVER_FILE_NAME, FILE_DEVICE_SECURE_OPEN,
    GUID_DEVCLASS_SYSTEM, HARDWARE_ID, SERVICE_NAME,
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

/// Every way `inf` disagrees with the code and the Cargo metadata, in words.
#[expect(
    clippy::too_many_lines,
    reason = "one check after another, in the order Windows reads the INF"
)]
fn problems(inf_text: &str, metadata: &Metadata) -> Vec<String> {
    let inf = match Inf::parse(inf_text) {
        Ok(inf) => inf,
        Err(error) => return vec![format!("the INF does not parse: {error}")],
    };
    let mut problems = Vec::new();
    // Every %string% used anywhere must be defined.
    for (name, lines) in &inf.sections {
        for line in lines {
            for text in line.key.iter().chain(&line.values) {
                if let Err(error) = inf.expand(text) {
                    problems.push(format!("[{name}]: {error}"));
                }
            }
        }
    }

    // [Version]
    expect(
        &mut problems,
        "Signature",
        inf.value("Version", "Signature"),
        "$WINDOWS NT$",
    );
    expect(
        &mut problems,
        "Class",
        inf.value("Version", "Class"),
        DEVICE_CLASS_NAME,
    );
    expect(
        &mut problems,
        "ClassGuid",
        inf.value("Version", "ClassGuid"),
        &GUID_DEVCLASS_SYSTEM.to_string(),
    );
    expect(
        &mut problems,
        "CatalogFile",
        inf.value("Version", "CatalogFile"),
        "iolab.cat",
    );
    expect(
        &mut problems,
        "PnpLockdown",
        inf.value("Version", "PnpLockdown"),
        "1",
    );
    // stampinf fills DriverVer; the template leaves it empty so no stale date or version remains.
    expect(
        &mut problems,
        "DriverVer",
        inf.value("Version", "DriverVer"),
        "",
    );
    if let Ok(provider) = inf.value("Version", "Provider")
        && provider.is_empty()
    {
        problems.push("[Version] Provider is empty".to_owned());
    }
    expect(
        &mut problems,
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

    // [Manufacturer] -> models section with the OS decoration -> install section.
    let mut install_section = None;
    match inf.section("Manufacturer") {
        Ok([line]) => {
            let (models, decorations) =
                line.values.split_first().expect("split_fields never empty");
            let minimum = first_build_with_kmdf(metadata.kmdf_minor);
            match decorations {
                [decoration] => {
                    let build = decoration
                        .strip_prefix("NT$ARCH$.10.0...")
                        .and_then(|build| build.parse::<u32>().ok());
                    match (build, minimum) {
                        (Some(build), Some(minimum)) if build >= minimum => {}
                        (Some(build), Some(minimum)) => problems.push(format!(
                            "[Manufacturer] targets build {build}, but KMDF {}.{} needs build \
                             {minimum} or later",
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
                        Ok(lines) => {
                            for device in lines {
                                match device.values.as_slice() {
                                    [section, hardware_id] if hardware_id == HARDWARE_ID => {
                                        install_section = Some(section.clone());
                                    }
                                    [_, hardware_id, ..] => problems.push(format!(
                                        "[{models_section}] offers hardware ID {hardware_id:?}, the \
                                         driver's is {HARDWARE_ID:?}"
                                    )),
                                    other => problems.push(format!(
                                        "[{models_section}] line {other:?} is not `desc = \
                                         section, hardware ID`"
                                    )),
                                }
                            }
                            if lines.is_empty() {
                                problems.push(format!("[{models_section}] lists no device"));
                            }
                        }
                        Err(error) => problems.push(error),
                    }
                }
                _ => problems.push(format!(
                    "[Manufacturer] should name one OS decoration, has {decorations:?}"
                )),
            }
        }
        Ok(lines) => problems.push(format!(
            "[Manufacturer] should have one line, has {}",
            lines.len()
        )),
        Err(error) => problems.push(error),
    }
    let Some(install) = install_section else {
        problems.push(format!("no models line installs {HARDWARE_ID}"));
        return problems;
    };

    // Files copied by the install section.
    match inf.value(&format!("{install}.NT"), "CopyFiles") {
        Ok(files) => match inf.section(&files) {
            Ok(lines) => {
                let names: Vec<&str> = lines
                    .iter()
                    .filter_map(|l| l.values.first().map(String::as_str))
                    .collect();
                if names != [DRIVER_FILE_NAME] {
                    expect(
                        &mut problems,
                        &format!("[{files}]"),
                        Ok(names.join(",")),
                        DRIVER_FILE_NAME,
                    );
                }
            }
            Err(error) => expect(&mut problems, "CopyFiles", Err(error), ""),
        },
        Err(error) => expect(&mut problems, "CopyFiles", Err(error), ""),
    }

    // The service: name, flags, kernel driver, demand start, binary.
    match inf.values(&format!("{install}.NT.Services"), "AddService") {
        Ok(values) => match values.as_slice() {
            [name, flags, section] => {
                expect(
                    &mut problems,
                    "AddService's service name",
                    Ok(name.clone()),
                    SERVICE_NAME,
                );
                expect(
                    &mut problems,
                    "AddService's flags (SPSVCINST_ASSOCSERVICE)",
                    Ok(flags.clone()),
                    "0x00000002",
                );
                expect(
                    &mut problems,
                    "ServiceType",
                    inf.value(section, "ServiceType"),
                    "1",
                );
                expect(
                    &mut problems,
                    "StartType",
                    inf.value(section, "StartType"),
                    "3",
                );
                expect(
                    &mut problems,
                    "ErrorControl",
                    inf.value(section, "ErrorControl"),
                    "1",
                );
                expect(
                    &mut problems,
                    "ServiceBinary",
                    inf.value(section, "ServiceBinary"),
                    &format!("%13%\\{DRIVER_FILE_NAME}"),
                );
            }
            other => expect(
                &mut problems,
                "AddService",
                Ok(other.join(",")),
                "name, flags, section",
            ),
        },
        Err(error) => expect(&mut problems, "AddService", Err(error), ""),
    }

    // KMDF: the same service, the library version stampinf fills from the Cargo metadata.
    match inf.values(&format!("{install}.NT.Wdf"), "KmdfService") {
        Ok(values) => match values.as_slice() {
            [name, section] => {
                expect(
                    &mut problems,
                    "KmdfService's service name",
                    Ok(name.clone()),
                    SERVICE_NAME,
                );
                expect(
                    &mut problems,
                    "KmdfLibraryVersion",
                    inf.value(section, "KmdfLibraryVersion"),
                    "$KMDFVERSION$",
                );
            }
            other => expect(
                &mut problems,
                "KmdfService",
                Ok(other.join(",")),
                "name, section",
            ),
        },
        Err(error) => expect(&mut problems, "KmdfService", Err(error), ""),
    }

    // Security: the driver's SDDL and FILE_DEVICE_SECURE_OPEN, on the device's hardware key.
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
                    Err(error) => expect(&mut problems, "AddReg", Err(error), ""),
                }
            }
        }
        Err(error) => expect(&mut problems, "the device's security", Err(error), ""),
    }
    expect(
        &mut problems,
        "the device's Security (SDDL)",
        security.ok_or_else(|| "no HKR,,Security line sets the device's SDDL".to_owned()),
        DEVICE_SDDL,
    );
    let wanted_characteristics = format!("{FILE_DEVICE_SECURE_OPEN:#x}");
    match characteristics {
        Some(value) => {
            let parsed = value
                .strip_prefix("0x")
                .and_then(|hex| u32::from_str_radix(hex, 16).ok());
            if parsed != Some(FILE_DEVICE_SECURE_OPEN) {
                expect(
                    &mut problems,
                    "DeviceCharacteristics",
                    Ok(value),
                    &wanted_characteristics,
                );
            }
        }
        None => expect(
            &mut problems,
            "DeviceCharacteristics",
            Err("no HKR,,DeviceCharacteristics line sets FILE_DEVICE_SECURE_OPEN".to_owned()),
            "",
        ),
    }
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
            "offers hardware ID \"Root\\\\IoLabX\", the driver's is \"Root\\\\IoLab\"",
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
