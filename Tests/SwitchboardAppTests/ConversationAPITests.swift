import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SwitchboardCore
import TestSupport
import Testing

@Suite struct ConversationAPITests {
    @Test func queuesAndFiltersFollowAssignmentAndStatus() async throws {
        try await InboxHarness.run { harness, client in
            _ = try await harness.addOperator("maria")
            let session = try await harness.signIn(client, "maria")
            let first = try await harness.clientWrites("one", from: "u-1")
            let second = try await harness.clientWrites("two", from: "u-2")
            let third = try await harness.clientWrites("three", from: "u-3")

            #expect(try await harness.send(client, .post, "/api/v1/conversations/\(first)/take", as: session).status == .ok)
            #expect(try await harness.send(client, .post, "/api/v1/conversations/\(second)/resolve", as: session).status == .ok)

            func ids(_ filter: String) async throws -> [Int] {
                try await harness.send(client, .get, "/api/v1/conversations?filter=\(filter)", as: session).items.compactMap { $0["id"] as? Int }
            }
            #expect(try await ids("mine") == [Int(first.rawValue)])
            #expect(try await ids("unassigned") == [Int(third.rawValue)])
            #expect(try await ids("all") == [Int(third.rawValue), Int(first.rawValue)])
            #expect(try await ids("resolved") == [Int(second.rawValue)])
            let queues = try await harness.send(client, .get, "/api/v1/queues", as: session).json
            #expect((queues["mine"] as? [String: Int])?["awaitingReply"] == 1)
            #expect((queues["all"] as? [String: Int])?["total"] == 2)
            #expect(try await harness.send(client, .get, "/api/v1/conversations?filter=everything", as: session).status == .badRequest)
        }
    }

    @Test func listsArePagedWithCursorsWithoutRepeatsOrGaps() async throws {
        try await InboxHarness.run { harness, client in
            _ = try await harness.addOperator("maria")
            let session = try await harness.signIn(client, "maria")
            var expected: [Int] = []
            for index in 0..<5 {
                expected.insert(Int(try await harness.clientWrites("m\(index)", from: "u-\(index)").rawValue), at: 0)
            }
            var seen: [Int] = []
            var cursor: String?
            repeat {
                let uri = "/api/v1/conversations?limit=2" + (cursor.map { "&cursor=\($0)" } ?? "")
                let page = try await harness.send(client, .get, uri, as: session)
                seen += page.items.compactMap { $0["id"] as? Int }
                cursor = page.json["nextCursor"] as? String
            } while cursor != nil
            #expect(seen == expected)
            #expect(try await harness.send(client, .get, "/api/v1/conversations?cursor=garbage", as: session).status == .badRequest)
        }
    }

