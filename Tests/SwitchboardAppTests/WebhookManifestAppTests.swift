import Foundation
import Logging
import Secrets
import SwitchboardApp
import SwitchboardCore
import TestSupport
import Testing

/// The desk's webhooks manifest applied at start: endpoints created, updated or left alone like
/// the API would, audited as the manifest, and a bad file refused whole.
@Suite struct WebhookManifestAppTests {
    static let environment = ["CRM_WEBHOOK_SECRET": "whsec_from_the_environment"]

    func manifest(url: String, events: String = "[conversation.opened, message.in]") -> String {
        """
        webhooks:
          - name: crm
            url: \(url)
            events: \(events)
            secret: ${CRM_WEBHOOK_SECRET}
        """
    }

    func write(_ yaml: String, in directory: TemporaryDirectory) throws -> String {
        let path = directory.path("webhooks.yaml")
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func theSettingNamesTheFileAndWithoutItNothingHappens() async throws {
        let config = try AppConfig.load(environment: ["SWITCHBOARD_WEBHOOKS_MANIFEST": "/etc/switchboard/webhooks.yaml"])
        #expect(config.webhooksManifest == "/etc/switchboard/webhooks.yaml")
        #expect(try AppConfig.load(environment: [:]).webhooksManifest == nil)

        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let unset = AppConfig(port: 0, databasePath: directory.path("switchboard.sqlite"), logLevel: .error)
        let switchboard = try Switchboard(config: unset, logger: Logger(label: "test"), clock: ManualWallClock())
        #expect(try await switchboard.applyWebhooksManifest(config: unset, environment: Self.environment, logger: Logger(label: "test")).isEmpty)
        #expect(try await switchboard.store.outgoingWebhooks().isEmpty)
    }

    @Test func aManifestEndpointReceivesDeliveriesSignedWithTheSecretFromTheEnvironment() async throws {
        try await WebhookDeliveryAppTests.Harness.run { harness in
            // Given a receiver and a manifest that describes it
            let receiver = try await WebhookReceiver.start(now: { harness.clock.now() }) { _ in 204 }
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let path = try write(manifest(url: receiver.url), in: directory)
            let config = AppConfig(webhooksAllowPrivate: true, webhooksManifest: path)

            // When the server starts with it
            let report = try await harness.switchboard.applyWebhooksManifest(
                config: config,
                environment: Self.environment,
                logger: Logger(label: "test")
            )

            // Then the endpoint exists, audited as the manifest
            let webhook = try #require(try await harness.switchboard.store.outgoingWebhooks().first)
            #expect(report == ["created webhook crm (\(webhook.auditTarget))"])
            #expect(webhook.description == "crm" && webhook.eventTypes == [.conversationOpened, .messageIn] && webhook.enabled)
            let audit = try await harness.switchboard.store.auditEntries(AuditQuery(actionPrefix: "webhook."))
            #expect(audit.map(\.action) == ["webhook.created"] && audit.first?.actor == .manifest(path))

            // And a conversation's first events reach the receiver signed with the environment's secret
            try await harness.conversationLife()
            try await harness.advancing("two deliveries") { receiver.requests.count >= 2 }
            let key = Data(Self.environment["CRM_WEBHOOK_SECRET"]!.utf8)
            for request in receiver.requests {
                let header = try #require(request.signature)
                #expect(
                    WebhookSignature.verify(header: header, body: request.body, now: request.at, tolerance: WebhookDeliveryAppTests.tolerance) {
                        MessageAuthentication.hmacSHA256(key: key, message: $0)
                    }
                )
            }
            #expect(try receiver.requests.map { try WebhookBody.decode($0.body).type } == [.conversationOpened, .messageIn])
            await receiver.stop()
        }
    }

