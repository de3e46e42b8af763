import Foundation
import HTTPTypes
import HummingbirdTesting
import SwitchboardApp
import SwitchboardCore
import Testing

/// `/api/v1/webhooks`: admins only, validated input, the secret shown once.
@Suite struct WebhookAPITests {
    /// A public address, so no name lookup is needed; nothing is sent to it (no event happens).
    static let publicURL = "https://93.184.216.34/hook"

    @Test func internalAndNonHTTPURLsAreRefusedWithoutTheSetting() async throws {
        try await InboxHarness.run { harness, client in
            _ = try await harness.addOperator("ada", role: .admin)
            let admin = try await harness.signIn(client, "ada")
            for url in [
                "http://127.0.0.1:9/hook", "http://10.0.0.7/hook", "http://169.254.169.254/latest", "http://[::1]/hook", "ftp://example.com/x",
            ] {
                let reply = try await harness.send(client, .post, "/api/v1/webhooks", as: admin, json: ["url": url, "eventTypes": ["message.in"]])
                #expect(reply.status == .badRequest, "\(url)")
                #expect(reply.errorCode == "invalid_webhook")
            }
            let reply = try await harness.send(
                client,
                .post,
                "/api/v1/webhooks",
                as: admin,
                json: ["url": "http://127.0.0.1:9/hook", "eventTypes": ["message.in"]]
            )
            let message = try #require((reply.json["error"] as? [String: Any])?["message"] as? String)
            #expect(message.contains("SWITCHBOARD_WEBHOOKS_ALLOW_PRIVATE"))
            #expect(try await harness.switchboard.store.outgoingWebhooks().isEmpty)
        }
    }

    @Test func unknownOrMissingEventTypesAndMalformedBodiesAre400() async throws {
        try await InboxHarness.run { harness, client in
            _ = try await harness.addOperator("ada", role: .admin)
            let admin = try await harness.signIn(client, "ada")
            let unknown = try await harness.send(
                client,
                .post,
                "/api/v1/webhooks",
                as: admin,
                json: ["url": Self.publicURL, "eventTypes": ["message.sent"]]
            )
            #expect(unknown.status == .badRequest && unknown.errorCode == "invalid_webhook")
            let none = try await harness.send(client, .post, "/api/v1/webhooks", as: admin, json: ["url": Self.publicURL, "eventTypes": [String]()])
            #expect(none.status == .badRequest)
            let malformed = try await harness.send(
                client,
                .post,
                "/api/v1/webhooks",
                as: admin,
                raw: Data("{".utf8),
                headers: [.contentType: "application/json"]
            )
            #expect(malformed.status == .badRequest)
            let wrongShape = try await harness.send(
                client,
                .post,
                "/api/v1/webhooks",
                as: admin,
                json: ["url": Self.publicURL, "eventTypes": "message.in"]
            )
            #expect(wrongShape.status == .badRequest)
        }
    }

    @Test func everyWebhookRouteIsForAdminsOnly() async throws {
        try await InboxHarness.run { harness, client in
            let existing = try await harness.switchboard.webhookAdmin.create(
                url: Self.publicURL,
                eventTypes: ["message.in"],
                description: nil,
                by: .cli(user: nil)
            )
            let id = existing.webhook.id
            _ = try await harness.addOperator("olga", role: .supervisor)
            let supervisor = try await harness.signIn(client, "olga")
            let calls: [(HTTPRequest.Method, String, Any?)] = [
                (.get, "/api/v1/webhooks", nil),
                (.post, "/api/v1/webhooks", ["url": Self.publicURL, "eventTypes": ["message.in"]]),
                (.get, "/api/v1/webhooks/\(id)", nil),
                (.patch, "/api/v1/webhooks/\(id)", ["enabled": false]),
                (.delete, "/api/v1/webhooks/\(id)", nil),
                (.get, "/api/v1/webhooks/\(id)/deliveries", nil),
                (.post, "/api/v1/webhooks/\(id)/deliveries/1/resend", nil),
            ]
            for (method, path, body) in calls {
                #expect(try await harness.send(client, method, path, as: supervisor, json: body).status == .forbidden, "\(method) \(path)")
                #expect(try await harness.send(client, method, path, json: body).status == .unauthorized, "\(method) \(path)")
            }
            #expect(try await harness.switchboard.store.outgoingWebhook(id)?.enabled == true)
        }
    }

    @Test func anAdminRegistersSeesTheSecretOnceEditsResendsNothingAndDeletesAllAudited() async throws {
        try await InboxHarness.run { harness, client in
            _ = try await harness.addOperator("ada", role: .admin)
            let admin = try await harness.signIn(client, "ada")

            let created = try await harness.send(
                client,
                .post,
                "/api/v1/webhooks",
                as: admin,
                json: ["url": Self.publicURL, "eventTypes": ["message.in", "conversation.resolved"], "description": "CRM"]
            )
            #expect(created.status == .created)
            let secret = try #require(created.json["secret"] as? String)
            #expect(secret.hasPrefix("whsec_") && secret.count == 70)
            let id = try #require((created.json["webhook"] as? [String: Any])?["id"] as? Int)

            let list = try await harness.send(client, .get, "/api/v1/webhooks", as: admin)
            #expect(list.items.map { $0["eventTypes"] as? [String] } == [["conversation.resolved", "message.in"]])
            #expect(!String(decoding: list.body, as: UTF8.self).contains(secret))
            let one = try await harness.send(client, .get, "/api/v1/webhooks/\(id)", as: admin)
            #expect(one.status == .ok && !String(decoding: one.body, as: UTF8.self).contains(secret))

            // An edit is checked like a registration.
            let inward = try await harness.send(client, .patch, "/api/v1/webhooks/\(id)", as: admin, json: ["url": "http://192.168.1.10/hook"])
            #expect(inward.status == .badRequest && inward.errorCode == "invalid_webhook")
            let unknownType = try await harness.send(client, .patch, "/api/v1/webhooks/\(id)", as: admin, json: ["eventTypes": ["nope"]])
            #expect(unknownType.status == .badRequest)
            #expect(try await harness.send(client, .patch, "/api/v1/webhooks/999", as: admin, json: ["enabled": false]).status == .notFound)
            let patched = try await harness.send(client, .patch, "/api/v1/webhooks/\(id)", as: admin, json: ["enabled": false])
            #expect(patched.status == .ok && patched.json["enabled"] as? Bool == false)
            #expect(try await harness.send(client, .get, "/api/v1/webhooks/\(id)/deliveries", as: admin).items.isEmpty)
            #expect(try await harness.send(client, .get, "/api/v1/webhooks/\(id)/deliveries?limit=0", as: admin).status == .badRequest)
            #expect(try await harness.send(client, .post, "/api/v1/webhooks/\(id)/deliveries/5/resend", as: admin).status == .notFound)

            #expect(try await harness.send(client, .delete, "/api/v1/webhooks/\(id)", as: admin).status == .noContent)
            #expect(try await harness.send(client, .get, "/api/v1/webhooks/\(id)", as: admin).status == .notFound)

            let audit = try await harness.switchboard.store.auditEntries(AuditQuery(actionPrefix: "webhook."))
            #expect(audit.map(\.action) == ["webhook.deleted", "webhook.updated", "webhook.created"])
            #expect(audit.last?.changes["secret"] == .secret)
            #expect(audit.allSatisfy { entry in !entry.changes.values.contains { "\($0)".contains(secret) } })
        }
    }
}
