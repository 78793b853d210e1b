//! The facts behind `doctor`'s certificate check: the signer of the installed iolab package's
//! catalog (its folder in the driver store, from `SetupGetInfDriverStoreLocationW`; the signature
//! read with `CryptQueryObject`, the signer found by `CMSG_SIGNER_CERT_INFO_PARAM`), and whether
//! LocalMachine\Root and LocalMachine\TrustedPublisher hold it (`CertOpenStore` with
//! `CERT_SYSTEM_STORE_LOCAL_MACHINE`, `CertFindCertificateInStore` by SHA-1). The verdict and its
//! words are `crate::trust`'s.

use std::ffi::c_void;
use std::path::{Path, PathBuf};
use std::ptr;

use windows_sys::Win32::Devices::DeviceAndDriverInstallation::SetupGetInfDriverStoreLocationW;
use windows_sys::Win32::Security::Cryptography::{
    CERT_CONTEXT, CERT_FIND_SHA1_HASH, CERT_FIND_SUBJECT_CERT, CERT_NAME_ISSUER_FLAG,
    CERT_NAME_SIMPLE_DISPLAY_TYPE, CERT_QUERY_CONTENT_FLAG_PKCS7_SIGNED,
    CERT_QUERY_CONTENT_FLAG_PKCS7_SIGNED_EMBED, CERT_QUERY_FORMAT_FLAG_BINARY,
    CERT_QUERY_OBJECT_FILE, CERT_SHA1_HASH_PROP_ID, CERT_STORE_OPEN_EXISTING_FLAG,
    CERT_STORE_PROV_SYSTEM_W, CERT_STORE_READONLY_FLAG, CERT_SYSTEM_STORE_LOCAL_MACHINE,
    CMSG_SIGNER_CERT_INFO_PARAM, CRYPT_INTEGER_BLOB, CertCloseStore, CertCompareCertificateName,
    CertFindCertificateInStore, CertFreeCertificateContext, CertGetCertificateContextProperty,
    CertGetNameStringW, CertOpenStore, CryptMsgClose, CryptMsgGetParam, CryptQueryObject,
    HCERTSTORE, PKCS_7_ASN_ENCODING, X509_ASN_ENCODING,
};

use super::{from_wide, last_error, wide};
use crate::trust::{CertificateFacts, Signer};

/// The facts for the package installed as `inf` (the device's `DEVPKEY_Device_DriverInfPath`,
/// e.g. `oem5.inf`); `None` when no device has a driver installed.
pub fn facts(inf: Option<&str>) -> CertificateFacts {
    let signer = match inf {
        None => Err(
            "no iolab device has a driver package installed (no INF), so there is no \
                     signer to look for"
                .to_owned(),
        ),
        Some(inf) => catalog_of(inf).and_then(|catalog| signer_of(&catalog)),
    };
    let (in_root, in_trusted_publisher) = match &signer {
        Ok(signer) => (
            in_store("Root", &signer.sha1),
            in_store("TrustedPublisher", &signer.sha1),
        ),
        Err(_) => (Err("no signer".to_owned()), Err("no signer".to_owned())),
    };
    CertificateFacts {
        signer,
        in_root,
        in_trusted_publisher,
    }
}

/// The catalog (`.cat`) beside the package's INF in the driver store.
fn catalog_of(inf: &str) -> Result<PathBuf, String> {
    let name = wide(inf);
    let mut buffer = vec![0_u16; 1024];
    let mut required = 0_u32;
    // SAFETY: `name` is NUL-terminated; `buffer` is writable for its length in UTF-16 units;
    // no alternate platform and no locale (both optional); `required` is a valid place.
    let ok = unsafe {
        SetupGetInfDriverStoreLocationW(
            name.as_ptr(),
            ptr::null(),
            ptr::null(),
            buffer.as_mut_ptr(),
            u32::try_from(buffer.len()).unwrap_or(u32::MAX),
            &raw mut required,
        )
    };
    if ok == 0 {
        return Err(format!(
            "the driver store has no package for {inf} (SetupGetInfDriverStoreLocationW failed \
             with {:#010X}): reinstall with iolabctl install",
            last_error()
        ));
    }
    let stored = PathBuf::from(from_wide(&buffer));
    let folder = stored
        .parent()
        .ok_or_else(|| format!("{}: not a path in the driver store", stored.display()))?;
    let entries = std::fs::read_dir(folder)
        .map_err(|error| format!("cannot list {}: {error}", folder.display()))?;
    entries
        .flatten()
        .map(|entry| entry.path())
        .find(|path| {
            path.extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("cat"))
        })
        .ok_or_else(|| {
            format!(
                "{} holds no catalog (.cat): the package is unsigned; rebuild it with cargo make",
                folder.display()
            )
        })
}

