import Accounts
import CurlHTTP
import Foundation
import MessengerFakes
import SwitchboardApp
import SwitchboardCore
import TestSupport
import Testing

/// A supervisor bans a Telegram client: the client's messages are kept but do nothing else.
@Suite struct BanAppTests {
    let user = FakeTelegram.User(id: 5_000_000_091, firstName: "Spammy", username: "spammy", languageCode: "en")
    var token: String { TelegramAppHarness.token }

    /// Signs in a new account with `role`; returns its cookie and CSRF headers.
    static func signIn(
        _ login: String,
        role: OperatorRole,
        _ harness: TelegramAppHarness,
        _ switchboard: Switchboard
    ) async throws -> [(String, String)] {
        let hash = try await PasswordHasher(cost: 4).hash("password123")
        _ = try await switchboard.store.createOperator(
            OperatorDraft(login: login, displayName: login.capitalized, role: role, passwordHash: hash),
            at: Date()
        )
        let signIn = try await harness.client.send(
            .init(method: .post, url: harness.baseURL + "/api/v1/session", body: .json(Data(#"{"login":"\#(login)","password":"password123"}"#.utf8)))
        )
        let cookie = try #require(signIn.header("Set-Cookie")?.split(separator: ";").first.map(String.init))
        let csrf = try #require((try JSONSerialization.jsonObject(with: signIn.body) as? [String: Any])?["csrfToken"] as? String)
        return [("Cookie", cookie), ("X-CSRF-Token", csrf)]
    }

    static func call(
        _ harness: TelegramAppHarness,
        _ method: HTTPMethod,
        _ path: String,
        as session: [(String, String)],
        json: String? = nil
    ) async throws -> CurlHTTP.HTTPResponse {
        let body: HTTPBody = json.map { .json(Data($0.utf8)) } ?? HTTPBody.none
        return try await harness.client.send(.init(method: method, url: harness.baseURL + path, headers: session, body: body))
    }

    /// Client messages the load report counted today (UTC).
    static func reportedClientMessages(_ harness: TelegramAppHarness, as session: [(String, String)]) async throws -> Int {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.timeZone = TimeZone(identifier: "UTC")
        let today = formatter.string(from: Date())
        let reply = try await call(harness, .get, "/api/v1/reports/load?from=\(today)&to=\(today)&tz=UTC", as: session)
        let days = (try JSONSerialization.jsonObject(with: reply.body) as? [String: Any])?["days"] as? [[String: Any]] ?? []
        return days.compactMap { $0["messagesIn"] as? Int }.reduce(0, +)
    }

    /// Waits until automation handled every event committed so far, so "nothing was sent" is a fact.
    static func automationCaughtUp(_ switchboard: Switchboard) async throws {
        let last = try await switchboard.store.events(after: 0, limit: 100_000).last?.seq ?? 0
        try await eventually("automation handled every event") { try await switchboard.store.automationCursor() >= last }
    }

    @Test func aBannedClientsMessagesAreKeptButOpenSendAndReportNothingUntilTheBanIsLifted() async throws {
        let harness = try await TelegramAppHarness()
        defer { Task { await harness.stop() } }
        _ = try await harness.addChannel(mode: .poll)

        try await harness.serving(automation: true) { switchboard in
            let sofia = try await Self.signIn("sofia", role: .supervisor, harness, switchboard)
            let maria = try await Self.signIn("maria", role: .operator, harness, switchboard)

            // Given a client whose first message opened a conversation and got the welcome
            try await harness.telegram.sendUserMessage(bot: token, from: user, text: "hello")
            try await eventually("welcomed") { await harness.telegram.sentMessages(bot: token).count == 1 }
            let contact = try #require(try await switchboard.store.conversation(ConversationID(1))?.contactID)
            #expect(try await Self.reportedClientMessages(harness, as: sofia) == 1)

            // When an operator tries to ban, they are refused and nothing changes
            let refused = try await Self.call(harness, .post, "/api/v1/contacts/\(contact)/ban", as: maria, json: #"{"reason":"spam"}"#)
            #expect(refused.status == 403)
            #expect(try await switchboard.store.ban(of: contact) == nil)

            // and a supervisor bans the client
            let banned = try await Self.call(harness, .post, "/api/v1/contacts/\(contact)/ban", as: sofia, json: #"{"reason":"spam links"}"#)
            #expect(banned.status == 200)
            #expect(try await switchboard.store.ban(of: contact)?.reason == "spam links")

            // Then three messages (one asking for a human) are stored, held, in the same conversation
            for text in ["buy followers", "operator!", "cheap cheap"] {
                try await harness.telegram.sendUserMessage(bot: token, from: user, text: text)
            }
            try await eventually("three messages stored") {
                try await switchboard.store.messages(in: ConversationID(1)).filter { $0.hold == .banned }.count == 3
            }
            try await Self.automationCaughtUp(switchboard)
            #expect(try await switchboard.store.conversation(ConversationID(2)) == nil)
            #expect(try await switchboard.store.conversation(ConversationID(1))?.status == .open)
            #expect(await harness.telegram.sentMessages(bot: token).count == 1)
            #expect(try await Self.reportedClientMessages(harness, as: sofia) == 1)
            let queues = try await Self.call(harness, .get, "/api/v1/queues", as: sofia)
            let counts = try JSONSerialization.jsonObject(with: queues.body) as? [String: [String: Int]]
            #expect(counts?["all"]?["total"] == 0)
            #expect(counts?["banned"]?["total"] == 1)

            // When the ban is lifted, asking for a human is answered again and counts in reports
            let lifted = try await Self.call(harness, .delete, "/api/v1/contacts/\(contact)/ban", as: sofia)
            #expect(lifted.status == 204)
            try await harness.telegram.sendUserMessage(bot: token, from: user, text: "operator please")
            try await eventually("the escalation notice reached the client") {
                await harness.telegram.sentMessages(bot: token).compactMap(\.text).contains(AutomationText.escalated.defaultText(.en))
            }
            #expect(try await Self.reportedClientMessages(harness, as: sofia) == 2)

            // And the audit log holds both, by the supervisor
            let audit = try await switchboard.store.auditEntries(AuditQuery(actionPrefix: "contact."))
            #expect(audit.map(\.action) == ["contact.unbanned", "contact.banned"])
            #expect(audit.allSatisfy { $0.actor.name == "Sofia" && $0.target == "contact \(contact)" })
        }
    }
}
