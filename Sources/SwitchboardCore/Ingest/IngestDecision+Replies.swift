public import Foundation

/// The parts of an ingest decision that answer something the desk sent before: feedback answers,
/// pressed buttons, edits of a client's message, delivery reports, and a client opening the chat.
extension IngestDecision {
    // MARK: Feedback and buttons

    /// Offers a client's text to the feedback of the latest conversation first.
    /// - Returns: the conversation when the text was the feedback comment (and must not become a message).
    mutating func feedbackText(_ text: String) -> ConversationID? {
        guard let latest = snapshot.latest, let feedback = latest.feedback else { return nil }
        switch FeedbackFlow.text(text, on: feedback, at: now) {
        case .notFeedback:
            return nil
        case .skipped(let next):
            saveFeedback(next, latest.conversation.id)
            return nil
        case .captured(let next):
            saveFeedback(next, latest.conversation.id)
            return latest.conversation.id
        }
    }

    mutating func saveFeedback(_ feedback: ConversationFeedback, _ conversation: ConversationID) {
        changes.append(.saveFeedback(feedback))
        events.append(
            EventDraft(.conversationFeedback, at: now, contact: identity.contactID, conversation: conversation, payload: .feedback(feedback))
        )
    }

    /// A pressed automation button: moves the feedback on when it fits, else a department choice
    /// while the conversation still waits for one; logged either way, never stored as client text.
    mutating func buttonPress(_ action: String) -> ConversationID? {
        let latest = snapshot.latest
        var applied = false
        if let latest, let feedback = latest.feedback, let next = FeedbackFlow.press(action, on: feedback, at: now) {
            saveFeedback(next, latest.conversation.id)
            applied = true
        }
        if !applied, let latest, let department = DepartmentChoice.department(in: action), snapshot.pressedDepartmentExists,
            latest.awaitsDepartment, latest.conversation.status != .resolved
        {
            let conversation = latest.conversation
            changes.append(.chooseDepartment(conversation.id, department, at: now))
            let change = DepartmentChangePayload(conversationID: conversation.id, from: conversation.departmentID, to: department)
            events.append(
                EventDraft(
                    .conversationDepartmentChanged,
                    at: now,
                    contact: identity.contactID,
                    conversation: conversation.id,
                    payload: .departmentChange(change)
                )
            )
            applied = true
        }
        let conversation = latest?.conversation.id
        let payload = ButtonPressPayload(conversationID: conversation, action: action, applied: applied)
        events.append(EventDraft(.buttonPressed, at: now, contact: identity.contactID, conversation: conversation, payload: .buttonPress(payload)))
        return conversation
    }

    // MARK: Edits, delivery reports, opened chats

    /// Applies a client's edit, keeping the previous text; an edit of a message never seen (sent
    /// before the bot was connected) is kept as a message; in a group, as context unless it is addressed.
    mutating func edit(externalID: String, text: String) -> (ConversationID, MessageID)? {
        guard var message = snapshot.message else {
            return isAddressed ? clientMessage(externalID: externalID, text: text, []) : contextMessage(externalID: externalID, text: text, [])
        }
        let previousText = message.text
        changes.append(.editMessage(message.id, previousText: previousText, text: text, at: now))
        message.text = text
        message.editedAt = now
        let note = RevisionNote(kind: .edit, previousText: previousText, by: .client, at: now, state: nil)
        events.append(
            EventDraft(
                .messageEdited,
                at: now,
                contact: identity.contactID,
                conversation: message.conversationID,
                message: message.id,
                payload: .revision(MessageRevisionPayload(message: message, revision: note))
            )
        )
        return (message.conversationID, message.id)
    }

    /// Moves an outbound message's delivery state forward when the messenger reports it.
    mutating func delivery(externalID: String, state: DeliveryState, reason: String?) -> (ConversationID?, MessageID?) {
        guard let message = snapshot.message, message.direction == .outbound else {
            // Our "sent" record may still be on its way (the messenger answered the send and called back
            // at once): keep the receipt so recording "sent" applies it instead of losing it.
            if state != .queued && state != .sent {
                changes.append(.keepEarlyReceipt(event.channelID, externalID: externalID, state, reason: reason, at: now))
            }
            return (nil, nil)
        }
        guard let current = message.deliveryState, current.accepts(state) else { return (message.conversationID, message.id) }
        changes.append(.setDelivery(message.id, state, reason: reason))
        let payload = DeliveryPayload(messageID: message.id, conversationID: message.conversationID, state: state, reason: reason)
        events.append(EventDraft(.messageDelivery, at: now, conversation: message.conversationID, message: message.id, payload: .delivery(payload)))
        return (message.conversationID, message.id)
    }

    /// Viber opens a chat before the user writes: the context is claimed now, so no other client
    /// can take it meanwhile, and waits on the identity for the first message.
    mutating func opened() {
        guard let key = IngestReads.contextKey(event, pendingContextKey: nil) else { return }
        _ = claim(key)
        changes.append(.setPendingContext(identity.id, key: key))
        events.append(EventDraft(.identityUpdated, at: now, contact: identity.contactID, payload: .identity(identity)))
    }
}