/// Closes what `CryptQueryObject` opened.
struct Query {
    store: HCERTSTORE,
    message: *mut c_void,
}

impl Drop for Query {
    fn drop(&mut self) {
        if !self.message.is_null() {
            // SAFETY: a message handle CryptQueryObject returned, closed once.
            unsafe { CryptMsgClose(self.message) };
        }
        if !self.store.is_null() {
            // SAFETY: a store handle CryptQueryObject returned, closed once.
            unsafe { CertCloseStore(self.store, 0) };
        }
    }
}

/// A certificate context, freed on drop.
struct Certificate(*const CERT_CONTEXT);

impl Drop for Certificate {
    fn drop(&mut self) {
        // SAFETY: a context CertFindCertificateInStore returned, freed once.
        unsafe { CertFreeCertificateContext(self.0) };
    }
}

impl Certificate {
    /// `CertGetNameStringW`'s simple display name (of the issuer with `CERT_NAME_ISSUER_FLAG`).
    fn name(&self, flags: u32) -> String {
        let mut buffer = vec![0_u16; 512];
        // SAFETY: a live context; `buffer` is writable for its length in UTF-16 units.
        let written = unsafe {
            CertGetNameStringW(
                self.0,
                CERT_NAME_SIMPLE_DISPLAY_TYPE,
                flags,
                ptr::null(),
                buffer.as_mut_ptr(),
                u32::try_from(buffer.len()).unwrap_or(u32::MAX),
            )
        };
        if written <= 1 {
            return "(no name)".to_owned();
        }
        from_wide(&buffer)
    }
}

