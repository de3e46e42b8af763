import Foundation
import MessengerFakes
import Testing

@Suite("Viber send_message")
struct ViberSendMessageTests {
    /// A body that Viber must refuse, and the status it answers.
    struct Refused: Sendable, CustomTestStringConvertible {
        var name: String
        var fields: [String: any Sendable]
        var status: Int
        var testDescription: String { name }
    }

    static let refused: [Refused] = [
        .init(name: "missing sender", fields: ["sender": omitted], status: 4),
        .init(name: "missing sender name", fields: ["sender": ["avatar": "https://a.example/x.jpg"]], status: 4),
        .init(name: "sender name over 28", fields: ["sender": ["name": String(repeating: "n", count: 29)]], status: 3),
        .init(name: "sender avatar not a URL", fields: ["sender": ["name": "Acme", "avatar": "logo.jpg"]], status: 3),
        .init(name: "text over 7000", fields: ["text": String(repeating: "t", count: 7001)], status: 3),
        .init(name: "empty text", fields: ["text": ""], status: 4),
        .init(name: "tracking_data over 4000", fields: ["tracking_data": String(repeating: "d", count: 4001)], status: 3),
        .init(name: "unknown type", fields: ["type": "hologram"], status: 3),
        .init(name: "picture without media", fields: ["type": "picture"], status: 4),
        .init(name: "video without size", fields: ["type": "video", "media": "https://m.example/v.mp4"], status: 4),
        .init(name: "file without size", fields: ["type": "file", "media": "https://m.example/a.pdf", "file_name": "a.pdf"], status: 4),
        .init(name: "file without file_name", fields: ["type": "file", "media": "https://m.example/a.pdf", "size": 10], status: 4),
        .init(name: "file .exe", fields: ["type": "file", "media": "https://m.example/a", "size": 10, "file_name": "setup.EXE"], status: 3),
        .init(name: "url over 2000", fields: ["type": "url", "media": "https://u.example/" + String(repeating: "u", count: 2000)], status: 3),
        .init(name: "location missing", fields: ["type": "location"], status: 4),
        .init(
            name: "contact phone over 18",
            fields: ["type": "contact", "contact": ["name": "Ann", "phone_number": String(repeating: "1", count: 19)]],
            status: 3
        ),
        .init(name: "sticker missing", fields: ["type": "sticker"], status: 4),
        .init(
            name: "keyboard without buttons",
            fields: ["keyboard": ["Type": "keyboard", "Buttons": [String]()] as [String: any Sendable]],
            status: 3
        ),
        .init(
            name: "keyboard button without ActionBody",
            fields: ["keyboard": ["Type": "keyboard", "Buttons": [["Text": "Yes", "ActionType": "reply"]]] as [String: any Sendable]],
            status: 3
        ),
        .init(
            name: "keyboard button wider than a row",
            fields: [
                "keyboard": ["Type": "keyboard", "Buttons": [["Text": "Yes", "ActionBody": "y", "Columns": 7] as [String: any Sendable]]]
                    as [String: any Sendable]
            ],
            status: 3
        ),
        .init(
            name: "rich_media below api 2",
            fields: ["type": "rich_media", "rich_media": ["Type": "rich_media", "Buttons": [["Text": "x"]]] as [String: any Sendable]],
            status: 14
        ),
        .init(name: "missing receiver", fields: ["receiver": omitted], status: 4),
    ]

    @Test(arguments: refused)
    func refusesInvalidBodies(_ case: Refused) async throws {
        try await withFakeViber { viber, client, _ in
            try await viber.addUser(bot: viberToken, user: vAnn)
            let answer = try await client.send(to: vAnn.id, `case`.fields)
            #expect(answer.httpStatus == 200)
            #expect(answer.status == `case`.status, "\(answer.object)")
            #expect(await viber.sentMessages(bot: viberToken).isEmpty)
        }
    }

    @Test func receiverMustBeKnownAndSubscribed() async throws {
        try await withFakeViber { viber, client, _ in
            #expect(try await client.send(to: "unknown+user/id=").status == 5)
            try await viber.userOpensChat(bot: viberToken, user: vAnn, context: nil)
            let notSubscribed = try await client.send(to: vAnn.id)
            #expect(notSubscribed.status == 6)
            #expect(notSubscribed.statusMessage == "notSubscribed")
            try await viber.userSends(bot: viberToken, user: vAnn, message: .text("hi"))
            #expect(try await client.send(to: vAnn.id).status == 0)
            try await viber.userUnsubscribes(bot: viberToken, user: vAnn)
            #expect(try await client.send(to: vAnn.id).status == 6)
        }
    }

