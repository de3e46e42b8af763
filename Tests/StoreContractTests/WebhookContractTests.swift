import Foundation
import SwitchboardCore
import Testing

/// Outgoing webhooks: registration with its audit trail, and the delivery queue that keeps each
/// endpoint's events in order.
@Suite struct WebhookContractTests {
    static let admin = AuditActor(kind: .operator, id: OperatorID(1), name: "Ada")

    func register(_ desk: Desk, _ types: [WebhookEventType] = [.messageIn], url: String = "https://hooks.example/in") async throws -> OutgoingWebhook
    {
        try await desk.store.createOutgoingWebhook(
            OutgoingWebhookDraft(url: url, eventTypes: types, description: "CRM", secretCiphertext: Data([1, 2, 3])),
            by: Self.admin,
            at: desk.at(0)
        )
    }

    func draft(_ webhook: OutgoingWebhook, seq: Int64, _ desk: Desk) -> WebhookDeliveryDraft {
        WebhookDeliveryDraft(webhookID: webhook.id, seq: seq, type: .messageIn, body: #"{"seq":\#(seq)}"#, queuedAt: desk.at(10))
    }

    @Test(arguments: StoreFactory.all)
    func aNewEndpointStartsAfterTheLatestEventAndIsAudited(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            try await desk.clientWrites("before", at: desk.at(0))
            let latest = try await desk.store.latestSeq()

            let webhook = try await register(desk)

            #expect(webhook.startSeq == latest && webhook.enabled && webhook.eventTypes == [.messageIn] && webhook.description == "CRM")
            #expect(try await desk.store.outgoingWebhooks() == [webhook])
            let entry = try #require(try await desk.store.auditEntries(AuditQuery(actionPrefix: "webhook.")).first)
            #expect(entry.action == "webhook.created" && entry.changes["secret"] == .secret)
        }
    }

