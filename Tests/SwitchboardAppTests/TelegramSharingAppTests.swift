import Accounts
import CurlHTTP
import Foundation
import MessengerFakes
import SQLiteStore
import SwitchboardApp
import SwitchboardCore
import TestSupport
import Testing

/// Albums from clients and locations from operators, through the public API and the fake Telegram.
@Suite struct TelegramSharingAppTests {
    let token = TelegramAppHarness.token
    static let client = FakeTelegram.User(id: 5_000_000_031, firstName: "Olena")

    /// Signs Maria in; returns the headers an inbox request carries.
    static func signIn(_ harness: TelegramAppHarness, _ switchboard: Switchboard) async throws -> [(String, String)] {
        let hash = try await PasswordHasher(cost: 4).hash("password123")
        _ = try await switchboard.store.createOperator(
            OperatorDraft(login: "maria", displayName: "Maria", role: .operator, passwordHash: hash),
            at: Date()
        )
        let signIn = try await harness.client.send(
            .init(method: .post, url: harness.baseURL + "/api/v1/session", body: .json(Data(#"{"login":"maria","password":"password123"}"#.utf8)))
        )
        let cookie = try #require(signIn.header("Set-Cookie")?.split(separator: ";").first.map(String.init))
        let csrf = try #require((try JSONSerialization.jsonObject(with: signIn.body) as? [String: Any])?["csrfToken"] as? String)
        return [("Cookie", cookie), ("X-CSRF-Token", csrf)]
    }

    @Test func anInboundAlbumOfThreeIsOneTimelineMessageWithThreeAttachments() async throws {
        let harness = try await TelegramAppHarness()
        defer { Task { await harness.stop() } }
        _ = try await harness.addChannel(mode: .poll)
        let photos = (1...3).map { Data([0xFF, 0xD8, 0xFF, 0xE0]) + Data("receipt page \($0)".utf8) }

        try await harness.serving { switchboard in
            // Given a client who sends three photos at once, which Telegram delivers as three updates
            let updates = try await harness.telegram.sendUserAlbum(bot: token, from: Self.client, photos: photos, caption: "receipts")
            #expect(updates.count == 3)
            try await eventually("album stored and acknowledged") {
                let stored = try await switchboard.store.messages(in: ConversationID(1)).first?.attachments ?? []
                let pending = await harness.telegram.pendingUpdateCount(bot: token)
                return pending == 0 && stored.count == 3 && stored.allSatisfy { $0.storedPath != nil }
            }
            let headers = try await Self.signIn(harness, switchboard)

            // When an operator opens the conversation
            let timeline = try await harness.client.send(.init(url: harness.baseURL + "/api/v1/conversations/1/messages", headers: headers))

            // Then it shows one message holding the three photos, each served to the operator
            #expect(timeline.status == 200)
            let items = try #require((try JSONSerialization.jsonObject(with: timeline.body) as? [String: Any])?["items"] as? [[String: Any]])
            #expect(items.count == 1)
            let message = try #require(items.first)
            #expect(message["text"] as? String == "receipts")
            let attachments = try #require(message["attachments"] as? [[String: Any]])
            #expect(attachments.count == 3)
            #expect(attachments.allSatisfy { $0["kind"] as? String == "photo" })
            var served: [Data] = []
            for attachment in attachments {
                let url = try #require(attachment["url"] as? String)
                served.append(try await harness.client.send(.init(url: harness.baseURL + url, headers: headers)).body)
            }
            #expect(served == photos)
        }
    }

    @Test func aLocationReplyReachesTheClientAsSendLocation() async throws {
        let harness = try await TelegramAppHarness()
        defer { Task { await harness.stop() } }
        _ = try await harness.addChannel(mode: .poll)

        try await harness.serving { switchboard in
            try await harness.telegram.sendUserMessage(bot: token, from: Self.client, text: "where are you?")
            try await eventually("conversation stored") { try await switchboard.store.conversation(ConversationID(1)) != nil }
            let headers = try await Self.signIn(harness, switchboard) + [("Content-Type", "application/json")]
            let url = harness.baseURL + "/api/v1/conversations/1/messages"

            // When the operator sends a location, after refusing one off the globe
            let wrong = try await harness.client.send(
                .init(method: .post, url: url, headers: headers, body: .json(Data(#"{"location":{"latitude":123,"longitude":30}}"#.utf8)))
            )
            let posted = try await harness.client.send(
                .init(method: .post, url: url, headers: headers, body: .json(Data(#"{"location":{"latitude":50.4501,"longitude":30.5234}}"#.utf8)))
            )

            // Then the bad one changed nothing and the good one reached Telegram as sendLocation
            #expect(wrong.status == 400)
            #expect(String(decoding: wrong.body, as: UTF8.self).contains("invalid_location"))
            #expect(posted.status == 201)
            try await eventually("location sent") { await !harness.telegram.sentMessages(bot: token, chatId: Self.client.id).isEmpty }
            let sent = await harness.telegram.sentMessages(bot: token, chatId: Self.client.id)
            #expect(sent.map(\.method) == ["sendLocation"])
            #expect(sent.first?.parameters["latitude"].flatMap(Double.init) == 50.4501)
            #expect(sent.first?.parameters["longitude"].flatMap(Double.init) == 30.5234)
            let stored = try await switchboard.store.messages(in: ConversationID(1)).filter { $0.direction == .outbound }
            #expect(stored.map { $0.attachments.map(\.kind) } == [[.location]])
        }
    }
}
