import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SQLiteStore
import SwitchboardApp
import SwitchboardCore
import TestSupport
import Testing

@Suite struct RoutingAPITests {
    @Test func settingsAreForAdminsOnly() async throws {
        try await InboxHarness.run { harness, client in
            _ = try await harness.addOperator("maria")
            _ = try await harness.addOperator("sofia", role: .supervisor)
            let operatorSession = try await harness.signIn(client, "maria")
            let supervisor = try await harness.signIn(client, "sofia")
            for session in [operatorSession, supervisor] {
                let attempts: [(HTTPRequest.Method, String, [String: Any])] = [
                    (.post, "/api/v1/departments", ["name": "Billing"]),
                    (.patch, "/api/v1/departments/1", ["name": "X"]),
                    (.patch, "/api/v1/operators/\(operatorSession.operatorID)", ["maxConcurrent": 9]),
                    (.put, "/api/v1/settings/routing", ["strategy": "round_robin"]),
                    (.put, "/api/v1/settings/channels/\(harness.channel.id)/routing", ["askDepartment": true]),
                ]
                for (method, uri, json) in attempts {
                    let reply = try await harness.send(client, method, uri, as: session, json: json)
                    #expect(reply.status == .forbidden, "\(method) \(uri)")
                    #expect(reply.errorCode == "forbidden")
                }
                #expect(try await harness.send(client, .get, "/api/v1/settings/routing", as: session).status == .forbidden)
            }
            #expect(try await harness.send(client, .get, "/api/v1/departments").status == .unauthorized)
            #expect(try await harness.switchboard.store.departments().isEmpty)
            #expect(try await harness.switchboard.store.routingSettings() == RoutingSettings())
        }
    }

    @Test func adminManagesDepartmentsOperatorsAndRoutingSettings() async throws {
        try await InboxHarness.run { harness, client in
            _ = try await harness.addOperator("root", role: .admin)
            let maria = try await harness.addOperator("maria")
            let admin = try await harness.signIn(client, "root")

            // Departments: create, refuse bad input, rename
            let created = try await harness.send(
                client,
                .post,
                "/api/v1/departments",
                as: admin,
                json: ["name": "Billing", "strategy": "round_robin"]
            )
            #expect(created.status == .created)
            let department = try #require((created.json["department"] as? [String: Any])?["id"] as? Int)
            #expect((created.json["routing"] as? [String: Any])?["strategy"] as? String == "round_robin")
            #expect(try await harness.send(client, .post, "/api/v1/departments", as: admin, json: ["name": "Billing"]).status == .conflict)
            #expect(try await harness.send(client, .post, "/api/v1/departments", as: admin, json: ["name": "  "]).status == .badRequest)
            let badStrategy = try await harness.send(client, .post, "/api/v1/departments", as: admin, json: ["name": "X", "strategy": "random"])
            #expect(badStrategy.status == .badRequest)
            #expect(badStrategy.errorCode == "invalid_strategy")
            let renamed = try await harness.send(
                client,
                .patch,
                "/api/v1/departments/\(department)",
                as: admin,
                json: ["name": "Payments", "sticky": false]
            )
            #expect((renamed.json["department"] as? [String: Any])?["name"] as? String == "Payments")
            #expect(try await harness.send(client, .patch, "/api/v1/departments/999", as: admin, json: ["name": "Y"]).status == .notFound)

            // Operators: capacity and departments
            let uri = "/api/v1/operators/\(maria.id)"
            let updated = try await harness.send(client, .patch, uri, as: admin, json: ["maxConcurrent": 3, "departmentIDs": [department]])
            #expect(updated.status == .ok)
            #expect((updated.json["operator"] as? [String: Any])?["maxConcurrentConversations"] as? Int == 3)
            #expect(updated.json["departmentIDs"] as? [Int] == [department])
            #expect(try await harness.send(client, .patch, uri, as: admin, json: ["maxConcurrent": 0]).status == .badRequest)
            #expect(try await harness.send(client, .patch, uri, as: admin, json: ["departmentIDs": [999]]).status == .notFound)
            #expect(try await harness.send(client, .patch, "/api/v1/operators/999", as: admin, json: ["maxConcurrent": 2]).status == .notFound)
            #expect(
                try await harness.send(client, .patch, uri, as: admin, raw: Data("{".utf8), headers: [.contentType: "application/json"]).status
                    == .badRequest
            )
            let listed = try await harness.send(client, .get, "/api/v1/departments", as: admin).items
            #expect((listed.first?["operatorIDs"] as? [Int]) == [Int(maria.id.rawValue)])

            // Desk-wide settings: strategy, stickiness and escalation words
            let settings = try await harness.send(
                client,
                .put,
                "/api/v1/settings/routing",
                as: admin,
                json: ["strategy": "round_robin", "sticky": false, "escalationWords": ["manager", "менеджер"]]
            )
            #expect(settings.status == .ok)
            #expect(settings.json["escalationWords"] as? [String] == ["manager", "менеджер"])
            #expect(
                try await harness.send(client, .put, "/api/v1/settings/routing", as: admin, json: ["escalationWords": [""]]).status == .badRequest
            )
            let stored = try await harness.switchboard.store.routingSettings()
            #expect(stored.defaultRouting == QueueRouting(strategy: .roundRobin, sticky: false))
            #expect(stored.escalationWords == ["manager", "менеджер"])

