public import Foundation

/// Decides what one inbound event changes: the sender's identity, the conversation it belongs
/// to (opened, continued or reopened), the stored message, the queue, feedback and address
/// answers, deep-link context claims, edits and delivery reports.
///
/// Pure: a snapshot of the rows, the event and its time in; the row changes and the events out.
/// A store loads the snapshot, applies the plan and appends the events in one transaction.
public struct IngestDecision {
    let event: InboundEvent
    let snapshot: IngestSnapshot
    let reopenWindow: TimeInterval
    var identity: Identity
    var changes: [IngestChange] = []
    var events: [EventDraft] = []

    /// Decides the plan for `event`.
    /// - Parameter reopenWindow: how long after resolution a client message reopens a conversation.
    public static func decide(_ event: InboundEvent, _ snapshot: IngestSnapshot, reopenWindow: TimeInterval) -> IngestPlan {
        let sender = SenderIdentityRule.decide(
            event.sender,
            channel: event.channelID,
            stored: snapshot.identity?.identity,
            ids: snapshot.nextIDs,
            at: event.occurredAt
        )
        var decision = IngestDecision(event: event, snapshot: snapshot, reopenWindow: reopenWindow, identity: sender.identity)
        decision.changes = sender.changes
        decision.events = sender.events
        return decision.run()
    }

    private var now: Date { event.occurredAt }

    private mutating func run() -> IngestPlan {
        if let phone = event.sender.phone.flatMap(VerifiedPhoneRule.normalized) {
            changes.append(.setVerifiedPhone(identity.id, phone: phone))
        }
        var conversation: ConversationID?
        var message: MessageID?
        switch event.payload {
        case .message(let externalID, let text, let attachments, _):
            // A "what went wrong?" answer is the feedback comment, not a message that reopens the conversation.
            if let commented = feedbackText(attachments.isEmpty ? text : "") {
                conversation = commented
            } else {
                guard let stored = clientMessage(externalID: externalID, text: text, attachments) else { return duplicate }
                (conversation, message) = stored
            }
        case .buttonPress(let action):
            conversation = buttonPress(action)
        case .unsupported(let kind, let rawJSON):
            let attachment = Attachment(kind: .unsupported, details: ["kind": kind, "raw": rawJSON])
            guard let stored = clientMessage(externalID: nil, text: "", [attachment]) else { return duplicate }
            (conversation, message) = stored
        case .edit(let externalID, let text):
            guard let edited = edit(externalID: externalID, text: text) else { return duplicate }
            (conversation, message) = edited
        case .reachability(let isReachable):
            changes.append(.setReachable(identity.id, isReachable))
            identity.isReachable = isReachable
            events.append(EventDraft(.identityUpdated, at: now, contact: identity.contactID, payload: .identity(identity)))
        case .delivery(let externalID, let state, let reason):
            (conversation, message) = delivery(externalID: externalID, state: state, reason: reason)
        case .opened:
            opened()
        }
        return IngestPlan(
            contactID: identity.contactID,
            identityID: identity.id,
            conversationID: conversation,
            messageID: message,
            changes: changes,
            events: events
        )
    }

    private var duplicate: IngestPlan { .duplicate(contact: identity.contactID, identity: identity.id) }

    // MARK: Client messages

    /// Places a client message in a conversation (opening or reopening one) and stores it;
    /// nil when the message is stored already (a messenger retry under a new delivery key).
    private mutating func clientMessage(
        externalID: String?,
        text: String,
        _ attachments: [Attachment]
    ) -> (ConversationID, MessageID)? {
        if externalID != nil, snapshot.message != nil { return nil }
        let pending = snapshot.identity?.pendingContextKey
        let context = IngestReads.contextKey(event, pendingContextKey: pending)
        if pending != nil { changes.append(.setPendingContext(identity.id, key: nil)) }
        var contextStatus: ContextStatus?
        if let context { contextStatus = claim(context) }
        let placed = place(context: context, status: contextStatus)
        var message = Message(
            id: snapshot.nextIDs.message,
            conversationID: placed.id,
            direction: .inbound,
            author: .client,
            text: text,
            attachments: attachments,
            externalID: externalID,
            createdAt: now
        )
        message.sentiment = Sentiment.classify(text)
        changes.append(.insertClientMessage(message, channel: event.channelID))
        changes.append(.clientWrote(placed.id, at: now, sentiment: message.sentiment))
        events.append(.messageCreated(message, contact: identity.contactID))
        queue(placed, message: message)
        captureAddress(text)
        return (placed.id, message.id)
    }

    /// Where the message goes, with what placing it did.
    private struct Placed {
        var id: ConversationID
        var latest: LatestConversation?
        var status: ConversationStatus
        var opened = false
        var reopened = false
    }

