public import Foundation
public import Logging
public import SwitchboardCore

/// Cross-channel continuity: link codes and phone matches after ingest, merges, and the bot's own messages.
public struct ContinuityService: Sendable {
    let store: any InboxStore
    let bus: any EventBus
    let clock: any WallClock
    let dispatcher: OutboxDispatcher?
    let autoLinkByPhone: Bool
    let logger: Logger

    /// Creates the service.
    /// - Parameter autoLinkByPhone: merge contacts sharing a verified phone at once instead of offering it.
    public init(
        store: any InboxStore,
        bus: any EventBus,
        clock: any WallClock,
        dispatcher: OutboxDispatcher?,
        autoLinkByPhone: Bool,
        logger: Logger
    ) {
        self.store = store
        self.bus = bus
        self.clock = clock
        self.dispatcher = dispatcher
        self.autoLinkByPhone = autoLinkByPhone
        self.logger = logger
    }

    /// Issues a one-time code for the conversation's identity and sends it to the client there.
    public func sendLinkCode(in conversationID: ConversationID) async throws {
        guard let conversation = try await store.conversation(conversationID) else { throw StoreError.notFound("conversation \(conversationID)") }
        var generator = SystemRandomNumberGenerator()
        var code = LinkCodeRules.format(generator.next())
        for attempt in 1...5 {
            do {
                try await store.issueLinkCode(code, for: conversation.identityID, at: clock.now(), lifetime: LinkCodeRules.lifetime)
                break
            } catch StoreError.conflict where attempt < 5 {
                code = LinkCodeRules.format(generator.next())
            }
        }
        try await sendBot(BotTexts.linkCode(code, language: try await language(of: conversation)), in: conversationID)
    }

    /// Sends the client a button that shares their phone number (Telegram), or asks for it in words.
    public func requestPhone(in conversationID: ConversationID) async throws {
        guard let conversation = try await store.conversation(conversationID) else { throw StoreError.notFound("conversation \(conversationID)") }
        try await sendBot(BotTexts.sharePhone(language: try await language(of: conversation)), in: conversationID, requestPhone: true)
    }

    /// Merges `source` into `target` and publishes the change.
    public func merge(into target: ContactID, from source: ContactID, reason: MergeReason, by operatorID: OperatorID?) async throws -> ContactMerge {
        let (merge, events) = try await store.mergeContacts(into: target, from: source, reason: reason, by: operatorID, at: clock.now())
        await bus.publish(events)
        return merge
    }

    /// Undoes a merge and publishes the change.
    public func undoMerge(_ id: Int64) async throws -> ContactMerge {
        let (merge, events) = try await store.undoMerge(id, at: clock.now())
        await bus.publish(events)
        return merge
    }

    /// Replaces a contact's labels and publishes the change.
    public func setLabels(_ labels: [String], onContact contactID: ContactID) async throws {
        await bus.publish(try await store.setLabels(labels, onContact: contactID, at: clock.now()))
    }

    /// Replaces a conversation's labels and publishes the change.
    public func setLabels(_ labels: [String], onConversation conversationID: ConversationID) async throws {
        await bus.publish(try await store.setLabels(labels, onConversation: conversationID, at: clock.now()))
    }

    func sendBot(_ text: String, in conversationID: ConversationID, requestPhone: Bool = false) async throws {
        let enqueued = try await store.enqueueBotMessage(in: conversationID, text: text, requestPhone: requestPhone, at: clock.now())
        await bus.publish(enqueued.events)
        dispatcher?.wake()
    }

    func language(of conversation: Conversation) async throws -> String? {
        let identity = try await store.identities(of: conversation.contactID).first { $0.id == conversation.identityID }
        if let language = identity?.language { return language }
        return try await store.contact(conversation.contactID)?.language
    }
}

extension ContinuityService: IngestFollowUp {
    public func handle(_ event: InboundEvent, _ result: IngestResult) async throws {
        if event.sender.phone != nil, autoLinkByPhone {
            var survivor = result.contactID
            for match in try await store.phoneMatches(of: result.contactID) {
                let target = min(match.id, survivor)
                _ = try await merge(into: target, from: max(match.id, survivor), reason: .phone, by: nil)
                survivor = target
            }
        }
        guard case .message(_, let text, _, _) = event.payload, let conversationID = result.conversationID else { return }
        if LinkCodeRules.isLinkCommand(text) {
            try await sendLinkCode(in: conversationID)
        } else if let code = LinkCodeRules.code(in: text) {
            let (outcome, events) = try await store.redeemLinkCode(code, by: result.identityID, at: clock.now())
            await bus.publish(events)
            let language = event.sender.language
            switch outcome {
            case .linked, .alreadyLinked: try await sendBot(BotTexts.linked(language: language), in: conversationID)
            case .wrongCode: try await sendBot(BotTexts.wrongCode(language: language), in: conversationID)
            case .rateLimited: try await sendBot(BotTexts.tooManyAttempts(language: language), in: conversationID)
            case .notACode: break
            }
        }
    }
}
