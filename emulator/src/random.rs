//! Fresh identifiers from the operating system's random source.

/// Random bytes. The OS source does not fail on the systems the emulator runs on; if it ever did,
/// carrying on with predictable ids would be worse than stopping.
fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).expect("the operating system's random source failed");
    bytes
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A random (version 4, RFC 4122 variant) UUID in lower case, which the API's id rule accepts.
pub fn uuid_v4() -> String {
    let mut bytes: [u8; 16] = random_bytes();
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let text = hex(&bytes);
    format!(
        "{}-{}-{}-{}-{}",
        &text[0..8],
        &text[8..12],
        &text[12..16],
        &text[16..20],
        &text[20..32]
    )
}

/// A request id: 32 lower-case hex digits, like the gateway's `X-Request-Id`.
pub fn request_id() -> String {
    hex(&random_bytes::<16>())
}

#[cfg(test)]
mod tests {
    use super::*;
    use modelarts_hyper_cluster::validate::{cluster_id, InputValue};

    #[test]
    fn uuids_match_the_api_id_rule_and_differ() {
        let mut seen = std::collections::HashSet::new();
        for _ in 0..1000 {
            let id = uuid_v4();
            assert!(cluster_id(&InputValue::Text(id.clone())).is_ok(), "{id}");
            assert!(seen.insert(id));
        }
    }

    #[test]
    fn request_ids_are_32_hex_digits() {
        let id = request_id();
        assert_eq!(id.len(), 32);
        assert!(id.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
    }
}
