import CurlHTTP
import Foundation
import MessengerFakes
import SwitchboardApp
import SwitchboardCore
import TestSupport
import Testing

@Suite(.serialized) struct CrossChannelLinkingTests {
    let telegramUser = FakeTelegram.User(id: 5_000_000_201, firstName: "Olena", username: "olena_k", languageCode: "en")
    let viberUser = FakeViber.User(id: "olena-viber==", name: "Olena V", language: "en")

    @Test func aClientLinkedByCodeHasOneContactOneOrderedHistoryAndTheNameSetOnTelegram() async throws {
        let harness = try await ContinuityHarness()
        defer { Task { await harness.stop() } }
        try await harness.setUp()
        try await harness.serving { _ in
            let maria = try await harness.signIn("maria")
            // Given the client wrote on Telegram and the operator set how to address her there.
            _ = try await harness.telegram.sendUserMessage(bot: ContinuityHarness.telegramToken, from: telegramUser, text: "Hello from Telegram")
            let telegramConversation = try await conversation(harness, maria, endingWith: "Hello from Telegram")
            let telegramDetail = try await harness.api(.get, "/api/v1/conversations/\(telegramConversation)", as: maria).json
            let contactID = try #require((telegramDetail["contact"] as? [String: Any])?["id"] as? Int)
            let named = try await harness.api(.patch, "/api/v1/contacts/\(contactID)", json: ["preferredName": "pani Olena"], as: maria)
            #expect(named.status == 200)

            // And later she writes on Viber, a separate contact so far.
            _ = try await harness.viber.userSends(bot: ContinuityHarness.viberToken, user: viberUser, message: .text("Hi from Viber"))
            let viberConversation = try await conversation(harness, maria, endingWith: "Hi from Viber")
            #expect(try await contactName(harness, maria, viberConversation) == nil)

            // When she asks for a code on Viber and sends it on Telegram.
            _ = try await harness.viber.userSends(bot: ContinuityHarness.viberToken, user: viberUser, message: .text("link"))
            var code: String?
            try await eventually("the code reaches Viber") {
                let texts = await harness.viber.sentMessages(bot: ContinuityHarness.viberToken, receiver: viberUser.id).compactMap(\.text)
                code = texts.lazy.compactMap { text in text.range(of: "[0-9]{6}", options: .regularExpression).map { String(text[$0]) } }.first
                return code != nil
            }
            _ = try await harness.telegram.sendUserMessage(bot: ContinuityHarness.telegramToken, from: telegramUser, text: try #require(code))
            try await eventually("the bot confirms on Telegram") {
                await harness.telegram.sentMessages(bot: ContinuityHarness.telegramToken, chatId: telegramUser.id)
                    .contains { $0.text?.contains("as one") == true }
            }

            // Then both conversations belong to one contact, with the name set on Telegram.
            let viberDetail = try await harness.api(.get, "/api/v1/conversations/\(viberConversation)", as: maria).json
            #expect((viberDetail["contact"] as? [String: Any])?["id"] as? Int == contactID)
            #expect(try await contactName(harness, maria, viberConversation) == "pani Olena")
            let identities = viberDetail["identities"] as? [[String: Any]] ?? []
            #expect(Set(identities.compactMap { ($0["channel"] as? [String: Any])?["kind"] as? String }) == ["telegram", "viber"])

            // And one history, in the order it happened, each message with its messenger.
            let timeline = try await harness.api(.get, "/api/v1/conversations/\(viberConversation)/messages?limit=200", as: maria).items.reversed()
            let fromClient = timeline.filter { $0["direction"] as? String == "in" }
            #expect(fromClient.compactMap { $0["text"] as? String } == ["Hello from Telegram", "Hi from Viber", "link", code])
            #expect(
                fromClient.compactMap { ($0["channel"] as? [String: Any])?["kind"] as? String } == ["telegram", "viber", "viber", "telegram"]
            )
            let ids = timeline.compactMap { $0["id"] as? Int }
            #expect(ids == ids.sorted())

            // A reply goes where she last wrote (Telegram); the operator can pick Viber instead.
            let reply = try await harness.api(
                .post,
                "/api/v1/conversations/\(viberConversation)/messages",
                json: ["text": "Thanks, linked!"],
                as: maria
            )
            #expect(reply.status == 201)
            #expect(reply.json["conversationID"] as? Int == telegramConversation)
            try await eventually("the reply on Telegram") {
                await harness.telegram.sentMessages(bot: ContinuityHarness.telegramToken, chatId: telegramUser.id).contains {
                    $0.text?.contains("Thanks, linked!") == true
                }
            }
            let viberIdentity = try #require(identities.first { ($0["channel"] as? [String: Any])?["kind"] as? String == "viber" }?["id"] as? Int)
            let picked = try await harness.api(
                .post,
                "/api/v1/conversations/\(telegramConversation)/messages",
                json: ["text": "Also here on Viber", "identityID": viberIdentity],
                as: maria
            )
            #expect(picked.json["conversationID"] as? Int == viberConversation)
            try await eventually("the reply on Viber") {
                await harness.viber.sentMessages(bot: ContinuityHarness.viberToken, receiver: viberUser.id).contains {
                    $0.text?.contains("Also here on Viber") == true
                }
            }
            let unknown = try await harness.api(
                .post,
                "/api/v1/conversations/\(telegramConversation)/messages",
                json: ["text": "x", "identityID": 9999],
                as: maria
            )
            #expect(unknown.errorCode == "unknown_identity")
        }
    }

