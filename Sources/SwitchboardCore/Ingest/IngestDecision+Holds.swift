public import Foundation

/// Client messages stored without the usual handling: from a banned contact, or from an identity
/// flood control muted.
///
/// Such a message is kept in the sender's latest conversation and marked with its `MessageHold`;
/// the conversation's status, queue place, waiting flag and last activity do not change, so it
/// opens and reopens nothing, moves nothing up a queue, and starts no automation. Reports and
/// queues skip held messages; the inbox shows them (a banned client's under the Banned filter).
extension IngestDecision {
    /// Stores the message as held when the contact is banned or the identity is muted;
    /// nil when it gets the usual handling (counted by flood control).
    mutating func heldMessage(externalID: String?, text: String, _ attachments: [Attachment]) -> (ConversationID, MessageID)? {
        let hold: MessageHold
        let home: ConversationID
        var muteStarts: Date?
        if snapshot.ban != nil {
            hold = .banned
            home = snapshot.latest?.conversation.id ?? snapshot.contactLatest ?? openBannedConversation()
        } else {
            let counted = FloodRule.count(snapshot.identity?.flood, at: now, limits: snapshot.floodLimits)
            changes.append(.setFlood(identity.id, counted.state))
            switch counted.outcome {
            case .normal:
                return nil
            case .muted:
                muteStarts = nil
            case .muteStarts(let until):
                muteStarts = until
            }
            // A muted identity without a conversation yet is handled as usual: something must hold the message.
            guard let latest = snapshot.latest?.conversation.id else { return nil }
            hold = .flood
            home = latest
        }
        let message = Message(
            id: snapshot.nextIDs.message,
            conversationID: home,
            direction: .inbound,
            author: .client,
            text: text,
            attachments: attachments,
            externalID: externalID,
            createdAt: now,
            hold: hold
        )
        changes.append(.insertClientMessage(message, channel: event.channelID))
        events.append(.messageCreated(message, contact: identity.contactID))
        if let until = muteStarts {
            let payload = FloodMutePayload(identityID: identity.id, conversationID: home, mutedUntil: until)
            events.append(EventDraft(.identityMuted, at: now, contact: identity.contactID, conversation: home, payload: .floodMute(payload)))
        }
        return (home, message.id)
    }

    /// A banned contact wrote from an identity that never had a conversation: the message needs one,
    /// so one is created already resolved, with no event that would announce it.
    private mutating func openBannedConversation() -> ConversationID {
        let conversation = Conversation(
            id: snapshot.nextIDs.conversation,
            contactID: identity.contactID,
            channelID: event.channelID,
            identityID: identity.id,
            status: .resolved,
            openedAt: now,
            resolvedAt: now,
            lastMessageAt: now
        )
        changes.append(.openConversation(conversation, contextStatus: nil))
        return conversation.id
    }
}
