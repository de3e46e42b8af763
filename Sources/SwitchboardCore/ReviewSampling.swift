/// Picks the conversations a supervisor reviews: a uniform random sample without repeats.
///
/// The randomness comes in as a seed, so a store never makes the choice and a test can repeat it.
public enum ReviewSampling {
    /// Up to `size` of `candidates`, each subset equally likely, in random order.
    public static func pick<Candidate>(_ candidates: [Candidate], size: Int, seed: UInt64) -> [Candidate] {
        var pool = candidates
        var generator = SplitMix64(seed: seed)
        let count = min(max(size, 0), pool.count)
        // A partial Fisher–Yates shuffle: the first `count` places end up a uniform sample.
        for index in 0..<count {
            pool.swapAt(index, Int.random(in: index..<pool.count, using: &generator))
        }
        return Array(pool.prefix(count))
    }
}

/// A small, fast generator with a 64-bit state (Steele, Lea and Flood's SplitMix64).
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
