//! A tiny deterministic PRNG (SplitMix64).
//!
//! The corpus must be reproducible across platforms, Rust versions and dependency upgrades, and
//! every document must be derivable from `(seed, index)` alone, so we carry our own generator
//! instead of depending on `rand` (whose streams are not guaranteed stable).

/// The SplitMix64 finaliser: a good 64-bit mixing function, also used to derive sub-seeds.
pub(crate) const fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// SplitMix64 state. Cheap to create, so every document (and every derived name) gets its own.
#[derive(Clone, Debug)]
pub(crate) struct Rng(u64);

impl Rng {
    /// A generator for one `stream` (e.g. a document index) under `seed`; streams are independent.
    pub(crate) fn new(seed: u64, stream: u64) -> Self {
        Rng(mix(seed ^ mix(stream ^ 0xD1B5_4A32_D192_ED03)))
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform-enough integer in `0..n` (the modulo bias is irrelevant for demo text).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        debug_assert!(n > 0);
        ((self.next_u64() >> 11) % n as u64) as usize
    }

    /// Integer in `lo..=hi`.
    pub(crate) fn range(&mut self, lo: u32, hi: u32) -> u32 {
        debug_assert!(lo <= hi);
        lo + self.below((hi - lo + 1) as usize) as u32
    }

    /// True with the given percentage.
    pub(crate) fn chance(&mut self, percent: u32) -> bool {
        self.below(100) < percent as usize
    }

    /// Float in `[0, 1)`.
    pub(crate) fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A random element, by value (phrase banks hold `&'static str` and small tuples).
    pub(crate) fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len())]
    }

    /// A random element, by reference.
    pub(crate) fn pick_ref<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }

    /// `n` distinct elements (fewer if `xs` is shorter), in random order.
    pub(crate) fn pick_distinct<'a, T>(&mut self, xs: &'a [T], n: usize) -> Vec<&'a T> {
        let mut idx: Vec<usize> = (0..xs.len()).collect();
        let n = n.min(xs.len());
        for i in 0..n {
            let j = i + self.below(xs.len() - i);
            idx.swap(i, j);
        }
        idx[..n].iter().map(|&i| &xs[i]).collect()
    }
}
