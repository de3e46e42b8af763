import Foundation
import SwitchboardCore
import Testing

/// A fresh store seeded through its protocols with one Telegram channel and one operator, plus
/// helpers so the contract cases read as a story. Time never comes from the clock: every date is
/// an offset from `start`.
struct Desk: Sendable {
    let store: ContractStore
    let channel: Channel
    let agent: Operator

    /// The moment every case starts at (2027-01-15 08:00 UTC).
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    /// Runs `body` against a seeded store of `factory`, tearing the store down afterwards.
    static func run(_ factory: StoreFactory, _ body: (Desk) async throws -> Void) async throws {
        let subject = try await factory.make()
        do {
            let channel = try await subject.store.createChannel(
                ChannelDraft(kind: .telegram, name: "support", mode: .poll, persona: Persona(name: "Acme", avatarURL: "https://acme.test/a.png")),
                at: Desk.start
            )
            let agent = try await subject.store.createOperator(OperatorDraft(login: "maria", displayName: "Maria", role: .operator), at: Desk.start)
            try await body(Desk(store: subject.store, channel: channel, agent: agent))
        } catch {
            try await subject.tearDown()
            throw error
        }
        try await subject.tearDown()
    }

    /// `seconds` after `start`.
    func at(_ seconds: TimeInterval) -> Date {
        Self.start.addingTimeInterval(seconds)
    }

    /// An inbound text message from a client.
    func text(
        _ text: String,
        from user: String = "u-1",
        on channel: ChannelID? = nil,
        at date: Date,
        delivery: String? = nil,
        messageID: String? = nil,
        contextKey: String? = nil,
        language: String? = "en",
        phone: String? = nil
    ) -> InboundEvent {
        let key = delivery ?? UUID().uuidString
        return InboundEvent(
            channelID: channel ?? self.channel.id,
            deliveryKey: key,
            sender: SenderProfile(externalID: user, displayName: "Client \(user)", language: language, phone: phone),
            occurredAt: date,
            payload: .message(externalMessageID: messageID ?? "m-\(key)", text: text, attachments: [], contextKey: contextKey)
        )
    }

    /// Any other inbound payload from a client.
    func event(_ payload: InboundEvent.Payload, from user: String = "u-1", on channel: ChannelID? = nil, at date: Date) -> InboundEvent {
        InboundEvent(
            channelID: channel ?? self.channel.id,
            deliveryKey: UUID().uuidString,
            sender: SenderProfile(externalID: user, displayName: "Client \(user)", language: "en"),
            occurredAt: date,
            payload: payload
        )
    }

    /// Ingests an event that must be new, and returns what it did.
    @discardableResult
    func ingestNew(_ event: InboundEvent, sourceLocation: SourceLocation = #_sourceLocation) async throws -> IngestResult {
        guard case .new(let result) = try await store.ingest(event) else {
            Issue.record("expected a new ingest, got a duplicate", sourceLocation: sourceLocation)
            throw StoreError.invalid("duplicate")
        }
        return result
    }

    /// A client writes a text; returns what the ingest did.
    @discardableResult
    func clientWrites(
        _ text: String,
        from user: String = "u-1",
        on channel: ChannelID? = nil,
        at date: Date,
        contextKey: String? = nil
    ) async throws -> IngestResult {
        try await ingestNew(self.text(text, from: user, on: channel, at: date, contextKey: contextKey))
    }

    /// A client writes and so opens (or continues) a conversation; returns its id.
    func conversation(from user: String = "u-1", on channel: ChannelID? = nil, at date: Date) async throws -> ConversationID {
        try #require(try await clientWrites("hello from \(user)", from: user, on: channel, at: date).conversationID)
    }

    /// An operator's reply, queued with its outbox row.
    @discardableResult
    func reply(_ text: String, in conversation: ConversationID, by author: OperatorID? = nil, at date: Date) async throws -> EnqueuedReply {
        try await store.enqueueReply(ReplyDraft(conversationID: conversation, operatorID: author ?? agent.id, text: text), at: date)
    }

    /// Creates another operator.
    func makeOperator(_ login: String, role: OperatorRole = .operator) async throws -> Operator {
        try await store.createOperator(OperatorDraft(login: login, displayName: login.capitalized, role: role), at: Desk.start)
    }

    /// Creates another channel.
    func makeChannel(_ name: String, kind: ChannelKind = .viber) async throws -> Channel {
        try await store.createChannel(ChannelDraft(kind: kind, name: name, mode: .webhook, persona: Persona(name: "Acme \(name)")), at: Desk.start)
    }

    /// The conversation, which must exist.
    func conversationValue(_ id: ConversationID) async throws -> Conversation {
        try #require(try await store.conversation(id))
    }

    /// The texts of a conversation's messages, oldest first.
    func texts(_ id: ConversationID) async throws -> [String] {
        try await store.messages(in: id).map(\.text)
    }

    /// Everything in the event log.
    func log() async throws -> [Event] {
        try await store.events(after: 0, limit: 10_000)
    }
}
