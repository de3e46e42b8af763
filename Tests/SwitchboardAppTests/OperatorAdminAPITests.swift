import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SQLiteStore
import SwitchboardApp
import SwitchboardCore
import SwitchboardEngine
import TestSupport
import Testing

@Suite struct OperatorAdminAPITests {
    @Test func adminCreatesAndEditsAnOperatorAndEachChangeIsAuditedWithWhoWhatWhen() async throws {
        try await InboxHarness.run { harness, client in
            _ = try await harness.addOperator("root", role: .admin)
            let admin = try await harness.signIn(client, "root")
            let started = Date().addingTimeInterval(-1)

            let created = try await harness.send(
                client,
                .post,
                "/api/v1/operators",
                as: admin,
                json: ["login": "maria", "displayName": "Maria", "password": "password123", "role": "operator"]
            )
            #expect(created.status == .created)
            let id = try #require(created.json["id"] as? Int)
            let edited = try await harness.send(
                client,
                .patch,
                "/api/v1/operators/\(id)",
                as: admin,
                json: ["displayName": "Maria K.", "role": "supervisor", "maxConcurrent": 7] as [String: Any]
            )
            #expect(edited.status == .ok)
            #expect((edited.json["operator"] as? [String: Any])?["displayName"] as? String == "Maria K.")
            #expect((edited.json["operator"] as? [String: Any])?["role"] as? String == "supervisor")
            #expect(edited.json["active"] as? Bool == true)
            #expect(edited.json["departmentIDs"] as? [Int] == [])
            let invalid = try await harness.send(client, .patch, "/api/v1/operators/\(id)", as: admin, json: ["displayName": " "])
            #expect(invalid.errorCode == "invalid_name")

            let listed = try await harness.send(client, .get, "/api/v1/admin/operators", as: admin)
            let maria = try #require(listed.items.first { $0["login"] as? String == "maria" })
            #expect(maria["displayName"] as? String == "Maria K.")
            #expect(maria["maxConcurrentConversations"] as? Int == 7)
            #expect(maria["active"] as? Bool == true)
            #expect((maria["createdAt"] as? String).flatMap { try? Date($0, strategy: .iso8601) } != nil)

            let audit = try await harness.send(client, .get, "/api/v1/audit", as: admin)
            #expect(audit.status == .ok)
            #expect(audit.items.map { $0["action"] as? String } == ["operator.updated", "operator.created"])
            let update = audit.items[0]
            let actor = try #require(update["actor"] as? [String: Any])
            #expect(actor["kind"] as? String == "operator")
            #expect(actor["id"] as? Int == Int(admin.operatorID.rawValue))
            #expect(actor["name"] as? String == "Root")
            #expect(update["target"] as? String == "operator \(id) (maria)")
            let at = try #require((update["at"] as? String).flatMap { try? Date($0, strategy: .iso8601) })
            #expect(at >= started.addingTimeInterval(-1) && at <= Date().addingTimeInterval(1))
            let changes = try #require(update["changes"] as? [String: [String: Any]])
            #expect(Set(changes.keys) == ["displayName", "role", "maxConcurrentConversations"])
            #expect(changes["displayName"]?["from"] as? String == "Maria")
            #expect(changes["displayName"]?["to"] as? String == "Maria K.")
            #expect(changes["role"]?["to"] as? String == "supervisor")
            #expect(audit.json["nextBefore"] is NSNull)

            // Paging and filters.
            let first = try await harness.send(client, .get, "/api/v1/audit?limit=1", as: admin)
            #expect(first.items.count == 1)
            let next = try #require(first.json["nextBefore"] as? Int)
            let second = try await harness.send(client, .get, "/api/v1/audit?limit=1&before=\(next)", as: admin)
            #expect(second.items.map { $0["action"] as? String } == ["operator.created"])
            let filtered = try await harness.send(client, .get, "/api/v1/audit?action=operator.cr&actor=\(admin.operatorID)", as: admin)
            #expect(filtered.items.count == 1)
            #expect(try await harness.send(client, .get, "/api/v1/audit?actor=999", as: admin).items.isEmpty)
            #expect(try await harness.send(client, .get, "/api/v1/audit?limit=0", as: admin).errorCode == "invalid_query")
        }
    }

