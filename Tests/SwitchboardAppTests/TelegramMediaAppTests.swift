import Accounts
import CurlHTTP
import Foundation
import MessengerFakes
import SQLiteStore
import SwitchboardApp
import SwitchboardCore
import SwitchboardWeb
import TestSupport
import Testing

@Suite struct TelegramMediaAppTests {
    @Test func photoFromAClientIsStoredAndShownOnlyToSignedInOperators() async throws {
        let harness = try await TelegramAppHarness()
        defer { Task { await harness.stop() } }
        _ = try await harness.addChannel(mode: .poll)
        let photo = Data([0xFF, 0xD8, 0xFF, 0xE0]) + Data("fake jpeg body".utf8)
        _ = try await harness.telegram.addFile(bot: TelegramAppHarness.token, fileId: "photo-1", bytes: photo, fileName: "photo.jpg")

        try await harness.serving { switchboard in
            // Given a client who sends a photo
            _ = try await harness.telegram.enqueueUpdate(
                bot: TelegramAppHarness.token,
                json: [
                    "message": [
                        "message_id": 7, "date": 1_800_000_000,
                        "chat": ["id": 5_000_000_001, "type": "private", "first_name": "Olena"],
                        "from": ["id": 5_000_000_001, "is_bot": false, "first_name": "Olena"],
                        "photo": [["file_id": "photo-1", "file_unique_id": "u1", "width": 640, "height": 480, "file_size": photo.count]],
                        "caption": "my receipt",
                    ]
                ]
            )
            var attachment: SwitchboardCore.Attachment?
            try await eventually("photo stored") {
                attachment = try await switchboard.store.messages(in: ConversationID(1)).first?.attachments.first
                return attachment?.storedPath != nil
            }
            let path = try #require(attachment?.storedPath)
            let hash = try await PasswordHasher(cost: 4).hash("password123")
            _ = try await switchboard.store.createOperator(
                OperatorDraft(login: "maria", displayName: "Maria", role: .operator, passwordHash: hash),
                at: Date()
            )

            // When an operator signs in and opens it, or someone without a session tries
            let signIn = try await harness.client.send(
                .init(method: .post, url: harness.baseURL + "/api/v1/session", body: .json(Data(#"{"login":"maria","password":"password123"}"#.utf8)))
            )
            let cookie = try #require(signIn.header("Set-Cookie")?.split(separator: ";").first.map(String.init))
            let url = harness.baseURL + "/api/v1/media/" + path
            let shown = try await harness.client.send(.init(url: url, headers: [("Cookie", cookie)]))
            let anonymous = try await harness.client.send(.init(url: url))

            // Then the operator sees the image inline and nobody else gets it
            #expect(shown.status == 200)
            #expect(shown.body == photo)
            #expect(shown.header("Content-Type") == "image/jpeg")
            #expect(anonymous.status == 401)
        }
    }

    @Test func operatorTypingShowsTypingToTheTelegramClient() async throws {
        let harness = try await TelegramAppHarness()
        defer { Task { await harness.stop() } }
        _ = try await harness.addChannel(mode: .poll)
        let user = FakeTelegram.User(id: 5_000_000_002, firstName: "Petro")

        try await harness.serving { switchboard in
            try await harness.telegram.sendUserMessage(bot: TelegramAppHarness.token, from: user, text: "hello")
            try await eventually("conversation stored") { try await switchboard.store.conversation(ConversationID(1)) != nil }
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

            let typing = try await harness.client.send(
                .init(method: .post, url: harness.baseURL + "/api/v1/conversations/1/typing", headers: [("Cookie", cookie), ("X-CSRF-Token", csrf)])
            )

            #expect(typing.status == 204)
            let actions = await harness.telegram.chatActions(bot: TelegramAppHarness.token, chatId: user.id)
            #expect(actions.map(\.action) == ["typing"])
        }
    }
}
