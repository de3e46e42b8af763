public import Foundation
import GRDB
public import SwitchboardCore

extension SQLiteStore {
    public func transition(_ conversationID: ConversationID, _ trigger: ConversationTrigger, at now: Date) async throws -> [Event] {
        try await pool.write { db in
            guard let conversation = try Self.fetchConversation(db, conversationID) else {
                throw StoreError.notFound("conversation \(conversationID)")
            }
            var machine = ConversationStateMachine(status: conversation.status)
            let action: ConversationStateMachine.Action
            do throws(RefusedTransition) {
                action = try machine.handle(trigger)
            } catch {
                throw StoreError.refused(error)
            }
            guard case .changed(let from, let to, let reopened) = action else { return [] }
            let resolvedAt: Double? = to == .resolved ? now.timeIntervalSince1970 : nil
            try db.cachedExecute(
                sql: "UPDATE conversations SET status = ?, resolved_at = ? WHERE id = ?",
                arguments: [to.rawValue, resolvedAt, conversationID.rawValue]
            )
            var events = EventAppender(db)
            let change = StatusChangePayload(conversationID: conversationID, from: from, to: to, reopened: reopened)
            try events.append(.conversationStatusChanged, at: now, contact: conversation.contactID, conversation: conversationID, payload: change)
            return events.appended
        }
    }
}
