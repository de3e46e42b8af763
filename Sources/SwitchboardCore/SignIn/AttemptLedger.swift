public import Foundation

/// Recent attempt times per key, holding at most `capacity` keys: when full, keys with nothing left in
/// the window go first, then the least recently touched one, so an attacker spraying logins or
/// addresses cannot grow memory without bound.
public struct AttemptLedger: Sendable {
    struct Entry: Sendable {
        var times: [Date] = []
        var lastTouched: UInt64 = 0
        /// Last attempt let through past the slow-down ceiling.
        var lastSpaced: Date?
    }

    let capacity: Int
    let window: TimeInterval
    private var entries: [String: Entry] = [:]
    private var tick: UInt64 = 0

    /// Creates an empty ledger.
    public init(capacity: Int, window: TimeInterval) {
        self.capacity = max(1, capacity)
        self.window = window
    }

    /// Keys remembered now.
    public var count: Int { entries.count }

    /// The times of `key` still inside the window at `now`, oldest first.
    mutating func recent(_ key: String, now: Date) -> [Date] {
        guard var entry = entries[key] else { return [] }
        entry.times.removeAll { now.timeIntervalSince($0) >= window }
        tick += 1
        entry.lastTouched = tick
        entries[key] = entry
        return entry.times
    }

    /// When the key last had an attempt let through past its ceiling.
    func lastSpaced(_ key: String) -> Date? { entries[key]?.lastSpaced }

    /// Records an attempt at `now`.
    mutating func add(_ key: String, at now: Date, spaced: Bool = false) {
        if entries[key] == nil { makeRoom(now: now) }
        tick += 1
        var entry = entries[key] ?? Entry()
        entry.times.append(now)
        entry.lastTouched = tick
        if spaced { entry.lastSpaced = now }
        entries[key] = entry
    }

    /// Takes back one attempt recorded at `time` (a released reservation).
    mutating func remove(_ key: String, at time: Date) {
        guard var entry = entries[key], let index = entry.times.firstIndex(of: time) else { return }
        entry.times.remove(at: index)
        entries[key] = entry
    }

    /// Forgets a key.
    mutating func clear(_ key: String) {
        entries[key] = nil
    }

    private mutating func makeRoom(now: Date) {
        guard entries.count >= capacity else { return }
        let window = self.window
        entries = entries.filter { _, entry in entry.times.contains { now.timeIntervalSince($0) < window } }
        guard entries.count >= capacity, let oldest = entries.min(by: { $0.value.lastTouched < $1.value.lastTouched }) else { return }
        entries[oldest.key] = nil
    }
}
