import Foundation
import Logging
import SwitchboardApp
import SwitchboardCore
import SwitchboardEngine
import TestSupport

/// A real SQLite store, a manual clock and the automation with its scheduler, driven step by step.
struct AutomationHarness {
    let fixture: StoreFixture
    let clock: ManualWallClock
    let bus: InProcessEventBus
    let adapter = ScriptedAdapter()
    let dispatcher: OutboxDispatcher
    let automation: AutomationService

    var store: any AppStore { fixture.store }

    init(fixture: StoreFixture? = nil, clock: ManualWallClock = ManualWallClock()) async throws {
        let fixture = if let fixture { fixture } else { try await StoreFixture() }
        self.fixture = fixture
        self.clock = clock
        bus = InProcessEventBus(log: fixture.store)
        dispatcher = OutboxDispatcher(store: fixture.store, adapters: adapter, bus: bus, clock: clock, logger: Logger(label: "test"))
        automation = AutomationService(store: fixture.store, bus: bus, clock: clock, logger: Logger(label: "test"), dispatcher: nil)
    }

    /// The same database opened again by a new process: a new store, bus and automation.
    func restarted() async throws -> AutomationHarness {
        try fixture.store.close()
        let reopened = try StoreFixture(reopening: fixture)
        return try await AutomationHarness(fixture: reopened, clock: clock)
    }

    /// The client writes; the automation then handles what was committed.
    @discardableResult
    func clientWrites(_ text: String, user: String = "u-1", name: String = "Olena", language: String? = "en") async throws -> ConversationID? {
        let event = InboundEvent(
            channelID: fixture.channel.id,
            deliveryKey: UUID().uuidString,
            sender: SenderProfile(externalID: user, displayName: name, language: language),
            occurredAt: clock.now(),
            payload: .message(externalMessageID: UUID().uuidString, text: text, attachments: [], contextKey: nil)
        )
        guard case .new(let result) = try await store.ingest(event) else { return nil }
        try await automation.catchUp()
        return result.conversationID
    }

    /// The client presses one of our buttons.
    func clientPresses(_ action: String, user: String = "u-1") async throws {
        let event = InboundEvent(
            channelID: fixture.channel.id,
            deliveryKey: UUID().uuidString,
            sender: SenderProfile(externalID: user, displayName: "Olena"),
            occurredAt: clock.now(),
            payload: .buttonPress(action: action)
        )
        _ = try await store.ingest(event)
        try await automation.catchUp()
    }

    /// The operator replies.
    func operatorReplies(_ conversation: ConversationID, _ text: String = "Let me check") async throws {
        _ = try await store.enqueueReply(ReplyDraft(conversationID: conversation, operatorID: fixture.agent.id, text: text), at: clock.now())
        try await automation.catchUp()
    }

    /// The operator takes, puts on hold or resolves the conversation.
    func operatorTakes(_ conversation: ConversationID) async throws {
        _ = try await store.assign(conversation, to: fixture.agent.id, by: fixture.agent.id, note: nil, at: clock.now())
        try await automation.catchUp()
    }

    func operatorApplies(_ trigger: ConversationTrigger, to conversation: ConversationID) async throws {
        _ = try await store.transition(conversation, trigger, at: clock.now())
        try await automation.catchUp()
    }

    /// Moves the clock and fires what fell due; returns how many timers fired.
    @discardableResult
    func advance(minutes: Double) async throws -> Int {
        clock.advance(by: minutes * 60)
        let fired = try await automation.scheduler.fireDue()
        try await automation.catchUp()
        return fired
    }

    /// The texts of the bot's messages in a conversation, oldest first.
    func botTexts(_ conversation: ConversationID) async throws -> [String] {
        try await store.messages(in: conversation).filter { $0.author == .bot }.map(\.text)
    }

    func status(_ conversation: ConversationID) async throws -> ConversationStatus? {
        try await store.conversation(conversation)?.status
    }
}
