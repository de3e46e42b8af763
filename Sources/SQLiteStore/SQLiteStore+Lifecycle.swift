public import Foundation
import GRDB
public import SwitchboardCore

extension SQLiteStore {
    public func transition(_ conversationID: ConversationID, _ trigger: ConversationTrigger, at now: Date) async throws -> [Event] {
        try await pool.write { db in
            guard let conversation = try Self.fetchConversation(db, conversationID) else {
                throw StoreError.notFound("conversation \(conversationID)")
            }
            guard let transition = try StatusTransition.decide(conversation, trigger, at: now) else { return [] }
            try Self.saveStatus(db, transition.conversation)
            var events = EventAppender(db)
            try events.append([transition.event])
            return events.appended
        }
    }

    /// Writes a conversation's status and resolution time.
    static func saveStatus(_ db: Database, _ conversation: Conversation) throws {
        try db.cachedExecute(
            sql: "UPDATE conversations SET status = ?, resolved_at = ? WHERE id = ?",
            arguments: [conversation.status.rawValue, conversation.resolvedAt?.timeIntervalSince1970, conversation.id.rawValue]
        )
    }
}
