public import Foundation
public import SwitchboardCore

extension PostgresStore {
    public func transition(_ conversationID: ConversationID, _ trigger: ConversationTrigger, at now: Date) async throws -> [Event] {
        try await write { db in
            guard let conversation = try await Self.fetchConversation(db, conversationID) else {
                throw StoreError.notFound("conversation \(conversationID)")
            }
            guard let transition = try StatusTransition.decide(conversation, trigger, at: now) else { return [] }
            try await Self.saveStatus(db, transition.conversation)
            var events = EventAppender(db)
            try await events.append([transition.event])
            return events.appended
        }
    }

    /// Writes a conversation's status and resolution time.
    static func saveStatus(_ db: Session, _ conversation: Conversation) async throws {
        try await db.execute(
            sql: "UPDATE conversations SET status = ?, resolved_at = ? WHERE id = ?",
            arguments: [conversation.status.rawValue, conversation.resolvedAt?.timeIntervalSince1970, conversation.id.rawValue]
        )
    }
}
