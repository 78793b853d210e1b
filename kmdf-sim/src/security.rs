//! Device security as the I/O manager applies it at IRP_MJ_CREATE: the SDDL string a driver
//! assigns (`WdfDeviceInitAssignSDDLString`, "SDDL for Device Objects"), parsed into its DACL,
//! and the access check of a caller's identity against it. Only the DACL part (`D:`) is read:
//! allow (`A`) and deny (`D`) ACEs with generic or hexadecimal rights for the well-known SID
//! aliases a device SDDL uses; anything else is refused as invalid, as `IoCreateDeviceSecure`
//! refuses what it cannot parse.

/// Who opens a handle: the groups in the caller's token, as kmdf-sim models them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Caller {
    /// LocalSystem (`SY`; its token also holds Administrators).
    System,
    /// An elevated administrator (`BA`) — the default for [`crate::Simulation::open`].
    Administrator,
    /// A standard, non-elevated user (`BU`, `AU`, `IU`, `WD`).
    User,
}

impl Caller {
    /// The SID aliases in the caller's token.
    fn sids(self) -> &'static [&'static str] {
        match self {
            Self::System => &["SY", "BA", "WD", "AU"],
            Self::Administrator => &["BA", "BU", "WD", "AU", "IU"],
            Self::User => &["BU", "WD", "AU", "IU"],
        }
    }
}

/// The SID aliases a device SDDL may name ("SID Strings"); `S-1-...` SIDs are accepted too.
const SID_ALIASES: [&str; 10] = ["SY", "BA", "BU", "WD", "AU", "IU", "LS", "NS", "RC", "AN"];

/// `GENERIC_READ`-like, `GENERIC_WRITE`-like rights, as bits of [`Ace::rights`].
const READ: u32 = 1;
const WRITE: u32 = 2;
const ALL: u32 = READ | WRITE;

#[derive(Clone, Debug, PartialEq, Eq)]
struct Ace {
    allow: bool,
    rights: u32,
    sid: String,
}

/// A parsed device DACL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SecurityDescriptor {
    /// The SDDL text, for reports.
    pub text: String,
    aces: Vec<Ace>,
}

fn parse_rights(text: &str) -> Option<u32> {
    if let Some(hex) = text.strip_prefix("0x").or_else(|| text.strip_prefix("0X")) {
        let mask = u32::from_str_radix(hex, 16).ok()?;
        // GENERIC_ALL, GENERIC_WRITE, GENERIC_READ, FILE_WRITE_DATA, FILE_READ_DATA.
        let mut rights = 0;
        if mask & 0x1000_0000 != 0 {
            rights |= ALL;
        }
        if mask & (0x4000_0000 | 0x2) != 0 {
            rights |= WRITE;
        }
        if mask & (0x8000_0000 | 0x1) != 0 {
            rights |= READ;
        }
        return Some(rights);
    }
    if text.is_empty() || !text.len().is_multiple_of(2) {
        return None;
    }
    let mut rights = 0;
    for pair in text.as_bytes().chunks(2) {
        rights |= match pair {
            b"GA" | b"FA" => ALL,
            b"GR" | b"FR" => READ,
            b"GW" | b"FW" => WRITE,
            b"GX" | b"FX" | b"SD" | b"RC" | b"WD" | b"WO" => 0,
            _ => return None,
        };
    }
    Some(rights)
}

