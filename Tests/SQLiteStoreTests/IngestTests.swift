import Foundation
import SQLiteStore
import SwitchboardCore
import TestSupport
import Testing

@Suite struct IngestTests {
    @Test func redeliveredInboundEventIsDuplicateAndStoresNothingNew() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.directory.remove() }
        let event = InboundEvents.text("Hello", channel: fixture.channel.id, delivery: "update-1")

        let first = try await fixture.store.ingest(event)
        let inspector = try DatabaseInspector(path: fixture.path)
        let countsAfterFirst = try inspector.ingestCounts()
        let second = try await fixture.store.ingest(event)

        guard case .new(let result) = first else {
            Issue.record("first ingest must be new")
            return
        }
        #expect(second == .duplicate)
        #expect(try inspector.ingestCounts() == countsAfterFirst)
        let messages = try await fixture.store.messages(in: try #require(result.conversationID))
        #expect(messages.map(\.text) == ["Hello"])
    }

    @Test func sameMessageUnderANewDeliveryKeyIsDuplicate() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.directory.remove() }
        _ = try await fixture.store.ingest(InboundEvents.text("Hi", channel: fixture.channel.id, delivery: "a", messageID: "42"))

        let again = try await fixture.store.ingest(InboundEvents.text("Hi", channel: fixture.channel.id, delivery: "b", messageID: "42"))

        #expect(again == .duplicate)
        let inspector = try DatabaseInspector(path: fixture.path)
        #expect(try inspector.count("messages") == 1)
        #expect(try inspector.count("inbound_receipts") == 1)
    }

    @Test func ingestThatFailsMidwayLeavesNoPartialState() async throws {
        // Given a database that refuses message rows, after contact, identity and conversation were written
        let fixture = try await StoreFixture()
        defer { fixture.directory.remove() }
        let inspector = try DatabaseInspector(path: fixture.path)
        try inspector.execute("CREATE TRIGGER fail_message BEFORE INSERT ON messages BEGIN SELECT RAISE(ABORT, 'disk on fire'); END")
        let before = try inspector.ingestCounts()
        let event = InboundEvents.text("Hello", channel: fixture.channel.id, delivery: "update-7")

        // When ingesting fails
        await #expect(throws: (any Error).self) { try await fixture.store.ingest(event) }

        // Then nothing of it remains, and the same delivery is accepted once the fault is gone
        #expect(try inspector.ingestCounts() == before)
        #expect(before.values.allSatisfy { $0 == 0 })
        try inspector.execute("DROP TRIGGER fail_message")
        guard case .new = try await fixture.store.ingest(event) else {
            Issue.record("retry after failure must be new")
            return
        }
        #expect(try inspector.count("messages") == 1)
    }

    @Test func unknownChannelIsRejectedWithoutState() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.directory.remove() }
        await #expect(throws: StoreError.notFound("channel 999")) {
            try await fixture.store.ingest(InboundEvents.text("x", channel: ChannelID(999)))
        }
        #expect(try DatabaseInspector(path: fixture.path).ingestCounts().values.allSatisfy { $0 == 0 })
    }

    @Test func oneContactAndConversationPerClientAndEventsInOrder() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.directory.remove() }
        let channel = fixture.channel.id
        _ = try await fixture.store.ingest(InboundEvents.text("one", channel: channel))
        _ = try await fixture.store.ingest(InboundEvents.text("two", channel: channel))
        _ = try await fixture.store.ingest(InboundEvents.text("hi", channel: channel, from: "u-2", name: "Petro"))

        let events = try await fixture.store.events(after: 0, limit: 100)
        #expect(
            events.map(\.kind) == [
                .contactCreated, .conversationOpened, .messageCreated, .messageCreated, .contactCreated, .conversationOpened, .messageCreated,
            ]
        )
        #expect(events.map(\.seq) == Array(1...7))
        #expect(try await fixture.store.events(after: 5, limit: 100).map(\.seq) == [6, 7])
        #expect(try await fixture.store.latestSeq() == 7)
        #expect(try DatabaseInspector(path: fixture.path).count("conversations") == 2)
    }

    @Test func clientMessageReopensResolvedConversation() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.directory.remove() }
        let first = try await fixture.store.ingest(InboundEvents.text("help", channel: fixture.channel.id))
        guard case .new(let opened) = first, let conversationID = opened.conversationID else {
            Issue.record("expected new")
            return
        }
        _ = try await fixture.store.transition(conversationID, .resolve, at: Date(timeIntervalSince1970: 1_800_000_100))

        let again = try await fixture.store.ingest(
            InboundEvents.text("again", channel: fixture.channel.id, at: Date(timeIntervalSince1970: 1_800_000_200))
        )

        guard case .new(let reopened) = again else {
            Issue.record("expected new")
            return
        }
        #expect(reopened.conversationID == conversationID)
        #expect(reopened.events.map(\.kind) == [.conversationStatusChanged, .messageCreated])
        let conversation = try #require(try await fixture.store.conversation(conversationID))
        #expect(conversation.status == .open)
        #expect(conversation.resolvedAt == nil)
    }

    @Test func refusedTransitionChangesNothing() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.directory.remove() }
        guard case .new(let opened) = try await fixture.store.ingest(InboundEvents.text("x", channel: fixture.channel.id)),
            let id = opened.conversationID
        else {
            Issue.record("expected new")
            return
        }
        let seq = try await fixture.store.latestSeq()

        await #expect(throws: StoreError.refused(RefusedTransition(from: .open, trigger: .reopen))) {
            try await fixture.store.transition(id, .reopen, at: Date())
        }
        #expect(try await fixture.store.latestSeq() == seq)
    }

    @Test func unsupportedUpdateIsStoredAndShownNotDropped() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.directory.remove() }
        let raw = #"{"poll":{"id":"1"}}"#
        let outcome = try await fixture.store.ingest(InboundEvents.event(.unsupported(kind: "poll", rawJSON: raw), channel: fixture.channel.id))

        guard case .new(let result) = outcome, let conversationID = result.conversationID else {
            Issue.record("expected new")
            return
        }
        let message = try #require(try await fixture.store.messages(in: conversationID).first)
        #expect(message.attachments == [Attachment(kind: .unsupported, details: ["kind": "poll", "raw": raw])])
        #expect(result.events.last?.kind == .messageCreated)
    }

    @Test func editUpdatesTheMessageAndKeepsHistory() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.directory.remove() }
        _ = try await fixture.store.ingest(InboundEvents.text("helo", channel: fixture.channel.id, messageID: "5"))
        let edit = InboundEvents.event(.edit(externalMessageID: "5", text: "hello"), channel: fixture.channel.id)

        guard case .new(let result) = try await fixture.store.ingest(edit), let conversationID = result.conversationID else {
            Issue.record("expected new")
            return
        }
        let messages = try await fixture.store.messages(in: conversationID)
        #expect(messages.map(\.text) == ["hello"])
        #expect(messages.first?.editedAt != nil)
        #expect(try DatabaseInspector(path: fixture.path).count("message_edits") == 1)
        #expect(result.events.map(\.kind) == [.messageEdited])
    }

    @Test func blockingTheBotMarksTheIdentityUnreachable() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.directory.remove() }
        guard case .new(let result) = try await fixture.store.ingest(InboundEvents.text("x", channel: fixture.channel.id)) else { return }

        _ = try await fixture.store.ingest(InboundEvents.event(.reachability(isReachable: false), channel: fixture.channel.id))

        #expect(try await fixture.store.identities(of: result.contactID).map(\.isReachable) == [false])
    }

    @Test func contextFromAnOpenedChatIsPinnedToTheFirstConversation() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.directory.remove() }
        _ = try await fixture.store.ingest(InboundEvents.event(.opened(contextKey: "pay-123"), channel: fixture.channel.id))
        #expect(try DatabaseInspector(path: fixture.path).count("conversations") == 0)

        guard case .new(let result) = try await fixture.store.ingest(InboundEvents.text("hi", channel: fixture.channel.id)),
            let id = result.conversationID
        else {
            Issue.record("expected new")
            return
        }

        #expect(try await fixture.store.conversation(id)?.contextKey == "pay-123")
    }
}
