//! Property tests: parsing never panics, and built replies always parse back to themselves.

use iolab_protocol::{DriverVersion, INFO_REPLY_SIZE, InfoReply, ProtocolError, Role};
use proptest::prelude::*;
use zerocopy::IntoBytes;

fn any_role() -> impl Strategy<Value = Role> {
    prop_oneof![Just(Role::Function), Just(Role::Filter)]
}

fn any_version() -> impl Strategy<Value = DriverVersion> {
    (any::<u16>(), any::<u16>(), any::<u16>(), any::<u16>()).prop_map(
        |(major, minor, patch, build)| DriverVersion {
            major,
            minor,
            patch,
            build,
        },
    )
}

proptest! {
    #[test]
    fn parse_never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let result = InfoReply::parse(&bytes);
        if bytes.len() != INFO_REPLY_SIZE {
            prop_assert_eq!(
                result,
                Err(ProtocolError::WrongLength { expected: INFO_REPLY_SIZE, actual: bytes.len() })
            );
        }
    }

    #[test]
    fn parse_of_full_size_garbage_is_consistent(bytes in proptest::collection::vec(any::<u8>(), INFO_REPLY_SIZE)) {
        // Whatever parse accepts must serialise back to exactly the bytes it was given.
        if let Ok(reply) = InfoReply::parse(&bytes) {
            prop_assert_eq!(reply.as_bytes(), &bytes[..]);
        }
    }

    #[test]
    fn new_as_bytes_parse_round_trips(role in any_role(), version in any_version()) {
        let reply = InfoReply::new(role, version);
        let parsed = InfoReply::parse(reply.as_bytes());
        prop_assert_eq!(parsed, Ok(reply));
        prop_assert_eq!(parsed.and_then(|r| r.role()), Ok(role));
    }
}