    @Test func replyIsQueuedTakesTheConversationAndNeedsCSRF() async throws {
        try await InboxHarness.run { harness, client in
            _ = try await harness.addOperator("maria")
            let session = try await harness.signIn(client, "maria")
            let conversation = try await harness.clientWrites("hello?")
            let uri = "/api/v1/conversations/\(conversation)/messages"

            let forged = try await harness.send(client, .post, uri, as: session, json: ["text": "hi"], csrf: false)
            #expect(forged.status == .forbidden)
            #expect(forged.errorCode == "csrf")
            #expect(try await harness.send(client, .post, uri, as: session, json: ["text": "  "]).status == .badRequest)
            #expect(
                try await harness.send(client, .post, uri, as: session, raw: Data("{\"text\":".utf8), headers: [.contentType: "application/json"])
                    .status == .badRequest
            )
            #expect(try DatabaseInspector(path: harness.directory.path("switchboard.sqlite")).count("outbox") == 0)

            let sent = try await harness.send(client, .post, uri, as: session, json: ["text": "Hello, how can I help?"])
            #expect(sent.status == .created)
            #expect(sent.json["deliveryState"] as? String == "queued")
            #expect(sent.json["authorName"] as? String == "Maria")
            let detail = try await harness.send(client, .get, "/api/v1/conversations/\(conversation)", as: session).json
            #expect((detail["assignee"] as? [String: Any])?["id"] as? Int == Int(session.operatorID.rawValue))
            #expect(detail["awaitingReply"] as? Bool == false)
            #expect(try await harness.send(client, .post, "/api/v1/conversations/999/messages", as: session, json: ["text": "x"]).status == .notFound)
        }
    }

    @Test func timelineSpansEveryConversationOfTheClientNewestFirst() async throws {
        try await InboxHarness.run { harness, client in
            _ = try await harness.addOperator("maria")
            let session = try await harness.signIn(client, "maria")
            let old = try await harness.clientWrites("last year", at: Date(timeIntervalSince1970: 1_700_000_000))
            #expect(try await harness.send(client, .post, "/api/v1/conversations/\(old)/resolve", as: session).status == .ok)
            let current = try await harness.clientWrites("again", at: Date(timeIntervalSince1970: 1_800_000_000))
            #expect(current != old)
            _ = try await harness.send(client, .post, "/api/v1/conversations/\(current)/notes", as: session, json: ["text": "VIP"])

            let page = try await harness.send(client, .get, "/api/v1/conversations/\(current)/messages?limit=2", as: session)
            #expect(page.items.compactMap { $0["text"] as? String } == ["VIP", "again"])
            #expect(page.items.first?["direction"] as? String == "note")
            let cursor = try #require(page.json["nextCursor"] as? String)
            let older = try await harness.send(client, .get, "/api/v1/conversations/\(current)/messages?limit=2&before=\(cursor)", as: session)
            #expect(older.items.compactMap { $0["text"] as? String } == ["last year"])
            #expect((older.items.first?["channel"] as? [String: Any])?["kind"] as? String == "telegram")
            let detail = try await harness.send(client, .get, "/api/v1/conversations/\(current)", as: session).json
            #expect((detail["previousConversations"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } == [Int(old.rawValue)])
        }
    }

    @Test func refusedTransitionIsAConflict() async throws {
        try await InboxHarness.run { harness, client in
            _ = try await harness.addOperator("maria")
            let session = try await harness.signIn(client, "maria")
            let conversation = try await harness.clientWrites("x")
            let reply = try await harness.send(client, .post, "/api/v1/conversations/\(conversation)/reopen", as: session)
            #expect(reply.status == .conflict)
            #expect(reply.errorCode == "refused")
            #expect(
                try await harness.send(client, .post, "/api/v1/conversations/\(conversation)/pending", as: session).json["status"] as? String
                    == "pending"
            )
        }
    }

    @Test func onlyTheAssigneeOrASupervisorTransfers() async throws {
        try await InboxHarness.run { harness, client in
            let maria = try await harness.addOperator("maria")
            let petro = try await harness.addOperator("petro")
            _ = try await harness.addOperator("sofia", role: .supervisor)
            let mariaSession = try await harness.signIn(client, "maria")
            let petroSession = try await harness.signIn(client, "petro")
            let sofiaSession = try await harness.signIn(client, "sofia")
            let conversation = try await harness.clientWrites("help")
            let uri = "/api/v1/conversations/\(conversation)"
            _ = try await harness.send(client, .post, "\(uri)/take", as: mariaSession)

            #expect(try await harness.send(client, .post, "\(uri)/take", as: petroSession).status == .conflict)
            #expect(
                try await harness.send(client, .post, "\(uri)/assign", as: petroSession, json: ["operatorID": petro.id.rawValue]).status == .forbidden
            )
            let transferred = try await harness.send(
                client,
                .post,
                "\(uri)/assign",
                as: mariaSession,
                json: ["operatorID": petro.id.rawValue, "note": "billing"]
            )
            #expect((transferred.json["assignee"] as? [String: Any])?["displayName"] as? String == "Petro")
            let back = try await harness.send(client, .post, "\(uri)/assign", as: sofiaSession, json: ["operatorID": maria.id.rawValue])
            #expect((back.json["assignee"] as? [String: Any])?["displayName"] as? String == "Maria")
            #expect(try await harness.send(client, .post, "\(uri)/assign", as: sofiaSession, json: ["operatorID": 999]).status == .badRequest)
        }
    }

    @Test func operatorsDoNotSeeAnotherDepartmentsQueue() async throws {
        try await InboxHarness.run { harness, client in
            let maria = try await harness.addOperator("maria")
            _ = try await harness.addOperator("sofia", role: .supervisor)
            let inspector = try DatabaseInspector(path: harness.directory.path("switchboard.sqlite"))
            try inspector.execute("INSERT INTO departments (id, name) VALUES (1, 'Sales'), (2, 'Billing')")
            try inspector.execute("INSERT INTO operator_departments (operator_id, department_id) VALUES (\(maria.id), 1)")
            let sales = try await harness.clientWrites("buy", from: "u-1")
            let billing = try await harness.clientWrites("refund please", from: "u-2")
            try inspector.execute("UPDATE conversations SET department_id = 1 WHERE id = \(sales)")
            try inspector.execute("UPDATE conversations SET department_id = 2 WHERE id = \(billing)")
            let agent = try await harness.signIn(client, "maria")
            let supervisor = try await harness.signIn(client, "sofia")

            #expect(
                try await harness.send(client, .get, "/api/v1/conversations", as: agent).items.compactMap { $0["id"] as? Int } == [
                    Int(sales.rawValue)
                ]
            )
            #expect(try await harness.send(client, .get, "/api/v1/conversations/\(billing)", as: agent).status == .notFound)
            #expect(try await harness.send(client, .post, "/api/v1/conversations/\(billing)/take", as: agent).status == .notFound)
            #expect(try await harness.send(client, .get, "/api/v1/search?q=refund", as: agent).items.isEmpty)
            #expect(try await harness.send(client, .get, "/api/v1/search?q=refund", as: supervisor).items.count == 1)
            #expect(try await harness.send(client, .get, "/api/v1/conversations", as: supervisor).items.count == 2)
        }
    }

    @Test func theTimelineShowsAnOperatorOnlyTheClientsConversationsTheyMaySee() async throws {
        try await InboxHarness.run { harness, client in
            let maria = try await harness.addOperator("maria")
            _ = try await harness.addOperator("sofia", role: .supervisor)
            let inspector = try DatabaseInspector(path: harness.directory.path("switchboard.sqlite"))
            try inspector.execute("INSERT INTO departments (id, name) VALUES (1, 'Sales'), (2, 'Billing')")
            try inspector.execute("INSERT INTO operator_departments (operator_id, department_id) VALUES (\(maria.id), 1)")
            // One client: last year's billing conversation, with a private note, and today's sales one.
            let billing = try await harness.clientWrites("my card number is 4111", at: Date(timeIntervalSince1970: 1_700_000_000))
            let supervisor = try await harness.signIn(client, "sofia")
            _ = try await harness.send(client, .post, "/api/v1/conversations/\(billing)/notes", as: supervisor, json: ["text": "refund approved"])
            #expect(try await harness.send(client, .post, "/api/v1/conversations/\(billing)/resolve", as: supervisor).status == .ok)
            let sales = try await harness.clientWrites("I want to buy", at: Date(timeIntervalSince1970: 1_800_000_000))
            try inspector.execute("UPDATE conversations SET department_id = 2 WHERE id = \(billing)")
            try inspector.execute("UPDATE conversations SET department_id = 1 WHERE id = \(sales)")
            let agent = try await harness.signIn(client, "maria")

            let shown = try await harness.send(client, .get, "/api/v1/conversations/\(sales)/messages", as: agent).items
            let everything = try await harness.send(client, .get, "/api/v1/conversations/\(sales)/messages", as: supervisor).items

            #expect(shown.compactMap { $0["text"] as? String } == ["I want to buy"])
            #expect(everything.compactMap { $0["text"] as? String } == ["I want to buy", "refund approved", "my card number is 4111"])
        }
    }
}
