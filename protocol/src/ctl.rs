//! Building and taking apart Windows I/O control codes (the `CTL_CODE` macro of `devioctl.h`).
//!
//! Layout of a code: bits 31..16 device type, 15..14 required access, 13..2 function, 1..0
//! transfer method.

/// The I/O manager copies input and output through one system buffer.
pub const METHOD_BUFFERED: u32 = 0;
/// Input buffered, output buffer described by an MDL for the device to read.
pub const METHOD_IN_DIRECT: u32 = 1;
/// Input buffered, output buffer described by an MDL for the device to write.
pub const METHOD_OUT_DIRECT: u32 = 2;
/// The driver receives the caller's raw user-mode pointers.
pub const METHOD_NEITHER: u32 = 3;

/// Any handle to the device may send the request.
pub const FILE_ANY_ACCESS: u32 = 0;
/// The handle must have been opened with read access.
pub const FILE_READ_ACCESS: u32 = 1;
/// The handle must have been opened with write access.
pub const FILE_WRITE_ACCESS: u32 = 2;

/// Builds an I/O control code, exactly as the `CTL_CODE` macro does.
///
/// `device_type` fits in 16 bits, `function` in 12, `method` and `access` in 2; bits beyond that
/// would spill into the neighbouring fields, as they do in C.
#[must_use]
pub const fn ctl_code(device_type: u32, function: u32, method: u32, access: u32) -> u32 {
    (device_type << 16) | (access << 14) | (function << 2) | method
}

/// The device type of a control code (bits 31..16; `DEVICE_TYPE_FROM_CTL_CODE`).
#[must_use]
pub const fn device_type_of(code: u32) -> u32 {
    code >> 16
}

/// The function number of a control code (bits 13..2).
#[must_use]
pub const fn function_of(code: u32) -> u32 {
    (code >> 2) & 0x0FFF
}

/// The transfer method of a control code (bits 1..0; `METHOD_FROM_CTL_CODE`).
#[must_use]
pub const fn method_of(code: u32) -> u32 {
    code & 0b11
}

/// The access a handle needs to send a control code (bits 15..14).
#[must_use]
pub const fn access_of(code: u32) -> u32 {
    (code >> 14) & 0b11
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE_DEVICE_DISK: u32 = 0x07;
    const FILE_DEVICE_FILE_SYSTEM: u32 = 0x09;
    const IOCTL_STORAGE_BASE: u32 = 0x2D;

    #[test]
    fn builds_known_windows_codes() {
        // IOCTL_DISK_GET_DRIVE_GEOMETRY
        assert_eq!(
            ctl_code(FILE_DEVICE_DISK, 0, METHOD_BUFFERED, FILE_ANY_ACCESS),
            0x0007_0000
        );
        // FSCTL_GET_RETRIEVAL_POINTERS
        assert_eq!(
            ctl_code(FILE_DEVICE_FILE_SYSTEM, 28, METHOD_NEITHER, FILE_ANY_ACCESS),
            0x0009_0073
        );
        // IOCTL_DISK_SET_DRIVE_LAYOUT
        assert_eq!(
            ctl_code(
                FILE_DEVICE_DISK,
                0x004,
                METHOD_BUFFERED,
                FILE_READ_ACCESS | FILE_WRITE_ACCESS
            ),
            0x0007_C010
        );
        // IOCTL_STORAGE_QUERY_PROPERTY
        assert_eq!(
            ctl_code(IOCTL_STORAGE_BASE, 0x500, METHOD_BUFFERED, FILE_ANY_ACCESS),
            0x002D_1400
        );
        // FSCTL_READ_USN_JOURNAL: (9, 46, NEITHER, ANY)
        assert_eq!(
            ctl_code(FILE_DEVICE_FILE_SYSTEM, 46, METHOD_NEITHER, FILE_ANY_ACCESS),
            0x0009_00BB
        );
    }

    #[test]
    fn decodes_known_windows_codes() {
        let retrieval_pointers = 0x0009_0073;
        assert_eq!(device_type_of(retrieval_pointers), FILE_DEVICE_FILE_SYSTEM);
        assert_eq!(function_of(retrieval_pointers), 28);
        assert_eq!(method_of(retrieval_pointers), METHOD_NEITHER);
        assert_eq!(access_of(retrieval_pointers), FILE_ANY_ACCESS);

        let set_drive_layout = 0x0007_C010;
        assert_eq!(device_type_of(set_drive_layout), FILE_DEVICE_DISK);
        assert_eq!(function_of(set_drive_layout), 4);
        assert_eq!(method_of(set_drive_layout), METHOD_BUFFERED);
        assert_eq!(
            access_of(set_drive_layout),
            FILE_READ_ACCESS | FILE_WRITE_ACCESS
        );

        // IOCTL_DISK_GET_DRIVE_GEOMETRY_EX = CTL_CODE(7, 0x28, BUFFERED, ANY)
        let geometry_ex = 0x0007_00A0;
        assert_eq!(device_type_of(geometry_ex), FILE_DEVICE_DISK);
        assert_eq!(function_of(geometry_ex), 0x28);
        assert_eq!(method_of(geometry_ex), METHOD_BUFFERED);
        assert_eq!(access_of(geometry_ex), FILE_ANY_ACCESS);
    }

    #[test]
    fn every_method_and_access_round_trips() {
        for method in [
            METHOD_BUFFERED,
            METHOD_IN_DIRECT,
            METHOD_OUT_DIRECT,
            METHOD_NEITHER,
        ] {
            for access in [FILE_ANY_ACCESS, FILE_READ_ACCESS, FILE_WRITE_ACCESS, 3] {
                for (device_type, function) in [(0, 0), (0xFFFF, 0xFFF), (0x8A1B, 0x801)] {
                    let code = ctl_code(device_type, function, method, access);
                    assert_eq!(device_type_of(code), device_type);
                    assert_eq!(function_of(code), function);
                    assert_eq!(method_of(code), method);
                    assert_eq!(access_of(code), access);
                }
            }
        }
    }
}