    @Test func aDeactivatedOperatorIsSignedOutAtOnceCannotSignInAndTheirConversationsAreReassigned() async throws {
        try await InboxHarness.run { harness, client in
            _ = try await harness.addOperator("root", role: .admin)
            let maria = try await harness.addOperator("maria")
            _ = try await harness.addOperator("ivan")
            let admin = try await harness.signIn(client, "root")
            let mariaSession = try await harness.signIn(client, "maria")
            let ivanSession = try await harness.signIn(client, "ivan")
            // Given Maria online and holding a conversation, and Ivan online with room.
            _ = try await harness.send(client, .put, "/api/v1/operators/me/presence", as: mariaSession, json: ["status": "online"])
            let conversation = try await harness.clientWrites("hello")
            try await harness.switchboard.routing.assignWaiting()
            #expect(try await harness.switchboard.store.conversation(conversation)?.assigneeID == maria.id)
            _ = try await harness.send(client, .put, "/api/v1/operators/me/presence", as: ivanSession, json: ["status": "online"])

            // When an admin deactivates Maria.
            let reply = try await harness.send(client, .patch, "/api/v1/operators/\(maria.id)", as: admin, json: ["active": false])

            // Then her session stops working at once, she cannot sign in, she is offline, and Ivan has her conversation.
            #expect(reply.status == .ok)
            #expect(reply.json["active"] as? Bool == false)
            #expect(try await harness.send(client, .get, "/api/v1/session", as: mariaSession).status == .unauthorized)
            let signIn = try await harness.send(client, .post, "/api/v1/session", json: ["login": "maria", "password": "password123"])
            #expect(signIn.status == .unauthorized)
            #expect(signIn.errorCode == "invalid_credentials")
            #expect(try await harness.switchboard.store.conversation(conversation)?.assigneeID == ivanSession.operatorID)
            let listed = try await harness.send(client, .get, "/api/v1/admin/operators", as: admin)
            let row = try #require(listed.items.first { $0["login"] as? String == "maria" })
            #expect(row["active"] as? Bool == false)
            #expect(row["status"] as? String == "offline")
            #expect(row["deactivatedAt"] is String)
            let everyone = try await harness.send(client, .get, "/api/v1/operators", as: admin)
            #expect(!everyone.items.contains { $0["login"] as? String == "maria" })

            // And reactivating lets her sign in again; both changes are in the audit log.
            let back = try await harness.send(client, .patch, "/api/v1/operators/\(maria.id)", as: admin, json: ["active": true])
            #expect(back.json["active"] as? Bool == true)
            _ = try await harness.signIn(client, "maria")
            let audit = try await harness.send(client, .get, "/api/v1/audit?action=operator.", as: admin)
            #expect(audit.items.map { $0["action"] as? String } == ["operator.reactivated", "operator.deactivated"])
            let changes = audit.items[1]["changes"] as? [String: [String: Any]]
            #expect(changes?["active"]?["from"] as? Bool == true)
            #expect(changes?["active"]?["to"] as? Bool == false)
        }
    }

    @Test func theOpenInboxStreamOfADeactivatedOperatorClosesBeforeTheNextEvent() async throws {
        try await InboxHarness.run { harness, client in
            _ = try await harness.addOperator("root", role: .admin)
            let maria = try await harness.addOperator("maria")
            let admin = try await harness.signIn(client, "root")
            let session = try await harness.signIn(client, "maria")

            let frames = try await StreamTests.listen(
                client,
                session,
                onHello: {
                    _ = try? await harness.send(client, .patch, "/api/v1/operators/\(maria.id)", as: admin, json: ["active": false])
                    _ = try? await harness.clientWrites("is anyone there?")
                }
            ) { frames in frames.contains { $0.text == "is anyone there?" } }

            // The server ended the stream at the revocation: the client's later message never reached Maria.
            #expect(!frames.contains { $0.text == "is anyone there?" })
            #expect(try await harness.switchboard.store.operatorAccount(maria.id)?.active == false)
        }
    }

