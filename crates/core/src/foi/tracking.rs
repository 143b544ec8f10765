//! 查询码: the code an applicant uses to follow an application without an account.
//!
//! 80 random bits (well above the 60 the platform promises), written as 16 characters of
//! Crockford's base-32 in four groups (`7K3M-Q9PD-…`): no I, L, O or U, so it can be read out on
//! the phone and typed from paper; reading is forgiving (lower case, missing dashes, O for 0,
//! I/L for 1). Only a hash of the code is stored.

use std::fmt;

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A well-formed 查询码.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct TrackingCode(String);

impl TrackingCode {
    /// Builds a code from 10 random bytes (the caller draws them from the OS generator).
    pub fn from_random(bytes: [u8; 10]) -> TrackingCode {
        let mut bits: u128 = 0;
        for b in bytes {
            bits = (bits << 8) | u128::from(b);
        }
        let chars: String = (0..16).rev().map(|i| ALPHABET[((bits >> (i * 5)) & 31) as usize] as char).collect();
        TrackingCode(chars)
    }

    /// Reads a code as typed.
    pub fn parse(input: &str) -> Option<TrackingCode> {
        let mut out = String::with_capacity(16);
        for c in input.chars() {
            let c = match crate::text::fold_width(c).to_ascii_uppercase() {
                '-' | ' ' => continue,
                'O' => '0',
                'I' | 'L' => '1',
                c => c,
            };
            if !ALPHABET.contains(&(c as u8)) || !c.is_ascii() {
                return None;
            }
            out.push(c);
        }
        (out.len() == 16).then_some(TrackingCode(out))
    }

    /// The canonical 16 characters, without dashes (what is hashed and stored).
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for TrackingCode {
    /// Four groups of four, as printed on the receipt.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = &self.0;
        write!(f, "{}-{}-{}-{}", &s[0..4], &s[4..8], &s[8..12], &s[12..16])
    }
}

impl fmt::Debug for TrackingCode {
    /// Never printed in full into logs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TrackingCode({}…)", &self.0[..4])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn codes_are_grouped_and_read_forgivingly() {
        let c = TrackingCode::from_random([0xFF; 10]);
        assert_eq!(c.to_string(), "ZZZZ-ZZZZ-ZZZZ-ZZZZ");
        let c = TrackingCode::from_random([0; 10]);
        assert_eq!(c.as_str(), "0000000000000000");
        assert_eq!(TrackingCode::parse("oooo-iiii-llll-0000").unwrap().as_str(), "0000111111110000");
        assert!(TrackingCode::parse("ZZZZ-ZZZZ-ZZZZ-ZZZ").is_none());
        assert!(TrackingCode::parse("ZZZZ-ZZZZ-ZZZZ-ZZZU").is_none(), "U is not in the alphabet");
        assert!(!format!("{c:?}").contains("0000000000000000"), "debug output does not leak the code");
    }

    proptest! {
        #[test]
        fn every_code_reads_back(bytes in any::<[u8; 10]>()) {
            let c = TrackingCode::from_random(bytes);
            prop_assert_eq!(TrackingCode::parse(&c.to_string()), Some(c.clone()));
            prop_assert_eq!(TrackingCode::parse(&c.to_string().to_lowercase()), Some(c));
        }

        #[test]
        fn distinct_bytes_give_distinct_codes(a in any::<[u8; 10]>(), b in any::<[u8; 10]>()) {
            prop_assert_eq!(a == b, TrackingCode::from_random(a) == TrackingCode::from_random(b));
        }
    }
}
