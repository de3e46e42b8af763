import SwitchboardCore
import Synchronization

/// Forwards to the router and records each delivery key with its outcome, in commit order.
final class RecordingSink: InboundSink {
    let next: any InboundSink
    private let log = Mutex<[(key: String, new: Bool)]>([])
    private let afterCommit = Mutex<(@Sendable (String) -> Void)?>(nil)
    private let failures = Mutex<Int>(0)
    private let calls = Mutex<[[String]]>([])
    private let failingKeys = Mutex<Set<String>>([])

    init(_ next: any InboundSink) {
        self.next = next
    }

    /// Delivery keys that created state, in commit order.
    var newKeys: [String] { log.withLock { $0.filter(\.new).map(\.key) } }
    /// Delivery keys seen again and ignored.
    var duplicateKeys: [String] { log.withLock { $0.filter { !$0.new }.map(\.key) } }

    /// Runs `hook` right after each commit returns, before the caller can acknowledge it.
    func onCommit(_ hook: @escaping @Sendable (String) -> Void) { afterCommit.withLock { $0 = hook } }

    /// Makes the next `count` ingest calls (a whole group each) fail before reaching the store.
    func failNext(_ count: Int) { failures.withLock { $0 = count } }

    /// Makes the event with this delivery key fail the next time it comes, alone in its group.
    func failOnce(_ key: String) { failingKeys.withLock { _ = $0.insert(key) } }

    /// Delivery-key groups handed over in one call (a polled page goes as one), in call order.
    var groups: [[String]] { calls.withLock { $0 } }

    func ingest(_ event: InboundEvent) async throws -> IngestOutcome {
        try await ingest([event])[0].get()
    }

    func ingest(_ events: [InboundEvent]) async -> [Result<IngestOutcome, any Error>] {
        let fail = failures.withLock { remaining in
            guard remaining > 0 else { return false }
            remaining -= 1
            return true
        }
        if fail { return events.map { _ in .failure(StoreError.invalid("injected ingest failure")) } }
        calls.withLock { $0.append(events.map(\.deliveryKey)) }
        let failing = failingKeys.withLock { keys in events.indices.filter { keys.remove(events[$0].deliveryKey) != nil } }
        var passed = await next.ingest(events.indices.filter { !failing.contains($0) }.map { events[$0] })[...]
        let results: [Result<IngestOutcome, any Error>] = events.indices.map { index in
            failing.contains(index) ? .failure(StoreError.invalid("injected failure of one event")) : passed.removeFirst()
        }
        for (event, result) in zip(events, results) {
            guard case .success(let outcome) = result else { continue }
            log.withLock { $0.append((event.deliveryKey, outcome != .duplicate)) }
            afterCommit.withLock { $0 }?(event.deliveryKey)
        }
        return results
    }
}
