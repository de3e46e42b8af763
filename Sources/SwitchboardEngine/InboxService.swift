public import Foundation
public import SwitchboardCore

/// The operator's actions on conversations: each commits through the store, then publishes its events.
public struct InboxService: Sendable {
    let store: any InboxStore
    let bus: any EventBus
    let clock: any WallClock
    let replies: ReplyService
    let adapters: any ChannelAdapterRegistry
    let typingGate = TypingGate()

    /// Creates the service.
    public init(store: any InboxStore, bus: any EventBus, clock: any WallClock, replies: ReplyService, adapters: any ChannelAdapterRegistry) {
        self.store = store
        self.bus = bus
        self.clock = clock
        self.replies = replies
        self.adapters = adapters
    }

    /// Sends a reply; an operator who answers an unassigned conversation takes it first, so the
    /// client never gets a person's words under the bot's persona.
    public func reply(to conversation: ConversationSummary, by viewer: Viewer, text: String, attachments: [Attachment]) async throws -> Message {
        if conversation.assignee == nil {
            await bus.publish(try await store.assign(conversation.id, to: viewer.operatorID, by: viewer.operatorID, note: nil, at: clock.now()))
        }
        return try await replies.send(
            ReplyDraft(conversationID: conversation.id, operatorID: viewer.operatorID, text: text, attachments: attachments)
        )
    }

    /// Stores a private note.
    public func note(on conversationID: ConversationID, by viewer: Viewer, text: String) async throws -> Message {
        let stored = try await store.addNote(conversationID: conversationID, operatorID: viewer.operatorID, text: text, at: clock.now())
        await bus.publish(stored.events)
        return stored.message
    }

    /// Assigns a conversation (take when `assignee` is the viewer, transfer otherwise) if its holder is
    /// still the one the viewer saw.
    /// - Throws: `AssignmentConflict` when someone else got it first.
    public func assign(
        _ conversationID: ConversationID,
        to assignee: OperatorID?,
        expecting expected: HolderExpectation,
        by viewer: Viewer,
        note: String?
    ) async throws {
        let events = try await store.assign(conversationID, to: assignee, expecting: expected, by: viewer.operatorID, note: note, at: clock.now())
        await bus.publish(events)
    }

    /// Applies a lifecycle action (resolve, reopen, pending).
    public func transition(_ conversationID: ConversationID, _ trigger: ConversationTrigger) async throws {
        await bus.publish(try await store.transition(conversationID, trigger, at: clock.now()))
    }

    /// Updates how to address a contact and their notes.
    public func updateContact(_ id: ContactID, preferredName: String??, notes: String?) async throws -> Contact {
        let (contact, events) = try await store.updateContact(id, preferredName: preferredName, notes: notes, at: clock.now())
        await bus.publish(events)
        return contact
    }

    /// Shows "typing…" to the client of a conversation, through its messenger, at most once per
    /// conversation per ``TypingThrottle/interval`` however often the inbox reports typing.
    public func typing(in conversation: ConversationSummary) async throws {
        guard await typingGate.admit(conversation.id, at: clock.now()) else { return }
        guard let stored = try await store.conversation(conversation.id),
            let identity = try await store.identities(of: stored.contactID).first(where: { $0.id == stored.identityID }),
            let adapter = await adapters.adapter(for: stored.channelID)
        else { return }
        await adapter.sendTyping(to: identity.externalID)
    }
}
