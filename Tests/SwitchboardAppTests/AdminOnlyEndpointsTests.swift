import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SQLiteStore
import SwitchboardApp
import SwitchboardCore
import TestSupport
import Testing

@Suite struct AdminOnlyEndpointsTests {
    /// Every route that only admins may call, with a body that an admin's call would accept.
    static func adminOnly(channel: Int64, department: Int, key: Int, other: OperatorID, webhook: Int) -> [(HTTPRequest.Method, String, Any?)] {
        [
            (.get, "/api/v1/channels", nil),
            (.post, "/api/v1/channels", ["kind": "telegram", "name": "evil-tg", "token": "1:x"]),
            (.patch, "/api/v1/channels/\(channel)", ["personaName": "Evil"]),
            (.post, "/api/v1/channels/\(channel)/pause", nil),
            (.post, "/api/v1/channels/\(channel)/resume", nil),
            (.put, "/api/v1/channels/\(channel)/token", ["token": "1:x"]),
            (.put, "/api/v1/channels/\(channel)/staff-group", ["chatID": -1_001]),
            (.delete, "/api/v1/channels/\(channel)/staff-group", nil),
            (.delete, "/api/v1/channels/\(channel)", nil),
            (.get, "/api/v1/api-keys", nil),
            (.post, "/api/v1/api-keys", ["name": "evil"]),
            (.delete, "/api/v1/api-keys/\(key)", nil),
            (.post, "/api/v1/departments", ["name": "Evil"]),
            (.patch, "/api/v1/departments/\(department)", ["name": "Evil"]),
            (.get, "/api/v1/settings/routing", nil),
            (.put, "/api/v1/settings/routing", ["escalationWords": ["evil"]]),
            (.get, "/api/v1/settings/channels/\(channel)/routing", nil),
            (.put, "/api/v1/settings/channels/\(channel)/routing", ["askDepartment": true]),
            (.get, "/api/v1/automation", nil),
            (.patch, "/api/v1/automation", ["autoCloseMinutes": 1]),
            (.put, "/api/v1/automation/texts/welcome/en", ["text": "Evil"]),
            (.delete, "/api/v1/automation/texts/welcome/en", nil),
            (.get, "/api/v1/channels/\(channel)/automation", nil),
            (.patch, "/api/v1/channels/\(channel)/automation", ["autoCloseMinutes": 1]),
            (.put, "/api/v1/channels/\(channel)/automation/texts/welcome/en", ["text": "Evil"]),
            (.delete, "/api/v1/channels/\(channel)/automation/texts/welcome/en", nil),
            (.get, "/api/v1/admin/operators", nil),
            (.post, "/api/v1/operators", ["login": "evil", "displayName": "Evil", "password": "password123", "role": "admin"]),
            (.patch, "/api/v1/operators/\(other)", ["role": "operator", "active": false] as [String: Any]),
            (.post, "/api/v1/operators/\(other)/password", ["password": "evil-password"]),
            (.put, "/api/v1/operators/\(other)/avatar", TestImages.png(width: 64, height: 64)),
            (.delete, "/api/v1/operators/\(other)/avatar", nil),
            (.get, "/api/v1/audit", nil),
            (.get, "/api/v1/webhooks", nil),
            (.post, "/api/v1/webhooks", ["url": "https://93.184.216.34/evil", "eventTypes": ["message.in"]]),
            (.get, "/api/v1/webhooks/\(webhook)", nil),
            (.patch, "/api/v1/webhooks/\(webhook)", ["url": "https://93.184.216.34/evil"]),
            (.delete, "/api/v1/webhooks/\(webhook)", nil),
            (.get, "/api/v1/webhooks/\(webhook)/deliveries", nil),
            (.post, "/api/v1/webhooks/\(webhook)/deliveries/1/resend", nil),
        ]
    }

    /// The files whose routes call `requireRole([.admin])`: a new one means a new admin route for the list above.
    static let adminControllerFiles: Set<String> = [
        "APIKeyController.swift", "AuditController.swift", "AutomationController.swift", "ChannelAdminController.swift",
        "OperatorAdminController+Credentials.swift", "OperatorAdminController.swift", "RoutingSettingsController.swift",
        "WebhookAdminController.swift",
    ]

