import Foundation
import MessengerFakes
import Testing

@Suite("Viber callbacks")
struct ViberCallbackTests {
    @Test func signatureMatchesAnHMACComputedByPython() {
        // python3: hmac.new(token, body, hashlib.sha256).hexdigest()
        let body = Data(#"{"event":"webhook","timestamp":1457764197627,"chat_hostname":"SN-CHAT-05_","message_token":241256543215}"#.utf8)
        #expect(FakeViber.signature(of: body, token: viberToken) == "75ba2f2fca3696ae68199c7fc550c5a0fa7733f43d8f7fbaed6b082884982d6b")
    }

    @Test func everyCallbackIsSignedOverItsExactBody() async throws {
        try await withFakeViber { viber, _, receiver in
            let results = [
                try await viber.userSubscribes(bot: viberToken, user: vAnn),
                try await viber.userSends(bot: viberToken, user: vAnn, message: .text("hi")),
                try await viber.delivered(bot: viberToken, user: vAnn, messageToken: 7),
                try await viber.userUnsubscribes(bot: viberToken, user: vAnn),
            ]
            let hits = await receiver.hits.filter { $0.event != "webhook" }
            #expect(hits.map(\.event) == ["subscribed", "message", "delivered", "unsubscribed"])
            #expect(hits.allSatisfy { $0.signatureValid })
            #expect(hits.map(\.body) == results.map(\.body))
            #expect(hits.map(\.signature) == results.map(\.signature))
            #expect(hits[3].object["user_id"] as? String == vAnn.id)
            #expect(hits[3].object["user"] == nil)
        }
    }

    @Test func rawCallbacksCanBeForgedUnsignedOrMalformed() async throws {
        try await withFakeViber { viber, _, receiver in
            let forged = try await viber.sendRawCallback(bot: viberToken, json: ["event": "seen", "message_token": 1], signature: .forged)
            let unsigned = try await viber.sendRawCallback(bot: viberToken, json: ["event": "seen"], signature: .missing)
            let garbage = Data("{not json".utf8)
            let malformed = try await viber.sendRawCallback(bot: viberToken, json: garbage)
            let hits = await receiver.hits.filter { $0.event != "webhook" }
            try #require(hits.count == 3)
            #expect(forged.signature != nil && !hits[0].signatureValid)
            #expect(unsigned.signature == nil && hits[1].signature == nil)
            #expect(hits[2].body == garbage && hits[2].signatureValid)
            #expect(malformed.attempts == 1)
        }
    }

    @Test func conversationStartedCapturesTheWelcomeMessage() async throws {
        try await withFakeViber { viber, client, receiver in
            await receiver.setWelcome([
                "sender": ["name": "Acme Support", "avatar": "https://acme.example/logo.jpg"], "type": "text", "text": "Welcome!",
                "tracking_data": "welcome",
            ])
            let result = try await viber.userOpensChat(bot: viberToken, user: vAnn, context: "promo-42", subscribed: false)
            let hit = try #require(await receiver.hits("conversation_started").first)
            #expect(hit.object["context"] as? String == "promo-42")
            #expect(hit.object["type"] as? String == "open")
            #expect(hit.object["subscribed"] as? Bool == false)
            #expect((hit.object["user"] as? [String: Any])?["id"] as? String == vAnn.id)
            let welcome = try #require(result.welcome)
            #expect(welcome.isWelcome && welcome.text == "Welcome!" && welcome.senderName == "Acme Support")
            #expect(welcome.receiver == vAnn.id)
            #expect(await viber.sentMessages(bot: viberToken, receiver: vAnn.id).count == 1)
            // A welcome message is no subscription: the bot still cannot write first.
            #expect(try await client.send(to: vAnn.id).status == 6)
            try await viber.userSends(bot: viberToken, user: vAnn, message: .text("hello"))
            let echoed = await receiver.hits("message").first?.object["message"] as? [String: Any]
            #expect(echoed?["tracking_data"] as? String == "welcome")
        }
    }

    @Test func invalidWelcomeMessageIsRejectedAndNotRecorded() async throws {
        try await withFakeViber { viber, _, receiver in
            await receiver.setWelcome(["type": "text", "text": "no sender"])
            let result = try await viber.userOpensChat(bot: viberToken, user: vAnn)
            #expect(result.acknowledged)
            #expect(result.welcome == nil)
            #expect(result.welcomeRejection?.status == 4)
            #expect(await viber.sentMessages(bot: viberToken).isEmpty)
        }
    }

    @Test func redeliversOnNon200WithTheSameMessageToken() async throws {
        try await withFakeViber { viber, _, receiver in
            await receiver.script(event: "message", statuses: [500, 503])
            let result = try await viber.userSends(bot: viberToken, user: vAnn, message: .text("flaky"))
            #expect(result.attempts == 3)
            #expect(result.acknowledged)
            let hits = await receiver.hits("message")
            #expect(hits.map(\.status) == [500, 503, 200])
            #expect(Set(hits.map(\.messageToken)) == [result.messageToken])
            #expect(Set(hits.map(\.body)).count == 1)
            let attempts = await viber.callbackAttempts(bot: viberToken).filter { $0.event == "message" }
            #expect(attempts.map(\.attempt) == [1, 2, 3])
            #expect(attempts.map(\.status) == [500, 503, 200])
        }
    }

    @Test func givesUpAfterMaxAttemptsAndCountsTimeouts() async throws {
        try await withFakeViber(
            .test {
                $0.callbackMaxAttempts = 2
                // The set_webhook check in the setup needs the same timeout on a loaded machine.
                $0.callbackTimeout = .seconds(6)
            }
        ) { viber, _, receiver in
            await receiver.setDelay(.seconds(8))
            let result = try await viber.seen(bot: viberToken, user: vAnn, messageToken: 42)
            #expect(result.attempts == 2)
            #expect(result.status == nil)
            #expect(!result.acknowledged)
            let attempts = await viber.callbackAttempts(bot: viberToken).filter { $0.event == "seen" }
            #expect(attempts.count == 2 && attempts.allSatisfy { $0.error != nil })
        }
    }

    @Test func userMessagesOfEveryTypeEchoTrackingData() async throws {
        try await withFakeViber { viber, client, receiver in
            try await viber.addUser(bot: viberToken, user: vAnn)
            _ = try await client.send(to: vAnn.id, ["tracking_data": "conv-7"])
            let messages: [FakeViber.UserMessage] = [
                .text("hi"), .picture(url: "https://dl.viber.example/p.jpg", caption: "look"),
                .video(url: "https://dl.viber.example/v.mp4", size: 900),
                .file(url: "https://dl.viber.example/f", size: 12, fileName: "a.pdf"), .sticker(id: 114_406), .location(lat: 50.4, lon: 30.5),
                .contact(name: "Bob", phoneNumber: "+380501112233"), .url("https://acme.example"),
            ]
            for message in messages { try await viber.userSends(bot: viberToken, user: vAnn, message: message) }
            let bodies = await receiver.hits("message").compactMap { $0.object["message"] as? [String: Any] }
            #expect(bodies.compactMap { $0["type"] as? String } == ["text", "picture", "video", "file", "sticker", "location", "contact", "url"])
            #expect(bodies.allSatisfy { $0["tracking_data"] as? String == "conv-7" })
            #expect(bodies[3]["file_name"] as? String == "a.pdf")
            #expect((bodies[6]["contact"] as? [String: Any])?["phone_number"] as? String == "+380501112233")
        }
    }

    @Test func receiptsCarryTheBotsMessageTokenAndUnknownEventsArrive() async throws {
        try await withFakeViber { viber, client, receiver in
            try await viber.addUser(bot: viberToken, user: vAnn)
            let token = try #require(try await client.send(to: vAnn.id).messageToken)
            try await viber.delivered(bot: viberToken, user: vAnn, messageToken: token)
            try await viber.failed(bot: viberToken, user: vAnn, messageToken: token, desc: "keyboard is invalid")
            let unknown = try await viber.sendUnknownEvent(bot: viberToken, user: vAnn)
            #expect(unknown.acknowledged)
            let hits = await receiver.hits.filter { $0.event != "webhook" }
            #expect(hits.map(\.event) == ["delivered", "failed", "client_status"])
            #expect(hits[0].messageToken == token && hits[1].messageToken == token)
            #expect(hits[1].object["desc"] as? String == "keyboard is invalid")
            #expect(hits[0].object["user_id"] as? String == vAnn.id)
        }
    }
}
