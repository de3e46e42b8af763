public import Foundation

/// Decides what one inbound event changes: the sender's identity, the conversation it belongs
/// to (opened, continued or reopened), the stored message, the queue, feedback and address
/// answers, deep-link context claims, edits and delivery reports; a later item of a messenger album
/// joins the album's message instead of making one (see `IngestDecision+Albums.swift`).
///
/// Pure: a snapshot of the rows, the event, the analysis of its text and its time in; the row
/// changes and the events out. A store analyses the text first (`InboundTextAnalysis`), then loads
/// the snapshot, applies the plan and appends the events in one transaction.
public struct IngestDecision {
    let event: InboundEvent
    let snapshot: IngestSnapshot
    /// The analysis of the text this event stores as the client's message, made before the transaction.
    let analysis: InboundTextAnalysis
    let reopenWindow: TimeInterval
    var identity: Identity
    var changes: [IngestChange] = []
    var events: [EventDraft] = []

    /// Decides the plan for `event`.
    /// - Parameters:
    ///   - analysis: `InboundTextAnalysis(event, escalation:)` with the desk's escalation words.
    ///   - reopenWindow: how long after resolution a client message reopens a conversation.
    public static func decide(
        _ event: InboundEvent,
        _ snapshot: IngestSnapshot,
        _ analysis: InboundTextAnalysis,
        reopenWindow: TimeInterval
    ) -> IngestPlan {
        let event = StorableText.clean(event)
        if case .chatMigrated(let newExternalID) = event.payload {
            return ChatMigrationRule.decide(event, newExternalID: newExternalID, snapshot)
        }
        let sender = SenderIdentityRule.decide(
            event.sender,
            channel: event.channelID,
            stored: snapshot.identity?.identity,
            ids: snapshot.nextIDs,
            at: event.occurredAt
        )
        var decision = IngestDecision(event: event, snapshot: snapshot, analysis: analysis, reopenWindow: reopenWindow, identity: sender.identity)
        decision.changes = sender.changes
        decision.events = sender.events
        return decision.run()
    }

    var now: Date { event.occurredAt }

    /// The message is for the desk (see `GroupAddressRule`); always true in private chats.
    var isAddressed: Bool {
        GroupAddressRule.isAddressed(event.group, answersEveryGroupMessage: snapshot.channel.answersEveryGroupMessage)
    }

    private mutating func run() -> IngestPlan {
        if let phone = event.sender.phone.flatMap(VerifiedPhoneRule.normalized) {
            changes.append(.setVerifiedPhone(identity.id, phone: phone))
        }
        var conversation: ConversationID?
        var message: MessageID?
        switch event.payload {
        case .message(let externalID, let text, let attachments, _):
            if !isAddressed {
                // Group members talking among themselves: context at most, never an answer to a question of ours.
                if snapshot.message != nil { return duplicate }
                if let stored = contextMessage(externalID: externalID, text: text, attachments) { (conversation, message) = stored }
            } else if let commented = feedbackText(attachments.isEmpty ? text : "") {
                // A "what went wrong?" answer is the feedback comment, not a message that reopens the conversation.
                conversation = commented
            } else if let album = snapshot.album {
                guard let joined = joinAlbum(album, externalID: externalID, text: text, attachments) else { return duplicate }
                (conversation, message) = joined
            } else {
                let items = Self.albumItems(attachments, externalID: externalID, albumKey: event.albumKey)
                guard let stored = clientMessage(externalID: externalID, text: text, items) else { return duplicate }
                (conversation, message) = stored
                if let key = event.albumKey { changes.append(.startAlbum(stored.1, channel: event.channelID, key: key)) }
            }
        case .buttonPress(let action):
            conversation = buttonPress(action)
        case .unsupported(let kind, let rawJSON):
            let attachment = Attachment(kind: .unsupported, details: ["kind": kind, "raw": rawJSON])
            if !isAddressed {
                if let stored = contextMessage(externalID: nil, text: "", [attachment]) { (conversation, message) = stored }
                break
            }
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
        case .chatMigrated:
            // Decided by `ChatMigrationRule` before the sender rule runs.
            break
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
    mutating func clientMessage(
        externalID: String?,
        text: String,
        _ attachments: [Attachment]
    ) -> (ConversationID, MessageID)? {
        if externalID != nil, snapshot.message != nil { return nil }
        if let held = heldMessage(externalID: externalID, text: text, attachments) { return held }
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
            createdAt: now,
            member: event.group?.member
        )
        message.sentiment = analysis.sentiment
        changes.append(.insertClientMessage(message, channel: event.channelID))
        changes.append(.clientWrote(placed.id, at: now, sentiment: message.sentiment))
        events.append(.messageCreated(message, contact: identity.contactID))
        queue(placed, message: message)
        captureAddress()
        return (placed.id, message.id)
    }

    /// A group message not addressed to the bot: kept in the group's latest conversation as context,
    /// without touching its status, queue or waiting time; nil when the group has no conversation.
    mutating func contextMessage(externalID: String?, text: String, _ attachments: [Attachment]) -> (ConversationID, MessageID)? {
        guard let latest = snapshot.latest?.conversation else { return nil }
        let message = Message(
            id: snapshot.nextIDs.message,
            conversationID: latest.id,
            direction: .inbound,
            author: .client,
            text: text,
            attachments: attachments,
            externalID: externalID,
            createdAt: now,
            member: event.group?.member
        )
        changes.append(.insertClientMessage(message, channel: event.channelID))
        events.append(.messageCreated(message, contact: identity.contactID))
        return (latest.id, message.id)
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
    mutating func claim(_ key: String) -> ContextStatus {
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
        let outcome = QueueRule.decide(situation, trigger: analysis.escalation, at: now)
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
    private mutating func captureAddress() {
        guard var contact = snapshot.contactAskedForAddress, contact.id == identity.contactID, let name = analysis.addressAnswer else {
            return
        }
        contact.preferredName = name
        changes.append(.setPreferredName(contact.id, name: name))
        events.append(EventDraft(.contactUpdated, at: now, contact: contact.id, payload: .contact(contact)))
    }
}
