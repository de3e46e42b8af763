public import SwitchboardCore

extension InboxService {
    /// Posts a message from one of the company's systems through its API key: stored (author bot,
    /// signed with the key's bot name) before anything is sent, published, then sent by the dispatcher.
    /// Unlike an operator's reply it assigns no one: no person wrote it.
    /// - Throws: `StoreError` for an unknown conversation.
    public func post(by key: APIKey, in conversation: ConversationSummary, text: String, attachments: [Attachment]) async throws -> Message {
        let enqueued = try await store.enqueueKeyMessage(in: conversation.id, apiKeyID: key.id, text: text, attachments: attachments, at: clock.now())
        await bus.publish(enqueued.events)
        replies.dispatcher?.wake()
        return enqueued.message
    }
}