    @Test func operatorsAndSupervisorsGetAJSON403OnEveryAdminRouteAndNothingChanges() async throws {
        try await InboxHarness.run { harness, client in
            // Given something to aim at: an admin with an avatar, a department, an API key, a shared reply.
            let root = try await harness.addOperator("root", role: .admin)
            _ = try await harness.addOperator("olha")
            _ = try await harness.addOperator("sasha", role: .supervisor)
            let admin = try await harness.signIn(client, "root")
            let department = try await harness.send(client, .post, "/api/v1/departments", as: admin, json: ["name": "Billing"])
            let key = try await harness.send(client, .post, "/api/v1/api-keys", as: admin, json: ["name": "site"])
            let webhook = try await harness.send(
                client,
                .post,
                "/api/v1/webhooks",
                as: admin,
                json: ["url": "https://93.184.216.34/hook", "eventTypes": ["message.in"]]
            )
            let png = TestImages.png(width: 64, height: 64)
            let avatar = try await harness.send(
                client,
                .put,
                "/api/v1/operators/\(root.id)/avatar",
                as: admin,
                raw: png,
                headers: [.contentType: "image/png"]
            )
            #expect(avatar.status == .ok)
            let routes = Self.adminOnly(
                channel: harness.channel.id.rawValue,
                department: try #require((department.json["department"] as? [String: Any])?["id"] as? Int),
                key: try #require(key.json["id"] as? Int),
                other: root.id,
                webhook: try #require((webhook.json["webhook"] as? [String: Any])?["id"] as? Int)
            )
            let path = harness.directory.path("switchboard.sqlite")
            let before = try Self.fingerprint(path)

            for login in ["olha", "sasha"] {
                let session = try await harness.signIn(client, login)
                let afterSignIn = try Self.fingerprint(path)
                for (method, uri, body) in routes {
                    let reply: InboxHarness.Reply
                    if let image = body as? Data {
                        reply = try await harness.send(client, method, uri, as: session, raw: image, headers: [.contentType: "image/png"])
                    } else {
                        reply = try await harness.send(client, method, uri, as: session, json: body)
                    }
                    #expect(reply.status == .forbidden, "\(login): \(method) \(uri)")
                    #expect(reply.errorCode == "forbidden", "\(login): \(method) \(uri)")
                    #expect(reply.headers[.contentType]?.hasPrefix("application/json") == true)
                    #expect(((reply.json["error"] as? [String: Any])?["message"] as? String)?.isEmpty == false)
                }
                #expect(try Self.fingerprint(path) == afterSignIn, "\(login) changed nothing")
            }
            // Only the two sign-ins' sessions are new.
            var now = try Self.fingerprint(path)
            var then = before
            now["sessions"] = nil
            then["sessions"] = nil
            #expect(now == then)
        }
    }

    /// Every row of every table as text, except what merely being signed in writes (presence
    /// activity, the automation runner's and the webhook fan-out's event cursors) and the search index.
    static func fingerprint(_ path: String) throws -> [String: [String]] {
        let inspector = try DatabaseInspector(path: path)
        defer { try? inspector.close() }
        var tables: [String: [String]] = [:]
        let names = try inspector.strings(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%' AND name NOT IN ('automation_cursor', 'webhook_fan_out')"
        )
        for table in names {
            let columns = try inspector.strings("SELECT name FROM pragma_table_info('\(table)') WHERE name != 'last_seen_at'")
            let row = columns.map { "quote(\"\($0)\")" }.joined(separator: ", ")
            tables[table] = try inspector.strings("SELECT json_array(\(row)) FROM \"\(table)\" ORDER BY 1")
        }
        return tables
    }

    @Test func theListNamesEveryFileWithAnAdminOnlyRoute() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources")
        let files = try #require(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil))
        var found: Set<String> = []
        // The contexts' own files describe the pattern; they hold no route.
        for case let file as URL in files where file.pathExtension == "swift" && !file.lastPathComponent.hasSuffix("RequestContext.swift") {
            let text = try String(contentsOf: file, encoding: .utf8)
            // Admin routes join a group whose context holds the admin (or, for keys with the `admin`
            // scope too, the admin or the key).
            if text.contains("group(context: AdminRequestContext.self)") || text.contains("group(context: AdminOrKeyRequestContext.self)") {
                found.insert(file.lastPathComponent)
            }
        }
        #expect(found == Self.adminControllerFiles, "a new admin-only route belongs in AdminOnlyEndpointsTests.adminOnly")
    }
}