    private mutating func place(context: String?, status contextStatus: ContextStatus?) -> Placed {
        if let latest = snapshot.latest, !autoCloseForbidsReopen(latest),
            ConversationPolicy.placeClientMessage(latest: latest.conversation, now: now, reopenWindow: reopenWindow) == .continueLatest
        {
            var conversation = latest.conversation
            var placed = Placed(id: conversation.id, latest: latest, status: conversation.status)
            var machine = ConversationStateMachine(status: conversation.status)
            if case .changed(let from, let to, let reopened)? = try? machine.handle(.clientMessage) {
                changes.append(.setStatus(conversation.id, to))
                conversation.status = to
                conversation.resolvedAt = nil
                placed.status = to
                placed.reopened = reopened
                let change = StatusChangePayload(conversationID: conversation.id, from: from, to: to, reopened: reopened)
                events.append(.statusChanged(change, contact: identity.contactID, at: now))
                if reopened, latest.autoCloseReopens != nil { changes.append(.forgetAutoClose(conversation.id)) }
            }
            if let context, context != conversation.contextKey {
                conversation.contextKey = context
                changes.append(.setContext(conversation.id, key: context, status: contextStatus))
                events.append(
                    EventDraft(
                        .conversationContextSet,
                        at: now,
                        contact: identity.contactID,
                        conversation: conversation.id,
                        payload: .conversation(conversation)
                    )
                )
            }
            return placed
        }
        let conversation = Conversation(
            id: snapshot.nextIDs.conversation,
            contactID: identity.contactID,
            channelID: event.channelID,
            identityID: identity.id,
            status: .open,
            departmentID: snapshot.channel.defaultDepartmentID,
            contextKey: context,
            openedAt: now,
            lastMessageAt: now
        )
        changes.append(.openConversation(conversation, contextStatus: contextStatus))
        events.append(
            EventDraft(.conversationOpened, at: now, contact: identity.contactID, conversation: conversation.id, payload: .conversation(conversation))
        )
        return Placed(id: conversation.id, latest: nil, status: .open, opened: true)
    }

    /// The automation closed the conversation and said a new message opens a new conversation.
    private func autoCloseForbidsReopen(_ latest: LatestConversation) -> Bool {
        latest.conversation.status == .resolved && latest.autoCloseReopens == false
    }

    /// Claims the context for this identity when it is free (see `ContextClaimRule`).
    private mutating func claim(_ key: String) -> ContextStatus {
        let (status, claims) = ContextClaimRule.decide(key: key, stored: snapshot.context, identity: identity.id, at: now)
        if claims { changes.append(.claimContext(key: key, by: identity.id, at: now)) }
        return status
    }

    private mutating func queue(_ placed: Placed, message: Message) {
        let latest = placed.latest
        let situation = QueueRule.Situation(
            status: placed.status,
            holder: latest?.conversation.assigneeID,
            holderIsOnline: latest?.holderIsOnline ?? false,
            isEscalated: latest?.isEscalated ?? false,
            queuedAt: latest?.queuedAt,
            opened: placed.opened,
            reopened: placed.reopened,
            offersDepartments: snapshot.channel.asksDepartment && snapshot.channel.departmentsExist
        )
        let trigger = Escalation.trigger(in: message.text, words: snapshot.escalationWords)
        let outcome = QueueRule.decide(situation, trigger: trigger, at: now)
        if let holder = outcome.release {
            changes.append(.release(placed.id, previousHolder: holder))
            events.append(.assigned(AssignmentPayload(conversationID: placed.id, from: holder, to: nil), contact: identity.contactID, at: now))
        }
        if outcome.entersQueue { changes.append(.enterQueue(placed.id, at: now)) }
        if outcome.awaitsDepartment { changes.append(.awaitDepartmentChoice(placed.id)) }
        if let escalation = outcome.escalation {
            changes.append(.escalate(placed.id, at: now))
            let departmentID = latest?.conversation.departmentID ?? (placed.opened ? snapshot.channel.defaultDepartmentID : nil)
            let payload = EscalationPayload(
                conversationID: placed.id,
                messageID: message.id,
                trigger: escalation,
                departmentID: departmentID,
                language: event.sender.language
            )
            events.append(
                EventDraft(.conversationEscalated, at: now, contact: identity.contactID, conversation: placed.id, payload: .escalation(payload))
            )
        }
    }

    /// When an operator asked "how should we address you?", the client's next words become the answer.
    private mutating func captureAddress(_ text: String) {
        guard var contact = snapshot.contactAskedForAddress, contact.id == identity.contactID, let name = AddressAnswerRule.name(in: text) else {
            return
        }
        contact.preferredName = name
        changes.append(.setPreferredName(contact.id, name: name))
        events.append(EventDraft(.contactUpdated, at: now, contact: contact.id, payload: .contact(contact)))
    }

    // MARK: Feedback and buttons

    /// Offers a client's text to the feedback of the latest conversation first.
    /// - Returns: the conversation when the text was the feedback comment (and must not become a message).
    private mutating func feedbackText(_ text: String) -> ConversationID? {
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

    private mutating func saveFeedback(_ feedback: ConversationFeedback, _ conversation: ConversationID) {
        changes.append(.saveFeedback(feedback))
        events.append(
            EventDraft(.conversationFeedback, at: now, contact: identity.contactID, conversation: conversation, payload: .feedback(feedback))
        )
    }

    /// A pressed automation button: moves the feedback on when it fits, else a department choice
    /// while the conversation still waits for one; logged either way, never stored as client text.
    private mutating func buttonPress(_ action: String) -> ConversationID? {
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
    /// before the bot was connected) is kept as a message.
    private mutating func edit(externalID: String, text: String) -> (ConversationID, MessageID)? {
        guard var message = snapshot.message else {
            return clientMessage(externalID: externalID, text: text, [])
        }
        changes.append(.editMessage(message.id, previousText: message.text, text: text, at: now))
        message.text = text
        message.editedAt = now
        events.append(
            EventDraft(
                .messageEdited,
                at: now,
                contact: identity.contactID,
                conversation: message.conversationID,
                message: message.id,
                payload: .message(message)
            )
        )
        return (message.conversationID, message.id)
    }

    /// Moves an outbound message's delivery state forward when the messenger reports it.
    private mutating func delivery(externalID: String, state: DeliveryState, reason: String?) -> (ConversationID?, MessageID?) {
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
    private mutating func opened() {
        guard let key = IngestReads.contextKey(event, pendingContextKey: nil) else { return }
        _ = claim(key)
        changes.append(.setPendingContext(identity.id, key: key))
        events.append(EventDraft(.identityUpdated, at: now, contact: identity.contactID, payload: .identity(identity)))
    }
}
