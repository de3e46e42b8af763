import CurlHTTP
import Foundation
import Logging
import MessengerFakes
import SQLiteStore
import SwitchboardCore
import SwitchboardEngine
import TestSupport
import Testing
import ViberChannel

/// A reply that becomes several `send_message` calls reaches the client once per part, whatever fails in between.
@Suite struct ViberMultipartRetryTests {
    static let token = "4c0ffee5e1f2a3b4-multipart"
    let olena = FakeViber.User(id: "Ol3na==", name: "Olena")

    struct Registry: ChannelAdapterRegistry {
        let adapter: ViberAdapter
        func adapter(for channelID: ChannelID) async -> (any ChannelAdapter)? { adapter }
    }

    /// The real dispatcher and SQLite store sending through the real `ViberAdapter` to the fake Viber.
    struct Harness {
        let viber: FakeViber
        let transport: CurlTransport
        let fixture: StoreFixture
        let clock = ManualWallClock()
        let dispatcher: OutboxDispatcher
        let conversation: ConversationID

        init(user: FakeViber.User) async throws {
            var configuration = FakeViber.Configuration()
            configuration.requireWebhookForSending = false
            viber = try await FakeViber.start(configuration: configuration)
            await viber.addBot(token: ViberMultipartRetryTests.token, name: "Acme", uri: "acme")
            try await viber.addUser(bot: ViberMultipartRetryTests.token, user: user)
            transport = CurlTransport()
            fixture = try await StoreFixture()
            let api = ViberBotAPI(token: ViberMultipartRetryTests.token, baseURL: viber.apiURL.absoluteString, transport: transport)
            dispatcher = OutboxDispatcher(
                store: fixture.store,
                adapters: Registry(adapter: ViberAdapter(api: api)),
                bus: InProcessEventBus(log: fixture.store),
                clock: clock,
                logger: Logger(label: "test"),
                jitter: { 0.5 }
            )
            let event = InboundEvents.text("hello", channel: fixture.channel.id, from: user.id, at: clock.now())
            guard case .new(let result) = try await fixture.store.ingest(event), let id = result.conversationID else {
                throw StoreError.invalid("no conversation")
            }
            conversation = id
        }

        func reply(_ text: String, attachments: [SwitchboardCore.Attachment] = []) async throws -> MessageID {
            let draft = ReplyDraft(conversationID: conversation, operatorID: fixture.agent.id, text: text, attachments: attachments)
            return try await fixture.store.enqueueReply(draft, at: clock.now()).message.id
        }

        func stored(_ id: MessageID) async throws -> Message? {
            try await fixture.store.messages(in: conversation).first { $0.id == id }
        }

        func stop() async {
            await viber.stop()
            transport.shutdown()
            fixture.directory.remove()
        }
    }

    @Test func aRateLimitedSecondPartIsSentOnceAndTheFirstIsNotRepeated() async throws {
        let harness = try await Harness(user: olena)
        defer { Task { await harness.stop() } }
        let text = String(repeating: "word ", count: 1800) + "end"

        // Given Viber answers the second send_message of a 9,000-character reply with "too many requests"
        try await harness.viber.failNext(bot: Self.token, method: "send_message", with: .status(12), after: 1)
        let reply = try await harness.reply(text)
        #expect(try await harness.dispatcher.dispatchDue() == 1)
        #expect(try await harness.stored(reply)?.deliveryState == .queued)

        // When the retry is due
        harness.clock.advance(by: 60)
        #expect(try await harness.dispatcher.dispatchDue() == 1)

        // Then the client got both parts exactly once, in order, and delivered/seen follow the last part
        let sent = await harness.viber.sentMessages(bot: Self.token, receiver: olena.id)
        #expect(sent.count == 2)
        #expect(sent.compactMap(\.text).joined(separator: " ") == text)
        let stored = try #require(try await harness.stored(reply))
        #expect(stored.deliveryState == .sent)
        #expect(stored.externalID == sent.last.map { String($0.messageToken) })
    }

    @Test func aRateLimitedFileAfterItsTextIsSentOnceAndTheTextIsNotRepeated() async throws {
        let harness = try await Harness(user: olena)
        defer { Task { await harness.stop() } }
        let invoice = SwitchboardCore.Attachment(
            kind: .document,
            externalFileID: "https://desk.test/invoice.pdf",
            fileName: "invoice.pdf",
            byteCount: 1234
        )

        // Given Viber refuses the file that follows the text
        try await harness.viber.failNext(bot: Self.token, method: "send_message", with: .status(12), after: 1)
        let reply = try await harness.reply("Here is your invoice", attachments: [invoice])
        #expect(try await harness.dispatcher.dispatchDue() == 1)

        // When the retry is due
        harness.clock.advance(by: 60)
        #expect(try await harness.dispatcher.dispatchDue() == 1)

        // Then the text arrived once, then the file once
        let sent = await harness.viber.sentMessages(bot: Self.token, receiver: olena.id)
        #expect(sent.map(\.type) == ["text", "file"])
        #expect(try await harness.stored(reply)?.deliveryState == .sent)
    }
}
