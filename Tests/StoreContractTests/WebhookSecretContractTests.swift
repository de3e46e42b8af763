import Foundation
import SwitchboardCore
import Testing

/// An endpoint's secret can be read back sealed and replaced by an edit, which the sender then
/// uses; and an endpoint can be registered turned off. Both serve the desk's webhooks manifest.
@Suite struct WebhookSecretContractTests {
    static let admin = AuditActor.manifest("/etc/switchboard/webhooks.yaml")

    @Test(arguments: StoreFactory.all)
    func aNewSecretReplacesTheStoredOneForTheSenderAndIsAuditedWithoutItsValue(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let webhook = try await desk.store.createOutgoingWebhook(
                OutgoingWebhookDraft(
                    url: "https://hooks.example/in",
                    eventTypes: [.messageIn],
                    description: "crm",
                    secretCiphertext: Data([1, 2, 3])
                ),
                by: Self.admin,
                at: desk.at(0)
            )
            #expect(try await desk.store.outgoingWebhookSecret(webhook.id) == Data([1, 2, 3]))

            let edited = try await desk.store.editOutgoingWebhook(
                webhook.id,
                OutgoingWebhookEdit(secretCiphertext: Data([9, 9])),
                by: Self.admin,
                at: desk.at(1)
            )

            #expect(edited == webhook)
            #expect(try await desk.store.outgoingWebhookSecret(webhook.id) == Data([9, 9]))
            try await desk.store.enqueueWebhookDeliveries(
                [WebhookDeliveryDraft(webhookID: webhook.id, seq: 1, type: .messageIn, body: "{}", queuedAt: desk.at(2))],
                through: 1
            )
            #expect(try await desk.store.dueWebhookDeliveries(now: desk.at(3)).map(\.secretCiphertext) == [Data([9, 9])])
            let entry = try #require(try await desk.store.auditEntries(AuditQuery(actionPrefix: "webhook.updated")).first)
            #expect(entry.changes == ["secret": .secret] && entry.actor == Self.admin)
            #expect(try await desk.store.outgoingWebhookSecret(OutgoingWebhookID(webhook.id.rawValue + 1)) == nil)
        }
    }

    @Test(arguments: StoreFactory.all)
    func anEndpointRegisteredOffGetsNothingQueuedAsDueAndSaysSoInTheAudit(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let webhook = try await desk.store.createOutgoingWebhook(
                OutgoingWebhookDraft(url: "https://hooks.example/in", eventTypes: [.messageIn], secretCiphertext: Data([1]), enabled: false),
                by: Self.admin,
                at: desk.at(0)
            )

            #expect(!webhook.enabled)
            try await desk.store.enqueueWebhookDeliveries(
                [WebhookDeliveryDraft(webhookID: webhook.id, seq: 1, type: .messageIn, body: "{}", queuedAt: desk.at(1))],
                through: 1
            )
            #expect(try await desk.store.dueWebhookDeliveries(now: desk.at(2)).isEmpty)
            let entry = try #require(try await desk.store.auditEntries(AuditQuery(actionPrefix: "webhook.created")).first)
            #expect(entry.changes["enabled"] == AuditChange(from: .null, to: .bool(false)))
        }
    }
}