    @Test func bodyOver30KBIsBadData() async throws {
        try await withFakeViber { viber, client, _ in
            try await viber.addUser(bot: viberToken, user: vAnn)
            let answer = try await client.send(to: vAnn.id, ["tracking_data": String(repeating: "x", count: 31 * 1024)])
            #expect(answer.status == 3)
            #expect(answer.statusMessage?.contains("larger") == true)
        }
    }

    @Test func minApiVersionAboveTheUsersIsRefused() async throws {
        try await withFakeViber { viber, client, _ in
            try await viber.addUser(bot: viberToken, user: vBob)
            #expect(try await client.send(to: vBob.id, ["min_api_version": 7]).status == 13)
            #expect(try await client.send(to: vBob.id, ["min_api_version": 3]).status == 0)
            #expect(try await client.send(to: vBob.id, ["min_api_version": "3"]).status == 3)
        }
    }

    @Test func recordsTheSenderPersonaAndEveryField() async throws {
        try await withFakeViber { viber, client, _ in
            try await viber.addUser(bot: viberToken, user: vAnn)
            let keyboard: [String: any Sendable] = ["Type": "keyboard", "Buttons": [["ActionType": "reply", "ActionBody": "yes", "Text": "Yes"]]]
            let bot = try await client.send(to: vAnn.id, ["text": "Hello from Acme", "tracking_data": "msg-1"])
            let operatorSend = try await client.send(
                to: vAnn.id,
                [
                    "sender": ["name": "Olena K.", "avatar": "https://desk.example/avatars/olena.jpg"], "text": "Olena here",
                    "tracking_data": "msg-2", "keyboard": keyboard, "min_api_version": 3,
                ]
            )
            #expect(bot.status == 0 && operatorSend.status == 0)
            let sent = await viber.sentMessages(bot: viberToken, receiver: vAnn.id)
            try #require(sent.count == 2)
            #expect(sent.map(\.senderName) == ["Acme Support", "Olena K."])
            #expect(sent.map(\.senderAvatar) == [nil, "https://desk.example/avatars/olena.jpg"])
            #expect(sent.map(\.trackingData) == ["msg-1", "msg-2"])
            #expect(sent[1].keyboardObject?["Type"] as? String == "keyboard")
            #expect(sent[1].minApiVersion == 3)
            #expect(sent[1].messageToken == operatorSend.messageToken)
            #expect((sent[1].object["sender"] as? [String: Any])?["name"] as? String == "Olena K.")
            #expect(await viber.sentMessages(bot: viberToken, receiver: vBob.id).isEmpty)
        }
    }

    @Test func acceptsEveryMessageType() async throws {
        try await withFakeViber { viber, client, _ in
            try await viber.addUser(bot: viberToken, user: vAnn)
            let bodies: [[String: any Sendable]] = [
                ["type": "picture", "media": "https://m.example/p.jpg", "text": "caption", "thumbnail": "https://m.example/t.jpg"],
                ["type": "video", "media": "https://m.example/v.mp4", "size": 1000, "duration": 12],
                ["type": "file", "media": "https://m.example/f", "size": 2048, "file_name": "invoice.pdf"],
                ["type": "location", "location": ["lat": 50.45, "lon": 30.52]],
                ["type": "contact", "contact": ["name": "Ann", "phone_number": "+380501234567"]],
                ["type": "sticker", "sticker_id": 46105],
                ["type": "url", "media": "https://acme.example/help"],
                [
                    "type": "rich_media", "min_api_version": 2,
                    "rich_media": ["Type": "rich_media", "Buttons": [["Text": "x"]]] as [String: any Sendable],
                ],
                [
                    "type": omitted,
                    "keyboard": ["Type": "keyboard", "Buttons": [["Text": "ok", "ActionType": "reply", "ActionBody": "ok"]]]
                        as [String: any Sendable],
                ],
            ]
            for body in bodies {
                let answer = try await client.send(to: vAnn.id, body)
                #expect(answer.status == 0, "\(body): \(answer.object)")
            }
            let sent = await viber.sentMessages(bot: viberToken)
            #expect(sent.map(\.type) == ["picture", "video", "file", "location", "contact", "sticker", "url", "rich_media", nil])
            #expect(sent[2].fileName == "invoice.pdf")
            #expect(sent[2].size == 2048)
        }
    }

    @Test func messageTokenAbove2To53SurvivesAsInt64() async throws {
        try await withFakeViber { viber, client, _ in
            try await viber.addUser(bot: viberToken, user: vAnn)
            let answer = try await client.send(to: vAnn.id)
            let token = try #require(answer.messageToken)
            #expect(token > 1 << 53)
            // A client that parses into Double would round this token: the fake picks such values on purpose.
            #expect(Int64(exactly: Double(token)) != token)
            #expect(String(decoding: answer.body, as: UTF8.self).contains("\"message_token\":\(token)"))
            #expect(await viber.sentMessages(bot: viberToken).first?.messageToken == token)
        }
    }
}
