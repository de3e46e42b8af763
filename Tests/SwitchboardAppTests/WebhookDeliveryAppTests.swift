import Foundation
import Logging
import Secrets
import SwitchboardApp
import SwitchboardCore
import SwitchboardEngine
import TestSupport
import Testing

/// Outgoing webhooks end to end: the real dispatcher loop on a test clock, the real curl sender,
/// and a receiver on 127.0.0.1.
@Suite struct WebhookDeliveryAppTests {
    /// A server's parts on a manual clock with its webhook dispatcher running, and nothing else.
    struct Harness {
        let switchboard: Switchboard
        let clock: ManualWallClock
        let channel: SwitchboardCore.Channel

        static func run(_ body: (Harness) async throws -> Void) async throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            // The receiver is on 127.0.0.1, which only this setting lets a webhook reach.
            let config = AppConfig(port: 0, databasePath: directory.path("switchboard.sqlite"), logLevel: .error, webhooksAllowPrivate: true)
            let clock = ManualWallClock()
            let switchboard = try Switchboard(config: config, logger: Logger(label: "test"), clock: clock)
            try await switchboard.silenceAutomation()
            let channel = try await switchboard.store.createChannel(
                ChannelDraft(kind: .telegram, name: "support", mode: .poll, persona: Persona(name: "Acme")),
                at: clock.now()
            )
            let dispatcher = Task { try await switchboard.webhookDispatcher.run() }
            defer { dispatcher.cancel() }
            try await body(Harness(switchboard: switchboard, clock: clock, channel: channel))
        }

        /// Waits until `condition` holds, moving the test clock a minute at a time so retries fall due.
        func advancing(by step: TimeInterval = 60, _ what: String, until condition: () async throws -> Bool) async throws {
            try await eventually(timeout: .seconds(60), what) {
                if try await condition() { return true }
                clock.advance(by: step)
                return false
            }
        }

        /// A client writes, an operator takes the conversation, answers and resolves it.
        func conversationLife() async throws {
            let agent = try await switchboard.store.createOperator(
                OperatorDraft(login: "maria", displayName: "Maria", role: .operator),
                at: clock.now()
            )
            let outcome = try await switchboard.router.ingest(InboundEvents.text("Where is my order?", channel: channel.id, at: clock.now()))
            guard case .new(let result) = outcome, let conversation = result.conversationID else { throw StoreError.invalid("not ingested") }
            try await switchboard.inbox.assign(
                conversation,
                to: agent.id,
                expecting: .anyone,
                by: Viewer(operatorID: agent.id, role: .operator),
                note: nil
            )
            _ = try await switchboard.replies.send(ReplyDraft(conversationID: conversation, operatorID: agent.id, text: "On its way!"))
            try await switchboard.inbox.transition(conversation, .resolve)
        }
    }

    static let allTypes = WebhookEventType.allCases.map(\.rawValue)
    /// The test moves its clock a minute at a time while a request is on the wire, so the
    /// receiver's view of "now" may be a few minutes past the signature's `t`.
    static let tolerance: TimeInterval = 3600

    @Test func aReceiverGetsAConversationsLifeInOrderSignedAndOnceEachDespiteTwoErrors() async throws {
        try await Harness.run { harness in
            // Given a receiver that answers 500 to its first two requests
            let receiver = try await WebhookReceiver.start(now: { harness.clock.now() }) { index in index < 2 ? 500 : 204 }
            let created = try await harness.switchboard.webhookAdmin.create(
                url: receiver.url,
                eventTypes: Self.allTypes,
                description: "CRM",
                by: .cli(user: nil)
            )

            // When a conversation lives its life
            try await harness.conversationLife()

            // Then the receiver ends with each event accepted once, in order
            try await harness.advancing("five accepted deliveries") { receiver.requests.filter { $0.status == 204 }.count == 5 }
            let requests = receiver.requests
            let bodies = try requests.map { try WebhookBody.decode($0.body) }
            let accepted = zip(requests, bodies).filter { $0.0.status == 204 }.map(\.1)
            #expect(accepted.map(\.type) == [.conversationOpened, .messageIn, .conversationAssigned, .messageOut, .conversationResolved])
            #expect(zip(accepted, accepted.dropFirst()).allSatisfy { $0.seq < $1.seq })
            #expect(requests.count == 7)
            #expect(bodies.prefix(3).allSatisfy { $0.seq == accepted[0].seq }, "the first event is retried before any later one is sent")
            #expect(accepted[1].data.text == "Where is my order?" && accepted[3].data.text == "On its way!")
            let key = Data(created.secret.utf8)
            for request in requests {
                let header = try #require(request.signature)
                #expect(
                    WebhookSignature.verify(header: header, body: request.body, now: request.at, tolerance: Self.tolerance) {
                        MessageAuthentication.hmacSHA256(key: key, message: $0)
                    }
                )
                #expect(
                    !WebhookSignature.verify(header: header, body: request.body, now: request.at, tolerance: Self.tolerance) {
                        MessageAuthentication.hmacSHA256(key: Data("wrong".utf8), message: $0)
                    }
                )
            }

            // And the log shows the retried delivery with its attempts
            try await eventually("the log records the last delivery") {
                try await harness.switchboard.store.webhookDeliveries(created.webhook.id, limit: 10).allSatisfy { $0.status == .delivered }
            }
            let log = try await harness.switchboard.store.webhookDeliveries(created.webhook.id, limit: 10)
            #expect(log.map(\.attempts) == [1, 1, 1, 1, 3])
            #expect(log.allSatisfy { $0.responseMillis != nil && $0.lastStatusCode == 204 })
            #expect(try await harness.switchboard.store.outgoingWebhook(created.webhook.id)?.enabled == true)
            await receiver.stop()
        }
    }

    @Test func aReceiverDownForADayEndsFailedAndItsEndpointIsDisabledWithANotice() async throws {
        try await Harness.run { harness in
            // Given an endpoint nothing listens on (port 1 refuses connections)
            let created = try await harness.switchboard.webhookAdmin.create(
                url: "http://127.0.0.1:1/hook",
                eventTypes: ["conversation.opened"],
                description: nil,
                by: .cli(user: nil)
            )
            let start = harness.clock.now()

            // When a conversation opens and a simulated day and more goes by
            try await harness.conversationLife()
            try await harness.advancing(by: 600, "the delivery failed") {
                try await harness.switchboard.store.webhookDeliveries(created.webhook.id, limit: 10).first?.status == .failed
            }

            // Then the delivery failed after a day of attempts, with its log
            let delivery = try #require(try await harness.switchboard.store.webhookDeliveries(created.webhook.id, limit: 10).first)
            let lastAttempt = try #require(delivery.lastAttemptAt)
            #expect(lastAttempt.timeIntervalSince(start) >= 24 * 3600)
            #expect(delivery.attempts > 20)
            #expect(delivery.lastError?.isEmpty == false && delivery.lastStatusCode == nil)
            #expect(delivery.nextAttemptAt == nil)
            // And the endpoint is disabled with the reason, and admins have the notice
            let webhook = try #require(try await harness.switchboard.store.outgoingWebhook(created.webhook.id))
            #expect(!webhook.enabled)
            #expect(webhook.disabledReason?.contains("\(delivery.attempts) attempts") == true)
            let notices = try await harness.switchboard.store.auditEntries(AuditQuery(actionPrefix: "webhook.disabled"))
            #expect(notices.map(\.target) == [webhook.auditTarget])
        }
    }
}
