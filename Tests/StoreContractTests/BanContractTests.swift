import Foundation
import SwitchboardCore
import Testing

/// Bans: stored with their audit entry in one operation, loaded into ingest, and held messages kept out of queues.
@Suite struct BanContractTests {
    static let actor = AuditActor(kind: .operator, id: OperatorID(1), name: "Sofia")

    @Test(arguments: StoreFactory.all)
    func aBanIsStoredAuditedAndHoldsTheNextMessageWithoutTouchingTheConversation(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let conversation = try await desk.conversation(at: desk.at(0))
            let contact = try await desk.conversationValue(conversation).contactID

            let (ban, events) = try await desk.store.setBan(contact, reason: "spam", by: Self.actor, at: desk.at(10))
            #expect(ban == ContactBan(reason: "spam", bannedBy: "Sofia", bannedAt: desk.at(10)))
            #expect(events.map(\.kind) == [.contactUpdated])
            #expect(try await desk.store.ban(of: contact) == ban)
            let before = try await desk.conversationValue(conversation)

            let held = try await desk.ingestNew(desk.text("operator!", at: desk.at(20), delivery: "d-2", messageID: "2"))

            #expect(held.conversationID == conversation)
            #expect(try await desk.store.messages(in: conversation).last?.hold == .banned)
            #expect(held.events.map(\.kind) == [.messageCreated])
            #expect(try await desk.conversationValue(conversation) == before)
            let audit = try await desk.store.auditEntries(AuditQuery(actionPrefix: "contact."))
            #expect(audit.map(\.action) == ["contact.banned"])
        }
    }

    @Test(arguments: StoreFactory.all)
    func liftingABanAuditsOnceAndUnknownContactsAreNotFound(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let conversation = try await desk.conversation(at: desk.at(0))
            let contact = try await desk.conversationValue(conversation).contactID
            _ = try await desk.store.setBan(contact, reason: "spam", by: Self.actor, at: desk.at(1))

            let (lifted, _) = try await desk.store.setBan(contact, reason: nil, by: Self.actor, at: desk.at(2))
            let (again, events) = try await desk.store.setBan(contact, reason: nil, by: Self.actor, at: desk.at(3))

            #expect(lifted == nil && again == nil && events.isEmpty)
            #expect(try await desk.store.auditEntries(AuditQuery(actionPrefix: "contact.")).map(\.action) == ["contact.unbanned", "contact.banned"])
            await #expect(throws: StoreError.notFound("contact 999")) {
                _ = try await desk.store.setBan(ContactID(999), reason: "x", by: Self.actor, at: desk.at(4))
            }
        }
    }
}
