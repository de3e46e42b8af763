import SwitchboardCore
import Synchronization

/// Forwards to the router and records each delivery key with its outcome, in commit order.
final class RecordingSink: InboundSink {
    let next: any InboundSink
    private let log = Mutex<[(key: String, new: Bool)]>([])
    private let afterCommit = Mutex<(@Sendable (String) -> Void)?>(nil)
    private let failures = Mutex<Int>(0)

    init(_ next: any InboundSink) {
        self.next = next
    }

    /// Delivery keys that created state, in commit order.
    var newKeys: [String] { log.withLock { $0.filter(\.new).map(\.key) } }
    /// Delivery keys seen again and ignored.
    var duplicateKeys: [String] { log.withLock { $0.filter { !$0.new }.map(\.key) } }

    /// Runs `hook` right after each commit returns, before the caller can acknowledge it.
    func onCommit(_ hook: @escaping @Sendable (String) -> Void) { afterCommit.withLock { $0 = hook } }

    /// Makes the next `count` ingests fail before reaching the store.
    func failNext(_ count: Int) { failures.withLock { $0 = count } }

    func ingest(_ event: InboundEvent) async throws -> IngestOutcome {
        let fail = failures.withLock { remaining in
            guard remaining > 0 else { return false }
            remaining -= 1
            return true
        }
        if fail { throw StoreError.invalid("injected ingest failure") }
        let outcome = try await next.ingest(event)
        log.withLock { $0.append((event.deliveryKey, outcome != .duplicate)) }
        afterCommit.withLock { $0 }?(event.deliveryKey)
        return outcome
    }
}