    @Test(arguments: StoreFactory.all)
    func anEditIsAppliedAndAuditedAndDeleteRemovesTheLog(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let webhook = try await register(desk)
            let edited = try await desk.store.editOutgoingWebhook(
                webhook.id,
                OutgoingWebhookEdit(eventTypes: [.messageIn, .messageOut], enabled: false),
                by: Self.admin,
                at: desk.at(1)
            )
            #expect(edited.eventTypes == [.messageIn, .messageOut] && !edited.enabled)
            #expect(try await desk.store.outgoingWebhook(webhook.id) == edited)
            try await desk.store.enqueueWebhookDeliveries([draft(webhook, seq: 1, desk)], through: 1)

            try await desk.store.deleteOutgoingWebhook(webhook.id, by: Self.admin, at: desk.at(2))

            #expect(try await desk.store.outgoingWebhook(webhook.id) == nil)
            #expect(try await desk.store.webhookDeliveries(webhook.id, limit: 10).isEmpty)
            let actions = try await desk.store.auditEntries(AuditQuery(actionPrefix: "webhook.")).map(\.action)
            #expect(actions == ["webhook.deleted", "webhook.updated", "webhook.created"])
            await #expect(throws: StoreError.self) { try await desk.store.deleteOutgoingWebhook(webhook.id, by: Self.admin, at: desk.at(3)) }
        }
    }

    @Test(arguments: StoreFactory.all)
    func enqueueingMovesTheCursorAndNeverQueuesAnEventTwice(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let webhook = try await register(desk)
            try await desk.store.enqueueWebhookDeliveries([draft(webhook, seq: 3, desk), draft(webhook, seq: 4, desk)], through: 4)
            try await desk.store.enqueueWebhookDeliveries([draft(webhook, seq: 4, desk)], through: 4)

            #expect(try await desk.store.webhookFanOutCursor() == 4)
            let log = try await desk.store.webhookDeliveries(webhook.id, limit: 10)
            #expect(log.map(\.seq) == [4, 3])
            #expect(log.allSatisfy { $0.status == .pending && $0.attempts == 0 && $0.nextAttemptAt == desk.at(10) })
        }
    }

    @Test(arguments: StoreFactory.all)
    func onlyEachEndpointsOldestPendingDeliveryIsDueAndLaterOnesWaitBehindIt(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let first = try await register(desk)
            let second = try await register(desk, url: "https://hooks.example/other")
            try await desk.store.enqueueWebhookDeliveries(
                [draft(first, seq: 3, desk), draft(first, seq: 5, desk), draft(second, seq: 4, desk)],
                through: 5
            )

            let due = try await desk.store.dueWebhookDeliveries(now: desk.at(10))
            #expect(due.map(\.delivery.seq) == [3, 4])
            #expect(due.first?.url == "https://hooks.example/in" && due.first?.secretCiphertext == Data([1, 2, 3]))
            #expect(try await desk.store.dueWebhookDeliveries(now: desk.at(9)).isEmpty)

            // The head fails and is retried later: the endpoint's next delivery still waits.
            let head = try #require(due.first?.delivery)
            try await desk.store.recordWebhookAttempt(
                WebhookAttemptRecord(
                    deliveryID: head.id,
                    webhookID: first.id,
                    status: .pending,
                    attemptedAt: desk.at(10),
                    nextAttemptAt: desk.at(70),
                    error: "HTTP 500",
                    statusCode: 500,
                    responseMillis: 8,
                    disable: nil
                )
            )
            #expect(try await desk.store.dueWebhookDeliveries(now: desk.at(20)).map(\.delivery.seq) == [4])
            #expect(try await desk.store.nextWebhookDue() == desk.at(10))
            let retried = try #require(try await desk.store.webhookDeliveries(first.id, limit: 10).last)
            #expect(retried.attempts == 1 && retried.lastError == "HTTP 500" && retried.lastStatusCode == 500 && retried.responseMillis == 8)
            #expect(try await desk.store.dueWebhookDeliveries(now: desk.at(70)).map(\.delivery.seq) == [3, 4])
        }
    }

    @Test(arguments: StoreFactory.all)
    func aFailedDeliveryDisablesItsEndpointWithTheNoticeAndAResendQueuesItAgain(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let webhook = try await register(desk)
            try await desk.store.enqueueWebhookDeliveries([draft(webhook, seq: 3, desk), draft(webhook, seq: 5, desk)], through: 5)
            let head = try #require(try await desk.store.dueWebhookDeliveries(now: desk.at(10)).first?.delivery)
            let notice = WebhookDisableNotice(
                reason: "gave up",
                audit: AuditEntry(at: desk.at(11), actor: .system, action: "webhook.disabled", target: webhook.auditTarget)
            )

            try await desk.store.recordWebhookAttempt(
                WebhookAttemptRecord(
                    deliveryID: head.id,
                    webhookID: webhook.id,
                    status: .failed,
                    attemptedAt: desk.at(11),
                    nextAttemptAt: nil,
                    error: "connection refused",
                    statusCode: nil,
                    responseMillis: nil,
                    disable: notice
                )
            )

            let disabled = try #require(try await desk.store.outgoingWebhook(webhook.id))
            #expect(!disabled.enabled && disabled.disabledReason == "gave up")
            #expect(try await desk.store.dueWebhookDeliveries(now: desk.at(100)).isEmpty)
            #expect(try await desk.store.nextWebhookDue() == nil)
            #expect(try await desk.store.auditEntries(AuditQuery(actionPrefix: "webhook.disabled")).count == 1)

            let resent = try await desk.store.resendWebhookDelivery(head.id, of: webhook.id, by: Self.admin, at: desk.at(200))
            #expect(resent.status == .pending && resent.queuedAt == desk.at(200) && resent.nextAttemptAt == desk.at(200))
            _ = try await desk.store.editOutgoingWebhook(webhook.id, OutgoingWebhookEdit(enabled: true), by: Self.admin, at: desk.at(201))
            #expect(try await desk.store.outgoingWebhook(webhook.id)?.disabledReason == nil)
            #expect(try await desk.store.dueWebhookDeliveries(now: desk.at(201)).map(\.delivery.seq) == [3])
            // The delivery that waited behind the failed one starts a new retry window when the endpoint is back on.
            let waiting = try #require(try await desk.store.webhookDeliveries(webhook.id, limit: 10).first { $0.seq == 5 })
            #expect(waiting.queuedAt == desk.at(201) && waiting.nextAttemptAt == desk.at(201))
            await #expect(throws: StoreError.self) {
                try await desk.store.resendWebhookDelivery(head.id, of: OutgoingWebhookID(99), by: Self.admin, at: desk.at(202))
            }
        }
    }
}