    @Test func askingHowToAddressCapturesTheClientsNextMessage() async throws {
        let harness = try await ContinuityHarness()
        defer { Task { await harness.stop() } }
        try await harness.setUp()
        try await harness.serving { _ in
            let maria = try await harness.signIn("maria")
            _ = try await harness.telegram.sendUserMessage(bot: ContinuityHarness.telegramToken, from: telegramUser, text: "hi")
            let id = try await conversation(harness, maria, endingWith: "hi")
            let placeholder = try await harness.api(.get, "/api/v1/conversations/\(id)", as: maria).json["contact"] as? [String: Any]
            #expect(placeholder?["displayName"] as? String == "Olena")

            // One click sends the question.
            let asked = try await harness.api(.post, "/api/v1/conversations/\(id)/ask-address", json: [String: Any](), as: maria)
            #expect(asked.status == 201)
            try await eventually("the question reaches Telegram") {
                await harness.telegram.sentMessages(bot: ContinuityHarness.telegramToken, chatId: telegramUser.id).contains {
                    $0.text?.contains("How would you like me to address you?") == true
                }
            }
            // The client's answer becomes the preferred form of address, and only that answer.
            _ = try await harness.telegram.sendUserMessage(bot: ContinuityHarness.telegramToken, from: telegramUser, text: "Just Lena, please")
            try await eventually("the answer is captured") { try await contactName(harness, maria, id) == "Just Lena, please" }
            _ = try await harness.telegram.sendUserMessage(bot: ContinuityHarness.telegramToken, from: telegramUser, text: "and my order?")
            _ = try await conversation(harness, maria, endingWith: "and my order?")
            #expect(try await contactName(harness, maria, id) == "Just Lena, please")
        }
    }

    @Test func theOperatorSendsTheSharePhoneButtonAndSharedNumbersAreOfferedForLinking() async throws {
        let harness = try await ContinuityHarness()
        defer { Task { await harness.stop() } }
        try await harness.setUp()
        try await harness.serving { _ in
            let sofia = try await harness.signIn("sofia")
            _ = try await harness.telegram.sendUserMessage(bot: ContinuityHarness.telegramToken, from: telegramUser, text: "hi on telegram")
            let telegramConversation = try await conversation(harness, sofia, endingWith: "hi on telegram")
            #expect(try await harness.api(.post, "/api/v1/conversations/\(telegramConversation)/request-phone", as: sofia).status == 204)
            try await eventually("the keyboard reaches Telegram") {
                await harness.telegram.sentMessages(bot: ContinuityHarness.telegramToken, chatId: telegramUser.id).contains {
                    $0.replyMarkup?.contains("\"request_contact\":true") == true
                }
            }
            // The client taps it: Telegram sends their own contact card.
            let contact: [String: Any] = [
                "message_id": 77, "date": Int(Date().timeIntervalSince1970),
                "chat": ["id": telegramUser.id, "type": "private", "first_name": "Olena"],
                "from": ["id": telegramUser.id, "is_bot": false, "first_name": "Olena"],
                "contact": ["phone_number": "380501234567", "first_name": "Olena", "user_id": telegramUser.id],
            ]
            _ = try await harness.telegram.enqueueUpdate(bot: ContinuityHarness.telegramToken, json: ["message": contact])
            _ = try await harness.viber.userSends(bot: ContinuityHarness.viberToken, user: viberUser, message: .text("hi on viber"))
            let viberConversation = try await conversationCount(harness, sofia, 2)
            // On Viber the same click sends a keyboard whose button shares the number as a contact message.
            #expect(try await harness.api(.post, "/api/v1/conversations/\(viberConversation)/request-phone", as: sofia).status == 204)
            try await eventually("the share-phone keyboard reaches Viber") {
                await harness.viber.sentMessages(bot: ContinuityHarness.viberToken, receiver: viberUser.id).contains { sent in
                    let buttons = sent.keyboardObject?["Buttons"] as? [[String: Any]] ?? []
                    return buttons.contains { $0["ActionType"] as? String == "share-phone" }
                }
            }
            try await harness.viber.userSharesPhone(bot: ContinuityHarness.viberToken, user: viberUser, name: "Olena", phoneNumber: "+380501234567")
            var matches: [[String: Any]] = []
            try await eventually("the shared number is offered") {
                matches =
                    try await harness.api(.get, "/api/v1/conversations/\(viberConversation)", as: sofia).json["phoneMatches"] as? [[String: Any]]
                    ?? []
                return !matches.isEmpty
            }
            let telegramContact = try #require(
                (try await harness.api(.get, "/api/v1/conversations/\(telegramConversation)", as: sofia).json["contact"] as? [String: Any])?["id"]
                    as? Int
            )
            #expect(matches.compactMap { $0["id"] as? Int } == [telegramContact])
        }
    }

    func conversation(_ harness: ContinuityHarness, _ session: ContinuityHarness.Session, endingWith text: String) async throws -> Int {
        var found: Int?
        try await eventually("a conversation ending with \(text)") {
            let items = try await harness.api(.get, "/api/v1/conversations?filter=all", as: session).items
            found = items.first { ($0["lastMessage"] as? [String: Any])?["text"] as? String == text }?["id"] as? Int
            return found != nil
        }
        return try #require(found)
    }

    func conversationCount(_ harness: ContinuityHarness, _ session: ContinuityHarness.Session, _ count: Int) async throws -> Int {
        var ids: [Int] = []
        try await eventually("\(count) conversations") {
            ids = try await harness.api(.get, "/api/v1/conversations?filter=all", as: session).items.compactMap { $0["id"] as? Int }
            return ids.count >= count
        }
        return try #require(ids.max())
    }

    func contactName(_ harness: ContinuityHarness, _ session: ContinuityHarness.Session, _ id: Int) async throws -> String? {
        (try await harness.api(.get, "/api/v1/conversations/\(id)", as: session).json["contact"] as? [String: Any])?["preferredName"] as? String
    }
}
