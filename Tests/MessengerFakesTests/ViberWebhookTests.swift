import Foundation
import MessengerFakes
import Testing

@Suite("Viber set_webhook")
struct ViberWebhookTests {
    @Test func setWebhookPerformsASignedHandshakeFirst() async throws {
        try await withFakeViber(setWebhook: false) { viber, client, receiver in
            let url = await receiver.url
            let answer = try await client.call("set_webhook", ["url": url.absoluteString, "event_types": ["seen", "delivered"]])
            #expect(answer.status == 0)
            #expect(answer.object["event_types"] as? [String] == ["delivered", "seen"])
            let hits = await receiver.hits("webhook")
            try #require(hits.count == 1)
            #expect(hits[0].signatureValid)
            #expect(hits[0].object["chat_hostname"] as? String == "SN-CHAT-05_")
            #expect(hits[0].object["timestamp"] as? Int ?? 0 > 1_600_000_000_000)
            #expect(hits[0].messageToken ?? 0 > 1 << 53)
            #expect(await viber.webhookURL(bot: viberToken) == url)
        }
    }

    @Test func failedHandshakeFailsSetWebhook() async throws {
        try await withFakeViber(setWebhook: false) { viber, client, receiver in
            await receiver.script(event: "webhook", statuses: [500])
            let answer = try await client.call("set_webhook", ["url": await receiver.url.absoluteString])
            #expect(answer.httpStatus == 200)
            #expect(answer.status == 1)
            #expect(await viber.webhookURL(bot: viberToken) == nil)
            // The handshake is tried once: Viber does not retry it.
            #expect(await viber.callbackAttempts(bot: viberToken).map(\.status) == [500])
            #expect(try await client.send(to: vAnn.id).status == 10)
        }
    }

    @Test func plainHTTPIsRejectedUnlessAllowed() async throws {
        try await withFakeViber(.test { $0.allowInsecureWebhooks = false }, setWebhook: false) { viber, client, receiver in
            let answer = try await client.call("set_webhook", ["url": await receiver.url.absoluteString])
            #expect(answer.status == 1)
            #expect(await receiver.hits.isEmpty)
            #expect(try await client.call("set_webhook", ["url": "not a url"]).status == 1)
            #expect(try await client.call("set_webhook", [:]).status == 4)
            #expect(await viber.webhookURL(bot: viberToken) == nil)
        }
    }

    @Test func emptyURLRemovesTheWebhook() async throws {
        try await withFakeViber { viber, client, _ in
            try await viber.addUser(bot: viberToken, user: vAnn)
            #expect(try await client.call("set_webhook", ["url": ""]).status == 0)
            #expect(await viber.webhookURL(bot: viberToken) == nil)
            #expect(try await client.send(to: vAnn.id).status == 10)
            await #expect(throws: FakeViber.FakeError.webhookNotSet) { try await viber.userSends(bot: viberToken, user: vAnn, message: .text("hi")) }
        }
    }

    @Test func eventTypesFilterReceiptsButNeverMessages() async throws {
        try await withFakeViber(setWebhook: false) { viber, client, receiver in
            _ = try await client.call("set_webhook", ["url": await receiver.url.absoluteString, "event_types": ["seen"]])
            let delivered = try await viber.delivered(bot: viberToken, user: vAnn, messageToken: 1)
            #expect(delivered.filtered)
            #expect(try await viber.seen(bot: viberToken, user: vAnn, messageToken: 1).acknowledged)
            #expect(try await viber.userSends(bot: viberToken, user: vAnn, message: .text("hi")).acknowledged)
            #expect(await receiver.hits.map(\.event) == ["webhook", "seen", "message"])
        }
    }

    @Test func sendNameAndPhotoFalseHideTheUsersProfile() async throws {
        try await withFakeViber(setWebhook: false) { viber, client, receiver in
            let url = await receiver.url.absoluteString
            _ = try await client.call("set_webhook", ["url": url, "send_name": false, "send_photo": false])
            try await viber.userSends(bot: viberToken, user: vAnn, message: .text("hi"))
            let sender = try #require(await receiver.hits("message").first?.object["sender"] as? [String: Any])
            #expect(sender["name"] as? String == "Subscriber")
            #expect(sender["avatar"] == nil)
            #expect(sender["id"] as? String == vAnn.id)
        }
    }
}
