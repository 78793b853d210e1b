//! What `doctor` decides from facts the Windows side gathers, kept apart so it is tested on every
//! OS: string lists as the registry and device properties store them (REG_MULTI_SZ,
//! DEVPROP_TYPE_STRING_LIST), and whether the signer of iolab's driver package is trusted, in
//! words, with the fix.

use std::fmt::Write as _;

use serde_json::{Value, json};

/// The strings of a REG_MULTI_SZ / DEVPROP_TYPE_STRING_LIST value: UTF-16 strings, each ended by
/// a NUL, the list ended by one more NUL. A list cut short (no final NUL, or none at all) still
/// gives every string it holds; the first empty string ends the list, as the format says.
#[must_use]
pub fn parse_multi_sz(units: &[u16]) -> Vec<String> {
    units
        .split(|&unit| unit == 0)
        .take_while(|text| !text.is_empty())
        .map(String::from_utf16_lossy)
        .collect()
}

/// [`parse_multi_sz`] over the value's bytes (little-endian UTF-16, as the APIs return them); an
/// odd last byte is ignored.
#[must_use]
pub fn parse_multi_sz_bytes(bytes: &[u8]) -> Vec<String> {
    let units: Vec<u16> = bytes
        .chunks_exact(2)
        .map(|pair| u16::from_le_bytes([pair[0], pair[1]]))
        .collect();
    parse_multi_sz(&units)
}

/// The certificate that signed iolab's installed driver package.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signer {
    /// The file whose signature names it (the package's catalog).
    pub file: String,
    /// Its subject, e.g. `WDRLocalTestCert`.
    pub subject: String,
    /// Its issuer.
    pub issuer: String,
    /// Its SHA-1 hash (the thumbprint `certutil` and the certificate stores show).
    pub sha1: [u8; 20],
    /// Whether it issued itself (a test certificate does).
    pub self_signed: bool,
}

/// What the Windows side found about the signer and the two LocalMachine stores. Each `Err`
/// says why that fact could not be had.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CertificateFacts {
    /// The signer, or why it could not be found.
    pub signer: Result<Signer, String>,
    /// Whether LocalMachine\Root holds the signer (by SHA-1).
    pub in_root: Result<bool, String>,
    /// Whether LocalMachine\TrustedPublisher holds the signer (by SHA-1).
    pub in_trusted_publisher: Result<bool, String>,
}

/// `doctor`'s verdict on the test certificate.
#[derive(Clone, Debug, PartialEq)]
pub struct CertificateReport {
    /// Trusted (true), not trusted (false), or not known.
    pub trusted: Option<bool>,
    /// The lines to print, starting `test certificate: `.
    pub text: String,
    /// The same for `--json`.
    pub json: Value,
}

/// The thumbprint as `certutil` prints it: lower-case hex, no separators.
#[must_use]
pub fn thumbprint(sha1: &[u8; 20]) -> String {
    sha1.iter().fold(String::new(), |mut text, byte| {
        _ = write!(text, "{byte:02x}");
        text
    })
}

/// How to get the certificate file the fixes import.
fn export_hint(file: &str) -> String {
    format!(
        "iolab.cer is the signer exported from the package: PowerShell `(Get-AuthenticodeSignature \
         '{file}').SignerCertificate | Export-Certificate -FilePath iolab.cer`, or from the build \
         machine's WDRTestCertStore (README, \"Prepare a test VM\")"
    )
}

/// One store's line: present, missing with its consequence and fix, or unreadable.
fn store_line(store: &str, fact: &Result<bool, String>, missing: &str) -> String {
    match fact {
        Ok(true) => format!("  LocalMachine\\{store}: present"),
        Ok(false) => format!(
            "  LocalMachine\\{store}: missing — {missing}. Fix (elevated): certutil -addstore -f \
             {store} iolab.cer"
        ),
        Err(why) => format!("  LocalMachine\\{store}: not checked: {why}"),
    }
}