            // Channel: default department and "ask at start"
            let channelURI = "/api/v1/settings/channels/\(harness.channel.id)/routing"
            let channel = try await harness.send(
                client,
                .put,
                channelURI,
                as: admin,
                json: ["defaultDepartmentID": department, "askDepartment": true]
            )
            #expect(channel.status == .ok)
            #expect(try await harness.switchboard.store.channelRouting(harness.channel.id).askDepartment)
            #expect(try await harness.send(client, .get, channelURI, as: admin).json["defaultDepartmentID"] as? Int == department)
            #expect(try await harness.send(client, .put, channelURI, as: admin, json: ["defaultDepartmentID": 999]).status == .notFound)
            #expect(try await harness.send(client, .put, "/api/v1/settings/channels/999/routing", as: admin, json: [:]).status == .notFound)
        }
    }

    @Test func presenceControlAssignsWaitingConversationsAndIsLogged() async throws {
        try await InboxHarness.run { harness, client in
            _ = try await harness.addOperator("maria")
            _ = try await harness.addOperator("sofia", role: .supervisor)
            let session = try await harness.signIn(client, "maria")
            let supervisor = try await harness.signIn(client, "sofia")
            let waiting = try await harness.clientWrites("hello?")
            let presence = "/api/v1/operators/me/presence"
            #expect(try await harness.send(client, .get, presence, as: session).json["status"] as? String == "offline")
            let bad = try await harness.send(client, .put, presence, as: session, json: ["status": "asleep"])
            #expect(bad.status == .badRequest)
            #expect(bad.errorCode == "invalid_status")

            let online = try await harness.send(client, .put, presence, as: session, json: ["status": "online"])
            #expect(online.status == .ok)
            #expect(online.json["status"] as? String == "online")
            let detail = try await harness.send(client, .get, "/api/v1/conversations/\(waiting)", as: session).json
            #expect((detail["assignee"] as? [String: Any])?["id"] as? Int == Int(session.operatorID.rawValue))

            #expect(try await harness.send(client, .put, presence, as: session, json: ["status": "away"]).status == .ok)
            let logURI = "/api/v1/operators/\(session.operatorID)/presence-log"
            #expect(try await harness.send(client, .get, logURI, as: session).status == .forbidden)
            let log = try await harness.send(client, .get, logURI, as: supervisor).items
            #expect(log.compactMap { $0["status"] as? String } == ["online", "away"])
        }
    }

    @Test func transferToADepartmentQueuesItWithANoteAndItsOperatorGetsIt() async throws {
        try await InboxHarness.run { harness, client in
            let maria = try await harness.addOperator("maria")
            let petro = try await harness.addOperator("petro")
            let billing = try await harness.switchboard.store.createDepartment(name: "Billing", routing: QueueRouting()).department.id
            _ = try await harness.switchboard.store.updateOperatorRouting(petro.id, maxConcurrent: nil, departmentIDs: [billing])
            let session = try await harness.signIn(client, "maria")
            let petroSession = try await harness.signIn(client, "petro")
            let conversation = try await harness.clientWrites("my invoice is wrong")
            let uri = "/api/v1/conversations/\(conversation)"
            #expect(try await harness.send(client, .post, "\(uri)/take", as: session).status == .ok)
            #expect(try await harness.send(client, .put, "/api/v1/operators/me/presence", as: petroSession, json: ["status": "online"]).status == .ok)

            #expect(try await harness.send(client, .post, "\(uri)/transfer", as: session, json: ["note": "x"]).status == .badRequest)
            let notHis = try await harness.send(client, .post, "\(uri)/transfer", as: petroSession, json: ["departmentID": billing.rawValue])
            #expect(notHis.status == .forbidden)
            let unknown = try await harness.send(client, .post, "\(uri)/transfer", as: session, json: ["departmentID": 999])
            #expect(unknown.errorCode == "unknown_department")
            let moved = try await harness.send(
                client,
                .post,
                "\(uri)/transfer",
                as: session,
                json: ["departmentID": billing.rawValue, "note": "invoice"]
            )
            #expect(moved.status == .ok || moved.status == .noContent)

            let stored = try #require(try await harness.switchboard.store.conversation(conversation))
            #expect(stored.departmentID == billing)
            #expect(stored.assigneeID == petro.id)
            let events = try await harness.switchboard.store.events(after: 0, limit: 100)
            #expect(events.contains { $0.kind == .conversationDepartmentChanged && $0.payload.contains(#""note":"invoice""#) })
            #expect(events.filter { $0.kind == .conversationAssigned }.count == 3)
            #expect(maria.id != petro.id)
        }
    }

    @Test func sentimentIsTaggedOnMessagesAndCountedOnTheConversation() async throws {
        try await InboxHarness.run { harness, client in
            _ = try await harness.addOperator("maria")
            let session = try await harness.signIn(client, "maria")
            let conversation = try await harness.clientWrites("ужасный сервис, не помогли")
            try await harness.clientWrites("Где мой заказ?")
            try await harness.clientWrites("спасибо, все круто")
            let detail = try await harness.send(client, .get, "/api/v1/conversations/\(conversation)", as: session).json
            #expect(detail["sentiment"] as? [String: Int] == ["positive": 1, "negative": 1])
            let list = try await harness.send(client, .get, "/api/v1/conversations", as: session).items
            #expect(list.first?["sentiment"] as? [String: Int] == ["positive": 1, "negative": 1])
            let messages = try await harness.send(client, .get, "/api/v1/conversations/\(conversation)/messages", as: session).items
            #expect(messages.map { $0["sentiment"] as? String } == ["positive", nil, "negative"])
        }
    }
}
