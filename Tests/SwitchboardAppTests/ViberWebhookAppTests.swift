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

@Suite struct ViberWebhookAppTests {
    let olena = FakeViber.User(id: "Ol3na+/kovalenko==", name: "Olena", avatar: "https://viber.test/olena.jpg", language: "uk", country: "UA")

    @Test func forgedUnsignedMalformedMisaddressedAndOversizedCallbacksAreRefusedAndStoreNothing() async throws {
        let harness = try await ViberAppHarness()
        defer { Task { await harness.stop() } }
        try await harness.addChannel()
        try await harness.serving { _ in
            let token = ViberAppHarness.token
            let message: [String: Any] = [
                "event": "message", "timestamp": 1, "message_token": 42, "sender": ["id": "x"], "message": ["type": "text", "text": "hi"],
            ]
            #expect(try await harness.viber.sendRawCallback(bot: token, json: message, signature: .forged).status == 403)
            #expect(try await harness.viber.sendRawCallback(bot: token, json: message, signature: .missing).status == 401)
            #expect(try await harness.viber.sendRawCallback(bot: token, json: Data("{oops".utf8)).status == 400)
            #expect(try await harness.viber.sendRawCallback(bot: token, json: Data("[1]".utf8)).status == 400)
            let body = Data(#"{"event":"message","message_token":43,"sender":{"id":"x"},"message":{"type":"text","text":"hi"}}"#.utf8)
            let signature = FakeViber.signature(of: body, token: token)
            // The body was changed after signing: one byte is enough.
            #expect(try await harness.post("/webhooks/viber/support-viber", body: body + Data(" ".utf8), signature: signature).status == 403)
            #expect(try await harness.post("/webhooks/viber/nobody", body: body, signature: signature).status == 404)
            #expect(try await harness.post("/webhooks/telegram/support-viber", body: body, signature: signature).status == 404)
            let huge = Data(repeating: UInt8(ascii: " "), count: (1 << 20) + 1)
            let tooBig = try await harness.post("/webhooks/viber/support-viber", body: huge, signature: signature)
            #expect(tooBig.status == 413)
        }
        let inspector = try DatabaseInspector(path: harness.config.databasePath)
        #expect(
            try inspector.ingestCounts() == ["contacts": 0, "identities": 0, "conversations": 0, "messages": 0, "events": 0, "inbound_receipts": 0]
        )
    }

    @Test func conversationStartedAnswersTheWelcomeKeepsTheContextAndTheFirstMessageOpensTheConversation() async throws {
        let harness = try await ViberAppHarness()
        defer { Task { await harness.stop() } }
        try await harness.addChannel()
        try await harness.serving { switchboard in
            let opened = try await harness.viber.userOpensChat(bot: ViberAppHarness.token, user: olena, context: "order-4711")
            #expect(opened.acknowledged)
            #expect(opened.welcomeRejection == nil)
            #expect(opened.welcome?.text == ViberAppHarness.welcome)
            #expect(opened.welcome?.senderName == "Acme Support")
            // Opening the chat is not a conversation yet, but the client's profile is kept.
            #expect(try await switchboard.store.conversation(ConversationID(1)) == nil)
            let identity = try #require(try await switchboard.store.identities(of: ContactID(1)).first)
            #expect(identity.profileName == "Olena")
            #expect(identity.avatarURL == "https://viber.test/olena.jpg")
            #expect(identity.country == "UA")
            #expect(identity.language == "uk")

            try await harness.viber.userSends(bot: ViberAppHarness.token, user: olena, message: .text("Hi, about my order"))
            let conversation = try #require(try await switchboard.store.conversation(ConversationID(1)))
            #expect(conversation.contextKey == "order-4711")
            #expect(try await switchboard.store.messages(in: conversation.id).map(\.text) == ["Hi, about my order"])
        }
    }

    @Test func redeliveredCallbacksAreStoredOnceAndUnknownEventsAreKept() async throws {
        let harness = try await ViberAppHarness()
        defer { Task { await harness.stop() } }
        try await harness.addChannel()
        try await harness.serving { switchboard in
            let first = try await harness.viber.userSends(bot: ViberAppHarness.token, user: olena, message: .text("once"))
            // Viber redelivers the very same bytes when it missed our 200.
            #expect(try await harness.viber.sendRawCallback(bot: ViberAppHarness.token, json: first.body).status == 200)
            #expect(try await switchboard.store.messages(in: ConversationID(1)).map(\.text) == ["once"])

            let unknown = try await harness.viber.sendUnknownEvent(bot: ViberAppHarness.token, event: "client_status", user: olena)
            #expect(unknown.acknowledged)
            let kept = try await switchboard.store.messages(in: ConversationID(1)).last
            #expect(kept?.attachments.first?.kind == .unsupported)
            #expect(kept?.attachments.first?.details["kind"] == "client_status")
        }
    }

    @Test func aTokenViberRejectsMarksTheChannelBrokenWithTheReason() async throws {
        let harness = try await ViberAppHarness()
        defer { Task { await harness.stop() } }
        let refused = await #expect(throws: ChannelAdminError.self) { try await harness.addChannel(token: "not-the-token") }
        #expect(refused?.description.contains("Viber rejected the token") == true)
        #expect(refused?.description.contains("not-the-token") == false)

        try await harness.addChannel()
        // The token is revoked after it was added: set_webhook answers status 2.
        try await harness.viber.failNext(bot: ViberAppHarness.token, method: "set_webhook", with: .status(2))
        try await harness.serving(waitForWebhook: false) { switchboard in
            try await eventually("marked broken") { try await switchboard.store.channels().first?.problem != nil }
        }
        let list = try await harness.listOutput()
        #expect(list.contains("BROKEN: Viber status 2: invalidAuthToken"))
        #expect(list.contains("viber"))
        #expect(!list.contains(ViberAppHarness.token))
        #expect(harness.logs.text.contains("viber channel is broken"))
    }

    @Test func avatarsAreServedPubliclyOnlyFromTheAvatarsFolderAndOversizedOnesAreRefused() async throws {
        let harness = try await ViberAppHarness()
        defer { Task { await harness.stop() } }
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + Data(repeating: 7, count: 64)
        let media = URL(fileURLWithPath: harness.config.mediaDirectory, isDirectory: true)
        let url = try Avatars.store(png, name: "logo.png", mediaDirectory: media, publicURL: harness.config.publicURL)
        #expect(url == harness.logoURL)
        let tooBig = Data([0xFF, 0xD8, 0xFF]) + Data(repeating: 0, count: Avatars.maxBytes)
        #expect(throws: Avatars.Refusal.self) {
            try Avatars.store(tooBig, name: "big.jpg", mediaDirectory: media, publicURL: harness.config.publicURL)
        }
        #expect(throws: Avatars.Refusal.self) {
            try Avatars.store(Data("<html>".utf8), name: "x.png", mediaDirectory: media, publicURL: harness.config.publicURL)
        }
        try Data("secret".utf8).write(to: media.appendingPathComponent("private.png"))

        try await harness.serving(waitForWebhook: false) { _ in
            let served = try await harness.client.send(.init(url: url))
            #expect(served.status == 200)
            #expect(served.header("Content-Type") == "image/png")
            #expect(served.body == png)
            #expect(try await harness.client.send(.init(url: harness.baseURL + "/avatars/big.jpg")).status == 404)
            #expect(try await harness.client.send(.init(url: harness.baseURL + "/avatars/..%2Fprivate.png")).status == 404)
        }
    }
}
