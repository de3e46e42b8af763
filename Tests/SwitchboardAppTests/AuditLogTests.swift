import CurlHTTP
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MessengerFakes
import SQLiteStore
import SwitchboardApp
import SwitchboardCore
import TestSupport
import Testing

@Suite struct AuditLogTests {
    /// Every stored entry as one text: what a leak check must search.
    func auditText(_ path: String) throws -> String {
        let inspector = try DatabaseInspector(path: path)
        defer { try? inspector.close() }
        return try inspector.strings("SELECT actor_name || ' ' || action || ' ' || target || ' ' || changes FROM audit_log ORDER BY id").joined(
            separator: "\n"
        )
    }

    @Test func settingsCannedRepliesAutomationAndAPIKeysAreAuditedWithoutSecrets() async throws {
        try await InboxHarness.run { harness, client in
            _ = try await harness.addOperator("root", role: .admin)
            let admin = try await harness.signIn(client, "root")
            func call(_ method: HTTPRequest.Method, _ uri: String, _ json: [String: Any]? = nil) async throws -> InboxHarness.Reply {
                let reply = try await harness.send(client, method, uri, as: admin, json: json)
                #expect(reply.status.code < 300, "\(method) \(uri): \(String(decoding: reply.body, as: UTF8.self))")
                return reply
            }

            _ = try await call(.post, "/api/v1/departments", ["name": "Billing"])
            _ = try await call(.patch, "/api/v1/departments/1", ["strategy": "round_robin"])
            _ = try await call(.put, "/api/v1/settings/routing", ["escalationWords": ["operator", "manager"]])
            _ = try await call(.patch, "/api/v1/automation", ["autoCloseMinutes": 30])
            _ = try await call(.put, "/api/v1/automation/texts/welcome/en", ["text": "Hi from Acme!"])
            _ = try await call(.delete, "/api/v1/automation/texts/welcome/en")
            let reply = try await call(.post, "/api/v1/canned-replies", ["shortcut": "hi", "title": "Hi", "body": "Hello!", "shared": true])
            let replyID = try #require(reply.json["id"] as? Int)
            _ = try await call(.patch, "/api/v1/canned-replies/\(replyID)", ["body": "Hello there!"])
            _ = try await call(.delete, "/api/v1/canned-replies/\(replyID)")
            _ = try await call(.post, "/api/v1/canned-replies", ["shortcut": "mine", "title": "Mine", "body": "Personal"])
            let key = try await call(.post, "/api/v1/api-keys", ["name": "website"])
            let secret = try #require(key.json["key"] as? String)
            _ = try await call(.delete, "/api/v1/api-keys/\(try #require(key.json["id"] as? Int))")
            _ = try await call(
                .post,
                "/api/v1/operators",
                ["login": "maria", "displayName": "Maria", "password": "first-password", "role": "operator"]
            )
            _ = try await call(.post, "/api/v1/operators/2/password", ["password": "second-password"])

            let audit = try await harness.send(client, .get, "/api/v1/audit?limit=200", as: admin)
            #expect(
                Array(audit.items.map { $0["action"] as? String }.reversed()) == [
                    "department.created", "department.updated", "routing.updated", "automation.updated", "automation.text_changed",
                    "automation.text_changed", "canned_reply.created", "canned_reply.updated", "canned_reply.deleted", "api_key.created",
                    "api_key.revoked", "operator.created", "operator.password_reset",
                ]
            )
            let byAction = Dictionary(audit.items.map { ($0["action"] as? String ?? "", $0) }) { first, _ in first }
            let routing = byAction["routing.updated"]?["changes"] as? [String: [String: Any]]
            #expect(routing?["escalationWords"]?["to"] as? [String] == ["operator", "manager"])
            let department = byAction["department.updated"]?["changes"] as? [String: [String: Any]]
            #expect(department?["routing.strategy"]?["to"] as? String == "round_robin")
            #expect(byAction["department.updated"]?["target"] as? String == "department 1 (Billing)")
            let automation = byAction["automation.updated"]?["changes"] as? [String: [String: Any]]
            #expect(automation?["autoCloseMinutes"]?["to"] as? Int == 30)
            let edited = byAction["canned_reply.updated"]?["changes"] as? [String: [String: Any]]
            #expect(edited?["body"]?["from"] as? String == "Hello!")
            #expect((byAction["api_key.created"]?["changes"] as? [String: [String: Any]])?["key"]?["to"] as? String == "•••")

            let text = try auditText(harness.directory.path("switchboard.sqlite"))
            for secretValue in [secret, "first-password", "second-password", "password123"] {
                #expect(!text.contains(secretValue))
                #expect(audit.body.range(of: Data(secretValue.utf8)) == nil)
            }
            #expect(!text.contains("Personal"), "personal canned replies are the operator's own, not audited")
        }
    }

    @Test func channelChangesRecordTheActingAdminTheCLIAndManifestsWithoutTheToken() async throws {
        let harness = try await TelegramAppHarness()
        defer { Task { await harness.stop() } }
        let newToken = "7000000003:AAH-rotated-token-0123456789abcdNEWT"
        let deskToken = "7000000003:AAH-desk-token-0123456789abcdefDESK"
        await harness.telegram.addBot(token: newToken, username: "desk_bot", firstName: "Desk")
        await harness.telegram.addBot(token: deskToken, username: "desk2_bot", firstName: "Desk")
        // The CLI path records its own kind of actor.
        let cli = try Switchboard(config: harness.config, logger: harness.logs.logger())
        let request = ChannelAdmin.TelegramRequest(
            name: "cli-tg",
            token: TelegramAppHarness.token,
            apiURL: harness.telegram.baseURL.absoluteString
        )
        _ = try await ChannelAdmin(switchboard: cli, config: harness.config, actor: .cli(user: "ops")).addTelegram(request)
        // A manifest describing the same channel with a new persona.
        let folder = harness.directory.path("channels")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let yaml =
            "kind: telegram\nname: cli-tg\nmode: poll\ntoken: ${T}\napi_url: \(harness.telegram.baseURL.absoluteString)\npersona:\n  name: Acme\n"
        try yaml.write(toFile: folder + "/cli.yaml", atomically: true, encoding: .utf8)
        var config = harness.config
        config.channelsDirectory = folder
        _ = try await cli.applyChannelManifests(config: config, environment: ["T": TelegramAppHarness.token], logger: harness.logs.logger())

        try await harness.serving { switchboard in
            let admin = try await ChannelAdminAPITests.Session.signIn(harness, switchboard, role: .admin, login: "root")
            let body: [String: Any] = [
                "kind": "telegram", "name": "desk-tg", "token": deskToken, "mode": "poll",
                "apiURL": harness.telegram.baseURL.absoluteString,
            ]
            let created = try await admin.call(.post, "/api/v1/channels", body)
            let id = try #require(created.json["id"] as? Int)
            _ = try await admin.call(.patch, "/api/v1/channels/\(id)", ["personaName": "Acme Desk"])
            _ = try await admin.call(.post, "/api/v1/channels/\(id)/pause")
            _ = try await admin.call(.post, "/api/v1/channels/\(id)/resume")
            _ = try await admin.call(.put, "/api/v1/channels/\(id)/token", ["token": newToken])
            _ = try await admin.call(.delete, "/api/v1/channels/\(id)")

            let audit = try await admin.call(.get, "/api/v1/audit")
            let items = try #require(audit.json["items"] as? [[String: Any]]).reversed().map { $0 }
            #expect(
                items.map { $0["action"] as? String } == [
                    "channel.created", "channel.updated", "channel.created", "channel.updated", "channel.paused", "channel.resumed",
                    "channel.token_rotated", "channel.removed",
                ]
            )
            let actors = items.map { ($0["actor"] as? [String: Any]).map { "\($0["kind"] ?? "") \($0["name"] ?? "")" } ?? "" }
            #expect(actors[0] == "cli CLI (ops)")
            #expect(actors[1] == "manifest \(folder)/cli.yaml")
            #expect(actors[2...].allSatisfy { $0 == "operator root" })
            #expect(items[1]["target"] as? String == "channel 1 (cli-tg)")
            let created1 = items[2]["changes"] as? [String: [String: Any]]
            #expect(created1?["token"]?["to"] as? String == "•••")
            #expect(created1?["name"]?["to"] as? String == "desk-tg")
            #expect((items[3]["changes"] as? [String: [String: Any]])?["persona.name"]?["to"] as? String == "Acme Desk")
            #expect((items[4]["changes"] as? [String: [String: Any]])?["paused"]?["to"] as? Bool == true)
            #expect((items[6]["changes"] as? [String: [String: Any]]).map { Array($0.keys) } == ["token"])
            let text = try auditText(harness.config.databasePath)
            for token in [TelegramAppHarness.token, deskToken, newToken] {
                #expect(!audit.text.contains(token))
                #expect(!text.contains(token))
            }
            #expect(!text.contains("AAH-"))
        }
    }
}
