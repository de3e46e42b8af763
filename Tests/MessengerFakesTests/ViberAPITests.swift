import Foundation
import MessengerFakes
import Testing

@Suite("Viber API: auth, envelope and account methods")
struct ViberAPITests {
    @Test func missingTokenIsStatus2OverHTTP200() async throws {
        try await withFakeViber { viber, _, _ in
            let answer = try await ViberClient(viber: viber, token: nil).call("get_account_info")
            #expect(answer.httpStatus == 200)
            #expect(answer.status == 2)
            #expect(answer.statusMessage == "missing_auth_token")
        }
    }

    @Test func unknownTokenIsInvalidAuthToken() async throws {
        try await withFakeViber { viber, _, _ in
            let answer = try await ViberClient(viber: viber, token: "not-a-bot").call("send_message", ["receiver": vAnn.id])
            #expect(answer.httpStatus == 200)
            #expect(answer.status == 2)
            #expect(answer.statusMessage == "invalidAuthToken")
            #expect(answer.object["chat_hostname"] as? String == "SN-CHAT-05_")
        }
    }

    @Test func unknownMethodIsHTTP404() async throws {
        try await withFakeViber { _, client, _ in
            let answer = try await client.call("send_everything")
            #expect(answer.httpStatus == 404)
        }
    }

    @Test func malformedJSONIsBadData() async throws {
        try await withFakeViber { _, client, _ in
            let answer = try await client.post("send_message", body: Data("{\"receiver\":".utf8))
            #expect(answer.status == 3)
        }
    }

    @Test func accountInfoReportsProfileWebhookAndSubscribers() async throws {
        try await withFakeViber { viber, client, receiver in
            try await viber.userSubscribes(bot: viberToken, user: vAnn)
            let info = try await client.call("get_account_info")
            #expect(info.status == 0)
            #expect(info.statusMessage == "ok")
            #expect(info.object["name"] as? String == "Acme Support")
            #expect(info.object["uri"] as? String == "acmesupport")
            #expect(info.object["icon"] as? String == "https://acme.example/logo.jpg")
            #expect(info.object["webhook"] as? String == (await receiver.url.absoluteString))
            #expect(info.object["subscribers_count"] as? Int == 1)
            #expect(await viber.calls(bot: viberToken, method: "get_account_info").count == 1)
        }
    }

    @Test func userDetailsAllowTwoLookupsPerUserPer12Hours() async throws {
        let clock = ViberTestClock()
        try await withFakeViber(.test { $0.now = { clock.now } }) { viber, client, _ in
            try await viber.addUser(bot: viberToken, user: vBob)
            let first = try await client.call("get_user_details", ["id": vBob.id])
            #expect(first.status == 0)
            let user = try #require(first.object["user"] as? [String: Any])
            #expect(user["id"] as? String == vBob.id)
            #expect(user["name"] as? String == "Bob")
            #expect(user["country"] as? String == "UA")
            #expect(user["api_version"] as? Int == 3)
            #expect(user["primary_device_os"] != nil)
            #expect(try await client.call("get_user_details", ["id": vBob.id]).status == 0)
            #expect(try await client.call("get_user_details", ["id": vBob.id]).status == 12)
            #expect(try await client.call("get_user_details", ["id": "unknown="]).status == 5)
            clock.advance(12 * 3600)
            #expect(try await client.call("get_user_details", ["id": vBob.id]).status == 0)
        }
    }

    @Test func getOnlineTakesAtMost100Ids() async throws {
        try await withFakeViber { viber, client, _ in
            try await viber.addUser(bot: viberToken, user: vAnn)
            let online = try await client.call("get_online", ["ids": [vAnn.id, "other="]])
            let users = online.object["users"] as? [[String: Any]] ?? []
            #expect(users.map { $0["online_status"] as? Int } == [0, 4])
            let tooMany = (0...100).map { "id\($0)=" }
            #expect(try await client.call("get_online", ["ids": tooMany]).status == 3)
        }
    }
}
