import Foundation
import Logging
import Secrets
import SwitchboardApp
import SwitchboardCore
import TestSupport
import Testing

@Suite struct WebhookSecretRotationTests {
    @Test func rotatingTheSecretKeyResealsWebhookSecretsSoTheyStillOpen() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let config = AppConfig(port: 0, databasePath: directory.path("switchboard.sqlite"), logLevel: .error, webhooksAllowPrivate: true)
        let switchboard = try Switchboard(config: config, logger: Logger(label: "test"))
        let created = try await switchboard.webhookAdmin.create(
            url: "http://127.0.0.1:9/hook",
            eventTypes: ["message.in"],
            description: nil,
            by: .system
        )
        let draft = WebhookDeliveryDraft(
            webhookID: created.webhook.id,
            seq: 1,
            type: .messageIn,
            body: "{}",
            queuedAt: Date(timeIntervalSince1970: 0)
        )
        try await switchboard.store.enqueueWebhookDeliveries([draft], through: 0)
        let oldKey = try String(contentsOfFile: config.secretKeyFile, encoding: .utf8)

        let summary = try await SecretKeyRotation.rotate(config: config)

        #expect(summary.resealed == 1)
        let sealed = try #require(try await switchboard.store.dueWebhookDeliveries(now: Date()).first?.secretCiphertext)
        let newKey = try String(contentsOfFile: config.secretKeyFile, encoding: .utf8)
        #expect(try SecretBox(base64Key: newKey).open(sealed) == created.secret)
        #expect(throws: SecretsError.cannotOpen) { try SecretBox(base64Key: oldKey).open(sealed) }
    }
}