    @Test func aSecondStartChangesNothingAndANewURLIsOneAuditedUpdate() async throws {
        try await WebhookDeliveryAppTests.Harness.run { harness in
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let logger = Logger(label: "test")
            let path = try write(manifest(url: "http://127.0.0.1:9/hooks"), in: directory)
            let config = AppConfig(webhooksAllowPrivate: true, webhooksManifest: path)
            let other = try await harness.switchboard.webhookAdmin.create(
                url: "http://127.0.0.1:9/other",
                eventTypes: ["message.out"],
                description: "billing",
                by: .cli(user: nil)
            )
            _ = try await harness.switchboard.applyWebhooksManifest(config: config, environment: Self.environment, logger: logger)
            let created = try #require(try await harness.switchboard.store.outgoingWebhooks().first { $0.description == "crm" })
            let auditCount = try await harness.switchboard.store.auditEntries(AuditQuery()).count

            // When the server starts again with the same file
            let again = try await harness.switchboard.applyWebhooksManifest(config: config, environment: Self.environment, logger: logger)

            // Then nothing changes and nothing is audited; the endpoint the file does not name is kept
            #expect(
                again == ["unchanged webhook crm", "kept \(other.webhook.auditTarget): the manifest does not describe it (manifests never delete)"]
            )
            #expect(try await harness.switchboard.store.auditEntries(AuditQuery()).count == auditCount)

            // When the file's URL changes
            _ = try write(manifest(url: "http://127.0.0.1:9/v2/hooks"), in: directory)
            let changed = try await harness.switchboard.applyWebhooksManifest(config: config, environment: Self.environment, logger: logger)

            // Then the same endpoint is updated with one audit entry saying so
            #expect(changed.first == "updated webhook crm: url")
            #expect(try await harness.switchboard.store.outgoingWebhook(created.id)?.url == "http://127.0.0.1:9/v2/hooks")
            let audit = try await harness.switchboard.store.auditEntries(AuditQuery())
            #expect(audit.count == auditCount + 1)
            #expect(audit.first?.action == "webhook.updated" && audit.first?.actor == .manifest(path))
            #expect(
                audit.first?.changes == ["url": AuditChange(from: .string("http://127.0.0.1:9/hooks"), to: .string("http://127.0.0.1:9/v2/hooks"))]
            )
            #expect(try await harness.switchboard.store.outgoingWebhooks().count == 2)

            // And a new secret in the environment replaces the stored one, audited without its value
            let rotated = try await harness.switchboard.applyWebhooksManifest(
                config: config,
                environment: ["CRM_WEBHOOK_SECRET": "whsec_rotated"],
                logger: logger
            )
            #expect(rotated.first == "updated webhook crm: secret")
            let sealed = try #require(try await harness.switchboard.store.outgoingWebhookSecret(created.id))
            #expect(try harness.switchboard.secrets.open(sealed) == "whsec_rotated")
            #expect(try await harness.switchboard.store.auditEntries(AuditQuery()).first?.changes == ["secret": .secret])
        }
    }

    @Test func badEntriesAreRefusedTogetherAndNothingChanges() async throws {
        // Given a server that refuses private webhook addresses, and a file with three bad entries and a good one
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try write(
            """
            webhooks:
              - name: literal
                url: https://203.0.113.10/hook
                events: [message.in]
                secret: whsec_written_in_the_file
              - name: sideways
                url: https://203.0.113.11/hook
                events: [message.sideways]
                secret: ${CRM_WEBHOOK_SECRET}
              - name: inside
                url: http://127.0.0.1:9/hook
                events: [message.in]
                secret: ${CRM_WEBHOOK_SECRET}
              - name: good
                url: https://203.0.113.12/hook
                events: [message.in]
                secret: ${CRM_WEBHOOK_SECRET}
                enabled: false
            """,
            in: directory
        )
        let config = AppConfig(port: 0, databasePath: directory.path("switchboard.sqlite"), logLevel: .error, webhooksManifest: path)
        let switchboard = try Switchboard(config: config, logger: Logger(label: "test"), clock: ManualWallClock())
        let auditCount = try await switchboard.store.auditEntries(AuditQuery()).count

        // When it starts
        let error = await #expect(throws: ConfigError.self) {
            try await switchboard.applyWebhooksManifest(config: config, environment: Self.environment, logger: Logger(label: "test"))
        }

        // Then every problem is listed, the literal secret is not echoed, and nothing was created or audited
        let problems = try #require(error?.problems)
        #expect(problems.count == 3, "\(problems)")
        #expect(problems.contains { $0.contains("webhooks[0].secret: must be ${ENV_VAR}") })
        #expect(problems.contains { $0.contains("webhooks[1].events: unknown event types: message.sideways") })
        #expect(problems.contains { $0.contains("webhook inside: url:") && $0.contains("127.0.0.1") })
        #expect(!problems.joined().contains("whsec_written_in_the_file"))
        #expect(try await switchboard.store.outgoingWebhooks().isEmpty)
        #expect(try await switchboard.store.auditEntries(AuditQuery()).count == auditCount)
    }
}
