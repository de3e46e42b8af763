public import SwitchboardCore
import Synchronization

/// A channel adapter that answers each send from a script and records every call, for dispatcher tests.
public final class ScriptedAdapter: ChannelAdapter, ChannelAdapterRegistry {
    private let script: Mutex<[Result<DeliveryReceipt, DeliveryFailure>]>
    private let calls = Mutex<[OutboundMessage]>([])

    /// Creates an adapter that plays `script` in order, then succeeds.
    public init(script: [Result<DeliveryReceipt, DeliveryFailure>] = []) {
        self.script = Mutex(script)
    }

    /// Every message the dispatcher handed over, in order.
    public var sent: [OutboundMessage] { calls.withLock { $0 } }

    public func send(_ message: OutboundMessage, resuming progress: DeliveryProgress) async throws -> DeliveryReceipt {
        let count = calls.withLock { calls in
            calls.append(message)
            return calls.count
        }
        let next = script.withLock { $0.isEmpty ? nil : $0.removeFirst() }
        switch next {
        case .success(let receipt): return receipt
        case .failure(let failure): throw failure
        case nil: return DeliveryReceipt(externalMessageID: "ext-\(message.messageID)-\(count)")
        }
    }

    public func adapter(for channelID: ChannelID) async -> (any ChannelAdapter)? { self }
}
