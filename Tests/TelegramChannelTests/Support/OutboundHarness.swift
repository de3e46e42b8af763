import Foundation
import Logging
import MessengerFakes
import SQLiteStore
import SwitchboardCore
import SwitchboardEngine
import TelegramChannel
import TestSupport

/// The real outbox dispatcher sending through the real `TelegramAdapter` to the fake Telegram.
struct OutboundHarness {
    struct Registry: ChannelAdapterRegistry {
        let adapter: TelegramAdapter
        func adapter(for channelID: ChannelID) async -> (any ChannelAdapter)? { adapter }
    }

    let base: TelegramHarness
    let adapter: TelegramAdapter
    let dispatcher: OutboxDispatcher

    init(
        base: TelegramHarness,
        clock: any WallClock = SystemWallClock(),
        media: (any MediaStore)? = nil,
        options: TelegramAdapter.Options = .init(),
        batchSize: Int = 32,
        store: (any Store)? = nil
    ) {
        self.base = base
        adapter = TelegramAdapter(api: base.api, media: media, options: options)
        var configuration = OutboxDispatcher.Configuration()
        configuration.batchSize = batchSize
        configuration.idlePoll = 0.2
        // Recording retries at once: the manual clock would otherwise hold the round until a test advances it.
        configuration.recordingPolicy = .init(attempts: 3, baseDelay: 0)
        dispatcher = OutboxDispatcher(
            store: store ?? base.fixture.store,
            adapters: Registry(adapter: adapter),
            bus: base.bus,
            clock: clock,
            configuration: configuration,
            logger: base.logs.logger(),
            jitter: { 0.5 }
        )
    }

    /// Opens a conversation with the client in `chatID` (the client wrote first).
    func conversation(chatID: Int64, at date: Date = Date()) async throws -> ConversationID {
        let event = InboundEvents.text("hello", channel: base.channelID, from: String(chatID), at: date)
        guard case .new(let result) = try await base.fixture.store.ingest(event), let id = result.conversationID else {
            throw StoreError.invalid("no conversation")
        }
        return id
    }

    /// Commits an operator reply ("Maria" is the fixture's operator) to the outbox.
    @discardableResult
    func reply(_ text: String, in conversation: ConversationID, attachments: [Attachment] = [], at date: Date = Date()) async throws -> MessageID {
        let draft = ReplyDraft(conversationID: conversation, operatorID: base.fixture.agent.id, text: text, attachments: attachments)
        return try await base.fixture.store.enqueueReply(draft, at: date).message.id
    }

    /// Delivery state and failure reason of a stored reply.
    func state(of id: MessageID, in conversation: ConversationID) async throws -> (DeliveryState?, String?) {
        let message = try await base.fixture.store.messages(in: conversation).first { $0.id == id }
        return (message?.deliveryState, message?.failureReason)
    }
}
