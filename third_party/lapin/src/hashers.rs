//! mq patch: hashers for the maps looked up for every frame from the broker, in place of SipHash,
//! whose keyed rounds were a visible part of a consumer's CPU (keys are the broker's and the client's
//! own: channel numbers and consumer tags, not attacker-chosen at scale).

use std::hash::Hasher;

/// A channel number, hashed by one multiplication (Fibonacci hashing).
#[derive(Default)]
pub(crate) struct ChannelIdHasher(u64);

impl Hasher for ChannelIdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.write_u64(self.0.rotate_left(8) ^ u64::from(*byte));
        }
    }

    fn write_u16(&mut self, id: u16) {
        self.write_u64(u64::from(id));
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// A consumer tag (a short string), hashed with FNV-1a.
pub(crate) struct TagHasher(u64);

impl Default for TagHasher {
    fn default() -> Self {
        Self(0xCBF2_9CE4_8422_2325)
    }
}

impl Hasher for TagHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 = (self.0 ^ u64::from(*byte)).wrapping_mul(0x0000_0100_0000_01B3);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{ChannelIdHasher, TagHasher};
    use std::{
        collections::HashMap,
        hash::{BuildHasherDefault, Hash, Hasher},
    };

    fn hash<H: Hasher + Default>(value: impl Hash) -> u64 {
        let mut hasher = H::default();
        value.hash(&mut hasher);
        hasher.finish()
    }

    #[test]
    fn distinct_keys_hash_apart_and_maps_find_them() {
        assert_ne!(hash::<ChannelIdHasher>(1u16), hash::<ChannelIdHasher>(2u16));
        assert_ne!(hash::<TagHasher>("amq.ctag-a"), hash::<TagHasher>("amq.ctag-b"));
        let mut channels: HashMap<u16, u16, BuildHasherDefault<ChannelIdHasher>> = HashMap::default();
        let mut tags: HashMap<String, u16, BuildHasherDefault<TagHasher>> = HashMap::default();
        for id in 0..=2047u16 {
            channels.insert(id, id);
            tags.insert(format!("amq.ctag-{id}"), id);
        }
        assert!((0..=2047u16).all(|id| channels[&id] == id && tags[&format!("amq.ctag-{id}")] == id));
    }
}