impl SecurityDescriptor {
    /// Parses a device SDDL string.
    ///
    /// # Errors
    /// What is wrong with it, in words.
    pub(crate) fn parse(text: &str) -> Result<Self, String> {
        let Some(rest) = text.strip_prefix("D:") else {
            return Err("it does not start with a DACL (\"D:\")".to_owned());
        };
        let flags_end = rest.find('(').unwrap_or(rest.len());
        let (flags, mut rest) = rest.split_at(flags_end);
        let mut remaining = flags;
        while !remaining.is_empty() {
            remaining = ["P", "AI", "AR", "NO_ACCESS_CONTROL"]
                .iter()
                .find_map(|flag| remaining.strip_prefix(flag))
                .ok_or_else(|| format!("unknown DACL flags \"{flags}\""))?;
        }
        let mut aces = Vec::new();
        while !rest.is_empty() {
            let Some(body) = rest.strip_prefix('(') else {
                return Err(format!("expected an ACE at \"{rest}\""));
            };
            let Some(end) = body.find(')') else {
                return Err("an ACE is not closed".to_owned());
            };
            let (ace, after) = body.split_at(end);
            rest = after.get(1..).unwrap_or_default();
            let fields: Vec<&str> = ace.split(';').collect();
            let [kind, _flags, rights, _object, _inherited, sid] = fields[..] else {
                return Err(format!("ACE \"({ace})\" does not have six fields"));
            };
            let allow = match kind {
                "A" => true,
                "D" => false,
                other => return Err(format!("ACE type \"{other}\" is not A or D")),
            };
            let rights =
                parse_rights(rights).ok_or_else(|| format!("rights \"{rights}\" are unknown"))?;
            if !SID_ALIASES.contains(&sid) && !sid.starts_with("S-1-") {
                return Err(format!("SID \"{sid}\" is unknown"));
            }
            aces.push(Ace {
                allow,
                rights,
                sid: sid.to_owned(),
            });
        }
        Ok(Self {
            text: text.to_owned(),
            aces,
        })
    }

    /// The access check: whether `caller` gets read and/or write access. A deny ACE naming one
    /// of the caller's groups with any of the wanted rights refuses; otherwise the allow ACEs
    /// naming its groups must grant every wanted right (a handle opened for no data access
    /// still needs some allow ACE: CreateFile always asks for SYNCHRONIZE and attributes).
    pub(crate) fn grants(&self, caller: Caller, read: bool, write: bool) -> bool {
        let wanted = if read { READ } else { 0 } | if write { WRITE } else { 0 };
        let mine = |ace: &&Ace| caller.sids().contains(&ace.sid.as_str());
        if self
            .aces
            .iter()
            .filter(mine)
            .any(|ace| !ace.allow && (ace.rights & wanted != 0 || wanted == 0))
        {
            return false;
        }
        let allowed: Vec<u32> = self
            .aces
            .iter()
            .filter(mine)
            .filter(|ace| ace.allow)
            .map(|ace| ace.rights)
            .collect();
        !allowed.is_empty() && allowed.iter().fold(0, |all, r| all | r) & wanted == wanted
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const IOLAB: &str = "D:P(A;;GA;;;SY)(A;;GA;;;BA)";

    #[test]
    fn system_and_administrators_only() {
        let sd = SecurityDescriptor::parse(IOLAB).unwrap();
        for (read, write) in [(true, true), (true, false), (false, false)] {
            assert!(sd.grants(Caller::System, read, write));
            assert!(sd.grants(Caller::Administrator, read, write));
            assert!(!sd.grants(Caller::User, read, write));
        }
    }

    #[test]
    fn read_only_for_users_and_deny_aces() {
        let sd = SecurityDescriptor::parse("D:P(A;;GA;;;BA)(A;;GR;;;BU)").unwrap();
        assert!(sd.grants(Caller::User, true, false));
        assert!(!sd.grants(Caller::User, true, true));
        let sd = SecurityDescriptor::parse("D:(D;;GW;;;BU)(A;;GA;;;WD)").unwrap();
        assert!(sd.grants(Caller::User, true, false));
        assert!(!sd.grants(Caller::User, false, true));
        assert!(
            !sd.grants(Caller::Administrator, false, true),
            "BA holds BU too"
        );
        let sd = SecurityDescriptor::parse("D:P(A;;0x10000000;;;WD)").unwrap();
        assert!(sd.grants(Caller::User, true, true));
    }

    #[test]
    fn malformed_strings_are_refused_with_a_reason() {
        for (text, reason) in [
            ("O:BAD:P(A;;GA;;;SY)", "does not start with a DACL"),
            ("D:Q(A;;GA;;;SY)", "unknown DACL flags"),
            ("D:P(A;;GA;;SY)", "six fields"),
            ("D:P(X;;GA;;;SY)", "is not A or D"),
            ("D:P(A;;ZZ;;;SY)", "rights \"ZZ\" are unknown"),
            ("D:P(A;;GA;;;XX)", "SID \"XX\" is unknown"),
            ("D:P(A;;GA;;;SY", "not closed"),
        ] {
            let error = SecurityDescriptor::parse(text).unwrap_err();
            assert!(error.contains(reason), "{text}: {error}");
        }
    }
}