/// The verdict on the signer of the installed package, from the facts.
#[must_use]
pub fn certificate_report(facts: &CertificateFacts) -> CertificateReport {
    let signer = match &facts.signer {
        Ok(signer) => signer,
        Err(why) => {
            return CertificateReport {
                trusted: None,
                text: format!("test certificate: not checked: {why}\n"),
                json: json!({ "checked": false, "reason": why }),
            };
        }
    };
    let print = thumbprint(&signer.sha1);
    let root_missing = "Windows does not trust the signature and the driver does not load \
                        (Device Manager Code 52)";
    let root = if signer.self_signed {
        store_line("Root", &facts.in_root, root_missing)
    } else {
        format!(
            "  LocalMachine\\Root: not checked: the signer is issued by {}, so Root must hold the \
             root of its chain, not the signer itself",
            signer.issuer
        )
    };
    let publisher = store_line(
        "TrustedPublisher",
        &facts.in_trusted_publisher,
        "installing the package asks whether to trust the publisher, and an unattended install \
         fails",
    );
    let trusted = if signer.self_signed {
        match (&facts.in_root, &facts.in_trusted_publisher) {
            (Ok(root), Ok(publisher)) => Some(*root && *publisher),
            (Ok(false), _) | (_, Ok(false)) => Some(false),
            _ => None,
        }
    } else {
        // Root is about the chain's root, which is not checked: only a missing publisher is sure.
        (facts.in_trusted_publisher == Ok(false)).then_some(false)
    };
    let verdict = match trusted {
        Some(true) => "trusted",
        Some(false) => "NOT trusted",
        None => "trust not fully known",
    };
    let mut text = format!(
        "test certificate: {verdict}: {} (SHA-1 {print}), the signer of {}\n{root}\n{publisher}\n",
        signer.subject, signer.file
    );
    if trusted == Some(false) {
        _ = writeln!(text, "  ({})", export_hint(&signer.file));
    }
    let fact_json = |fact: &Result<bool, String>| match fact {
        Ok(present) => json!(present),
        Err(why) => json!({ "error": why }),
    };
    CertificateReport {
        trusted,
        text,
        json: json!({
            "checked": true,
            "trusted": trusted,
            "file": signer.file,
            "subject": signer.subject,
            "issuer": signer.issuer,
            "sha1": print,
            "self_signed": signer.self_signed,
            "in_root": fact_json(&facts.in_root),
            "in_trusted_publisher": fact_json(&facts.in_trusted_publisher),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str) -> Vec<u16> {
        text.encode_utf16().collect()
    }

    #[test]
    fn a_multi_string_gives_every_entry() {
        assert_eq!(
            parse_multi_sz(&utf16("iolab\0PartMgr\0other\0\0")),
            ["iolab", "PartMgr", "other"]
        );
        assert_eq!(parse_multi_sz(&utf16("one\0\0")), ["one"]);
        // Empty list, and nothing at all.
        assert_eq!(parse_multi_sz(&utf16("\0")), Vec::<String>::new());
        assert_eq!(parse_multi_sz(&[]), Vec::<String>::new());
        // Cut short: no final NUL, or no NUL at all.
        assert_eq!(parse_multi_sz(&utf16("a\0b\0")), ["a", "b"]);
        assert_eq!(parse_multi_sz(&utf16("a\0b")), ["a", "b"]);
        // The first empty string ends the list; what a larger buffer holds after it is not read.
        assert_eq!(parse_multi_sz(&utf16("a\0\0stale\0\0")), ["a"]);
        // From the bytes a property or registry read returns (an odd byte is ignored).
        let mut bytes: Vec<u8> = utf16("iolab\0x\0\0")
            .iter()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        bytes.push(0xFF);
        assert_eq!(parse_multi_sz_bytes(&bytes), ["iolab", "x"]);
    }

    fn signer(self_signed: bool) -> Signer {
        Signer {
            file: r"C:\Windows\System32\DriverStore\FileRepository\iolab.inf_amd64_1\iolab.cat"
                .to_owned(),
            subject: "WDRLocalTestCert".to_owned(),
            issuer: if self_signed {
                "WDRLocalTestCert".to_owned()
            } else {
                "Contoso CA".to_owned()
            },
            sha1: [0xAB; 20],
            self_signed,
        }
    }

    #[test]
    fn a_test_certificate_in_both_stores_is_trusted() {
        let report = certificate_report(&CertificateFacts {
            signer: Ok(signer(true)),
            in_root: Ok(true),
            in_trusted_publisher: Ok(true),
        });
        assert_eq!(report.trusted, Some(true));
        assert_eq!(
            report.text,
            format!(
                "test certificate: trusted: WDRLocalTestCert (SHA-1 {}), the signer of \
                 C:\\Windows\\System32\\DriverStore\\FileRepository\\iolab.inf_amd64_1\\iolab.cat\n  \
                 LocalMachine\\Root: present\n  LocalMachine\\TrustedPublisher: present\n",
                "ab".repeat(20)
            )
        );
        assert_eq!(report.json["sha1"], "ab".repeat(20));
        assert_eq!(report.json["in_root"], true);
    }

    #[test]
    fn a_missing_store_says_what_follows_and_the_fix() {
        let report = certificate_report(&CertificateFacts {
            signer: Ok(signer(true)),
            in_root: Ok(false),
            in_trusted_publisher: Ok(true),
        });
        assert_eq!(report.trusted, Some(false));
        assert!(report.text.starts_with("test certificate: NOT trusted: "));
        assert!(report.text.contains(
            "  LocalMachine\\Root: missing — Windows does not trust the signature and the driver \
             does not load (Device Manager Code 52). Fix (elevated): certutil -addstore -f Root \
             iolab.cer\n"
        ));
        assert!(report.text.contains("Get-AuthenticodeSignature"));
        let report = certificate_report(&CertificateFacts {
            signer: Ok(signer(true)),
            in_root: Ok(true),
            in_trusted_publisher: Ok(false),
        });
        assert_eq!(report.trusted, Some(false));
        assert!(
            report
                .text
                .contains("certutil -addstore -f TrustedPublisher iolab.cer")
        );
    }

    #[test]
    fn what_cannot_be_known_is_said_with_its_reason() {
        let report = certificate_report(&CertificateFacts {
            signer: Err("no iolab driver package is installed".to_owned()),
            in_root: Ok(true),
            in_trusted_publisher: Ok(true),
        });
        assert_eq!(report.trusted, None);
        assert_eq!(
            report.text,
            "test certificate: not checked: no iolab driver package is installed\n"
        );
        assert_eq!(report.json["checked"], false);
        let report = certificate_report(&CertificateFacts {
            signer: Ok(signer(true)),
            in_root: Err("cannot open LocalMachine\\Root (0x00000005)".to_owned()),
            in_trusted_publisher: Ok(true),
        });
        assert_eq!(report.trusted, None);
        assert!(
            report
                .text
                .contains("  LocalMachine\\Root: not checked: cannot open LocalMachine\\Root")
        );
        // A CA-issued signer: Root is about its chain's root, which is not checked here.
        let report = certificate_report(&CertificateFacts {
            signer: Ok(signer(false)),
            in_root: Ok(false),
            in_trusted_publisher: Ok(true),
        });
        assert_eq!(report.trusted, None);
        assert!(report.text.contains("the signer is issued by Contoso CA"));
    }
}
