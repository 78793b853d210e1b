//! A Windows `GUID`, laid out like the C struct, printed in registry form.

use core::fmt;

/// A globally unique identifier with the field layout of the Windows `GUID` struct.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Guid {
    /// First 32 bits.
    pub data1: u32,
    /// Next 16 bits.
    pub data2: u16,
    /// Next 16 bits.
    pub data3: u16,
    /// Final 64 bits, in byte order as written.
    pub data4: [u8; 8],
}

impl fmt::Display for Guid {
    /// Registry form: `{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}`, uppercase hex.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{{{:08X}-{:04X}-{:04X}-",
            self.data1, self.data2, self.data3
        )?;
        for (index, byte) in self.data4.iter().enumerate() {
            if index == 2 {
                f.write_str("-")?;
            }
            write!(f, "{byte:02X}")?;
        }
        f.write_str("}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::GUID_DEVINTERFACE_IOLAB;
    use std::string::ToString;

    #[test]
    fn registry_form_of_a_known_guid() {
        // GUID_DEVINTERFACE_DISK
        let disk = Guid {
            data1: 0x53F5_6307,
            data2: 0xB6BF,
            data3: 0x11D0,
            data4: [0x94, 0xF2, 0x00, 0xA0, 0xC9, 0x1E, 0xFB, 0x8B],
        };
        assert_eq!(disk.to_string(), "{53F56307-B6BF-11D0-94F2-00A0C91EFB8B}");
    }

    #[test]
    fn registry_form_pads_with_zeros() {
        let small = Guid {
            data1: 1,
            data2: 2,
            data3: 3,
            data4: [0, 4, 0, 0, 0, 0, 0, 5],
        };
        assert_eq!(small.to_string(), "{00000001-0002-0003-0004-000000000005}");
    }

    #[test]
    fn iolab_interface_guid() {
        assert_eq!(
            GUID_DEVINTERFACE_IOLAB.to_string(),
            "{9B180C53-89B4-4514-9651-3C0257E5FB84}"
        );
    }
}