    @Test func theLastAdminCannotBeDemotedOrDeactivatedAndNoAdminDeactivatesThemself() async throws {
        try await InboxHarness.run { harness, client in
            let root = try await harness.addOperator("root", role: .admin)
            let boss = try await harness.addOperator("boss", role: .admin)
            let rootSession = try await harness.signIn(client, "root")
            let bossSession = try await harness.signIn(client, "boss")

            let itself = try await harness.send(client, .patch, "/api/v1/operators/\(root.id)", as: rootSession, json: ["active": false])
            #expect(itself.status == .conflict)
            #expect(itself.errorCode == "self")
            #expect(try await harness.send(client, .patch, "/api/v1/operators/\(root.id)", as: bossSession, json: ["active": false]).status == .ok)

            // Boss is now the only active admin.
            for change in [["role": "supervisor"], ["role": "operator", "displayName": "Boss K."]] as [[String: Any]] {
                let refused = try await harness.send(client, .patch, "/api/v1/operators/\(boss.id)", as: bossSession, json: change)
                #expect(refused.status == .conflict, "\(change)")
                #expect(refused.errorCode == "last_admin")
                #expect(refused.json["error"].flatMap { ($0 as? [String: Any])?["message"] as? String }?.contains("last active admin") == true)
            }
            let itselfAgain = try await harness.send(client, .patch, "/api/v1/operators/\(boss.id)", as: bossSession, json: ["active": false])
            #expect(itselfAgain.errorCode == "self")
            let account = try #require(try await harness.switchboard.store.operatorAccount(boss.id))
            #expect(account.operator.role == .admin && account.active && account.operator.displayName == "Boss")
            let audit = try await harness.send(client, .get, "/api/v1/audit", as: bossSession)
            #expect(audit.items.map { $0["action"] as? String } == ["operator.deactivated"])
        }
    }

    @Test func aPasswordResetEndsTheOperatorsSessionsAndTheirOwnChangeKeepsTheCurrentOne() async throws {
        try await InboxHarness.run { harness, client in
            _ = try await harness.addOperator("root", role: .admin)
            let maria = try await harness.addOperator("maria")
            let admin = try await harness.signIn(client, "root")
            let old = try await harness.signIn(client, "maria")

            let weak = try await harness.send(client, .post, "/api/v1/operators/\(maria.id)/password", as: admin, json: ["password": "short"])
            #expect(weak.errorCode == "weak_password")
            let reset = try await harness.send(client, .post, "/api/v1/operators/\(maria.id)/password", as: admin, json: ["password": "new-secret-1"])
            #expect(reset.status == .noContent)
            #expect(try await harness.send(client, .get, "/api/v1/session", as: old).status == .unauthorized)

            let laptop = try await harness.signIn(client, "maria", password: "new-secret-1")
            let phone = try await harness.signIn(client, "maria", password: "new-secret-1")
            let wrong = try await harness.send(
                client,
                .put,
                "/api/v1/session/password",
                as: laptop,
                json: ["current": "nope-nope", "new": "third-secret"]
            )
            #expect(wrong.status == .badRequest)
            #expect(wrong.errorCode == "wrong_password")
            let changed = try await harness.send(
                client,
                .put,
                "/api/v1/session/password",
                as: laptop,
                json: ["current": "new-secret-1", "new": "third-secret"]
            )
            #expect(changed.status == .noContent)
            #expect(try await harness.send(client, .get, "/api/v1/session", as: laptop).status == .ok)
            #expect(try await harness.send(client, .get, "/api/v1/session", as: phone).status == .unauthorized)
            _ = try await harness.signIn(client, "maria", password: "third-secret")

            let audit = try await harness.send(client, .get, "/api/v1/audit", as: admin)
            #expect(audit.items.map { $0["action"] as? String } == ["operator.password_changed", "operator.password_reset"])
            #expect((audit.items[1]["changes"] as? [String: [String: Any]])?["password"]?["to"] as? String == "•••")
        }
    }
}
