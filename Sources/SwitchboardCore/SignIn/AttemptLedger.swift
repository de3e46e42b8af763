public import Foundation

/// Recent mark times per key, in memory, holding at most `capacity` keys: when full, keys with
/// nothing left in the window go first, then the least recently touched one, so an attacker
/// spraying logins or addresses cannot grow memory without bound.
public struct AttemptLedger: Sendable {
    struct Entry: Sendable {
        var times: [Date] = []
        var lastTouched: UInt64 = 0
    }

    let capacity: Int
    let window: TimeInterval
    private var entries: [SignInKey: Entry] = [:]
    private var tick: UInt64 = 0

    /// Creates an empty ledger.
    public init(capacity: Int, window: TimeInterval) {
        self.capacity = max(1, capacity)
        self.window = window
    }

    /// Keys remembered now.
    public var count: Int { entries.count }

    /// The marks of `keys` still inside the window at `now`.
    mutating func marks(of keys: [SignInKey], now: Date) -> [SignInMark] {
        keys.flatMap { key in recent(key, now: now).map { SignInMark(key: key, at: $0) } }
    }

    /// Applies a decision's changes at `now`; marks older than the window are dropped as keys are
    /// read or room is made, so `pruneBefore` needs no pass of its own here.
    mutating func apply(_ changes: SignInChanges, now: Date) {
        for key in changes.clear { entries[key] = nil }
        for mark in changes.remove { remove(mark) }
        for mark in changes.add { add(mark, now: now) }
    }

    private mutating func recent(_ key: SignInKey, now: Date) -> [Date] {
        guard var entry = entries[key] else { return [] }
        entry.times.removeAll { now.timeIntervalSince($0) >= window }
        tick += 1
        entry.lastTouched = tick
        entries[key] = entry
        return entry.times
    }

    private mutating func add(_ mark: SignInMark, now: Date) {
        if entries[mark.key] == nil { makeRoom(now: now) }
        tick += 1
        var entry = entries[mark.key] ?? Entry()
        entry.times.append(mark.at)
        entry.lastTouched = tick
        entries[mark.key] = entry
    }

    /// Takes back one mark (a released reservation).
    private mutating func remove(_ mark: SignInMark) {
        guard var entry = entries[mark.key], let index = entry.times.firstIndex(of: mark.at) else { return }
        entry.times.remove(at: index)
        entries[mark.key] = entry
    }

    private mutating func makeRoom(now: Date) {
        guard entries.count >= capacity else { return }
        let window = self.window
        entries = entries.filter { _, entry in entry.times.contains { now.timeIntervalSince($0) < window } }
        guard entries.count >= capacity, let oldest = entries.min(by: { $0.value.lastTouched < $1.value.lastTouched }) else { return }
        entries[oldest.key] = nil
    }
}