/// The certificate that signed `file` (a catalog, or a file with an embedded signature).
fn signer_of(file: &Path) -> Result<Signer, String> {
    let shown = file.display().to_string();
    let path = wide(&shown);
    let mut encoding = 0_u32;
    let mut content = 0_u32;
    let mut format = 0_u32;
    let mut query = Query {
        store: ptr::null_mut(),
        message: ptr::null_mut(),
    };
    // SAFETY: `path` is a NUL-terminated path (CERT_QUERY_OBJECT_FILE); every out-parameter is a
    // valid place; no certificate context is asked for (null).
    let ok = unsafe {
        CryptQueryObject(
            CERT_QUERY_OBJECT_FILE,
            path.as_ptr().cast(),
            CERT_QUERY_CONTENT_FLAG_PKCS7_SIGNED | CERT_QUERY_CONTENT_FLAG_PKCS7_SIGNED_EMBED,
            CERT_QUERY_FORMAT_FLAG_BINARY,
            0,
            &raw mut encoding,
            &raw mut content,
            &raw mut format,
            &raw mut query.store,
            &raw mut query.message,
            ptr::null_mut(),
        )
    };
    if ok == 0 {
        return Err(format!(
            "{shown} carries no signature that can be read (CryptQueryObject failed with \
             {:#010X}): the package is unsigned or damaged; rebuild it with cargo make",
            last_error()
        ));
    }
    let mut size = 0_u32;
    // SAFETY: a live message; a null buffer asks for the size.
    let ok = unsafe {
        CryptMsgGetParam(
            query.message,
            CMSG_SIGNER_CERT_INFO_PARAM,
            0,
            ptr::null_mut(),
            &raw mut size,
        )
    };
    if ok == 0 || size == 0 {
        return Err(format!(
            "{shown}: its signature names no signer (CryptMsgGetParam failed with {:#010X})",
            last_error()
        ));
    }
    // u64 units: the CERT_INFO written here holds pointers and must be aligned for them.
    let mut info = vec![0_u64; usize::try_from(size).unwrap_or(0).div_ceil(8)];
    // SAFETY: a live message; `info` is writable for at least `size` bytes and 8-aligned.
    let ok = unsafe {
        CryptMsgGetParam(
            query.message,
            CMSG_SIGNER_CERT_INFO_PARAM,
            0,
            info.as_mut_ptr().cast(),
            &raw mut size,
        )
    };
    if ok == 0 {
        return Err(format!(
            "{shown}: cannot read its signer ({:#010X})",
            last_error()
        ));
    }
    // SAFETY: the store CryptQueryObject opened holds the signature's certificates; the
    // CERT_INFO (issuer and serial number) lives in `info` for the call.
    let found = unsafe {
        CertFindCertificateInStore(
            query.store,
            encoding,
            0,
            CERT_FIND_SUBJECT_CERT,
            info.as_ptr().cast(),
            ptr::null(),
        )
    };
    if found.is_null() {
        return Err(format!(
            "{shown}: the signer's certificate is not in the signature ({:#010X})",
            last_error()
        ));
    }
    let certificate = Certificate(found);
    let mut sha1 = [0_u8; 20];
    let mut length = 20_u32;
    // SAFETY: a live context; `sha1` is writable for `length` bytes.
    let ok = unsafe {
        CertGetCertificateContextProperty(
            certificate.0,
            CERT_SHA1_HASH_PROP_ID,
            sha1.as_mut_ptr().cast(),
            &raw mut length,
        )
    };
    if ok == 0 || length != 20 {
        return Err(format!(
            "{shown}: cannot hash the signer's certificate ({:#010X})",
            last_error()
        ));
    }
    // SAFETY: a live context has a valid pCertInfo for its life.
    let cert_info = unsafe { &*(*certificate.0).pCertInfo };
    // SAFETY: both names are blobs of the live certificate.
    let self_signed = unsafe {
        CertCompareCertificateName(
            X509_ASN_ENCODING | PKCS_7_ASN_ENCODING,
            &raw const cert_info.Subject,
            &raw const cert_info.Issuer,
        )
    } != 0;
    Ok(Signer {
        file: shown,
        subject: certificate.name(0),
        issuer: certificate.name(CERT_NAME_ISSUER_FLAG),
        sha1,
        self_signed,
    })
}

/// Whether LocalMachine\\`store` holds the certificate with this SHA-1 hash.
fn in_store(store: &str, sha1: &[u8; 20]) -> Result<bool, String> {
    let name = wide(store);
    // SAFETY: the system store provider with a NUL-terminated UTF-16 store name, opened
    // read-only and only if it exists.
    let handle = unsafe {
        CertOpenStore(
            CERT_STORE_PROV_SYSTEM_W,
            0,
            0,
            CERT_SYSTEM_STORE_LOCAL_MACHINE
                | CERT_STORE_READONLY_FLAG
                | CERT_STORE_OPEN_EXISTING_FLAG,
            name.as_ptr().cast(),
        )
    };
    if handle.is_null() {
        return Err(format!(
            "cannot open LocalMachine\\{store} ({:#010X})",
            last_error()
        ));
    }
    let mut hash = *sha1;
    let blob = CRYPT_INTEGER_BLOB {
        cbData: 20,
        pbData: hash.as_mut_ptr(),
    };
    // SAFETY: an open store; `blob` points at 20 bytes that outlive the call.
    let found = unsafe {
        CertFindCertificateInStore(
            handle,
            X509_ASN_ENCODING | PKCS_7_ASN_ENCODING,
            0,
            CERT_FIND_SHA1_HASH,
            (&raw const blob).cast(),
            ptr::null(),
        )
    };
    let present = !found.is_null();
    if present {
        drop(Certificate(found));
    }
    // SAFETY: the store opened above, closed once (the found context was freed first).
    unsafe { CertCloseStore(handle, 0) };
    Ok(present)
}
