import Foundation
import SwitchboardCore

extension DemoHistory {
    /// Plays planned steps through the store's operations, in time order.
    /// - Throws: when the store refuses a step.
    func play(_ steps: [Timed], visits: [Visit]) async throws {
        var conversations: [Int: ConversationID] = [:]
        func conversation(_ visit: Int) throws -> ConversationID {
            guard let id = conversations[visit] else { throw StoreError.invalid("demo history: visit \(visit) has no conversation") }
            return id
        }
        for timed in steps {
            let at = timed.at
            switch timed.step {
            case .presence(let operatorID, let status):
                _ = try await store.setPresence(operatorID, to: status, reason: .manual, at: at)
            case .clientWrites(let visit, let text):
                let key = "history-\(timed.order)"
                let payload = InboundEvent.Payload.message(externalMessageID: key, text: text, attachments: [], contextKey: nil)
                if case .new(let result) = try await store.ingest(event(visits[visit], visit: visit, key: key, at: at, payload: payload)),
                    conversations[visit] == nil
                {
                    conversations[visit] = result.conversationID
                }
            case .transfer(let visit, let department):
                _ = try await store.transfer(try conversation(visit), toDepartment: department, by: nil, note: nil, at: at)
            case .take(let visit, let operatorID):
                _ = try await store.assign(try conversation(visit), to: operatorID, by: operatorID, note: nil, at: at)
            case .reply(let visit, let operatorID, let text):
                _ = try await store.enqueueReply(ReplyDraft(conversationID: try conversation(visit), operatorID: operatorID, text: text), at: at)
                // Delivered at once: the dispatcher has not started yet, and these clients are long gone.
                for item in try await store.claimOutbox(limit: 16, now: at, lease: 60) {
                    _ = try await store.recordDelivery(.sent(item.message.messageID, externalMessageID: nil), at: at)
                }
            case .resolve(let visit):
                _ = try await store.transition(try conversation(visit), .resolve, at: at)
            case .askFeedback(let visit):
                _ = try await store.startFeedback(try conversation(visit), at: at)
            case .press(let visit, let action):
                let key = "history-\(timed.order)"
                _ = try await store.ingest(event(visits[visit], visit: visit, key: key, at: at, payload: .buttonPress(action: action)))
            }
        }
    }

    /// An inbound event from a visit's client (one messenger identity per visit).
    private func event(_ visit: Visit, visit index: Int, key: String, at: Date, payload: InboundEvent.Payload) -> InboundEvent {
        let externalID = visit.channel.kind == .telegram ? String(9_200_000_000 + index) : "demo-history-\(index)"
        return InboundEvent(
            channelID: visit.channel.id,
            deliveryKey: key,
            sender: SenderProfile(externalID: externalID, displayName: visit.name),
            occurredAt: at,
            payload: payload
        )
    }
}
