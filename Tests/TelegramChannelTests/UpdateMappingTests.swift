import CurlHTTP
import Foundation
import MessengerFakes
import SQLiteStore
import SwitchboardCore
import SwitchboardEngine
import TelegramChannel
import TestSupport
import Testing

@Suite struct UpdateMappingTests {
    let mapper = TelegramUpdateMapper(channelID: ChannelID(7), botID: 7_000_000_001)
    let now = Date(timeIntervalSince1970: 1_767_230_000)

    func map(_ fixture: String) throws -> TelegramInboundUpdate {
        try #require(mapper.map(try Fixtures.update(fixture), receivedAt: now))
    }

    func message(_ fixture: String) throws -> (id: String, text: String, attachments: [SwitchboardCore.Attachment], context: String?) {
        guard case .message(let id, let text, let attachments, let context) = try map(fixture).event.payload else {
            Issue.record("\(fixture) did not map to a message")
            return ("", "", [], nil)
        }
        return (id, text, attachments, context)
    }

    @Test func textKeepsIdsAndTheClientsProfile() throws {
        let update = try map("text")
        #expect(update.updateID == 700_000_001)
        #expect(update.event.deliveryKey == "7000000001:700000001")
        #expect(update.event.channelID == ChannelID(7))
        #expect(update.event.occurredAt == Date(timeIntervalSince1970: 1_767_225_600))
        #expect(update.event.sender == SenderProfile(externalID: "5000000001", displayName: "Olena Koval", username: "olena_k", language: "uk"))
        let message = try message("text")
        #expect(message.id == "5000000001:101")
        #expect(message.text == "Hello, my order is late")
        #expect(message.attachments.isEmpty)
        #expect(message.context == nil)
    }

    @Test func startPayloadBecomesTheContextKey() throws {
        let message = try message("start_payload")
        #expect(message.context == "order-4711")
        #expect(message.text == "/start order-4711")
    }

    @Test func photoKeepsTheLargestSizeAndTheCaption() throws {
        let message = try message("photo")
        #expect(message.text == "see the damage")
        #expect(message.attachments.count == 1)
        let photo = try #require(message.attachments.first)
        #expect(photo.kind == .photo)
        #expect(photo.externalFileID == "AgACAgIAAxkBAAIBZ2Large")
        #expect(photo.byteCount == 104_200)
        #expect(photo.details["width"] == "1280")
    }

    @Test(
        arguments: [
            ("document", AttachmentKind.document, "BQACAgIAAxkBAAIBaGDoc", "invoice-2026.pdf", "application/pdf"),
            ("voice", .voice, "AwACAgIAAxkBAAIBaVoice", nil, "audio/ogg"),
            ("audio", .audio, "CQACAgIAAxkBAAIBalAudio", "call.mp3", "audio/mpeg"),
            ("video", .video, "BAACAgIAAxkBAAIBa2Video", "unboxing.mp4", "video/mp4"),
            ("video_note", .videoNote, "DQACAgIAAxkBAAIBbNote", nil, "video/mp4"),
            ("sticker", .sticker, "CAACAgIAAxkBAAIBbSticker", nil, "image/webp"),
            ("animation", .animation, "CgACAgIAAxkBAAIBbkAnim", "funny.gif.mp4", "video/mp4"),
        ] as [(String, AttachmentKind, String, String?, String)]
    )
    func fileKindsBecomeOneAttachment(fixture: String, kind: AttachmentKind, fileID: String, name: String?, mime: String) throws {
        let attachments = try message(fixture).attachments
        #expect(attachments.count == 1, "an animation also carries a document; only the animation is kept")
        #expect(attachments.first?.kind == kind)
        #expect(attachments.first?.externalFileID == fileID)
        #expect(attachments.first?.fileName == name)
        #expect(attachments.first?.mimeType == mime)
    }

    @Test func stickerKeepsItsEmoji() throws {
        #expect(try message("sticker").attachments.first?.details["emoji"] == "👍")
    }

    @Test func locationAndVenueKeepCoordinates() throws {
        let location = try #require(try message("location").attachments.first)
        #expect(location.kind == .location)
        #expect(location.details["latitude"] == "50.450001")
        #expect(location.details["longitude"] == "30.523333")
        let venue = try message("venue").attachments
        #expect(venue.count == 1, "a venue also carries a location; only the venue is kept")
        #expect(venue.first?.details["title"] == "Pickup point #12")
        #expect(venue.first?.details["address"] == "Khreshchatyk St, 22, Kyiv")
    }

    @Test func ownContactPutsThePhoneOnTheContact() throws {
        let update = try map("contact_own")
        #expect(update.event.sender.phone == "+380501234567")
        guard case .message(_, _, let attachments, _) = update.event.payload else { throw StoreError.invalid("not a message") }
        #expect(attachments.first?.kind == .contact)
        #expect(attachments.first?.details["phone"] == "+380501234567")
    }

    @Test func someoneElsesContactCardDoesNotOverwriteThePhone() throws {
        let update = try map("contact_other")
        #expect(update.event.sender.phone == nil)
        guard case .message(_, _, let attachments, _) = update.event.payload else { throw StoreError.invalid("not a message") }
        #expect(attachments.first?.details["phone"] == "+380671112233")
    }

    @Test func editedMessageBecomesAnEditOfTheSameExternalID() throws {
        let update = try map("edited_message")
        #expect(update.event.payload == .edit(externalMessageID: "5000000001:101", text: "Hello, my order #4711 is late"))
        #expect(update.event.occurredAt == Date(timeIntervalSince1970: 1_767_225_700))
    }

    @Test func callbackQueryBecomesTheButtonDataAndIsToBeAnswered() throws {
        let update = try map("callback_query")
        #expect(update.callbackQueryID == "4382bfdwdsb323b2d9")
        #expect(update.event.sender.externalID == "5000000001")
        #expect(update.event.occurredAt == now)
        #expect(update.event.payload == .message(externalMessageID: "callback:4382bfdwdsb323b2d9", text: "csat:5", attachments: [], contextKey: nil))
    }

    @Test func aPressOfOurButtonIsAButtonPressNotClientText() throws {
        let fixture = String(decoding: try JSONEncoder().encode(try Fixtures.update("callback_query")), as: UTF8.self)
        let raw = try JSONDecoder().decode(JSONValue.self, from: Data(fixture.replacingOccurrences(of: "csat:5", with: "sb:fb:score:5").utf8))
        let update = try #require(mapper.map(raw, receivedAt: now))
        #expect(update.event.payload == .buttonPress(action: "fb:score:5"))
        #expect(update.callbackQueryID == "4382bfdwdsb323b2d9")
        #expect(update.event.deliveryKey == "7000000001:700000016")
    }

    /// Only `callback_query` data is a press: the client typing our wire text is an ordinary message.
    @Test func aTypedButtonTextIsAMessage() throws {
        let fixture = String(decoding: try JSONEncoder().encode(try Fixtures.update("text")), as: UTF8.self)
        let raw = try JSONDecoder().decode(
            JSONValue.self,
            from: Data(fixture.replacingOccurrences(of: "Hello, my order is late", with: "sb:fb:score:5").utf8)
        )
        let update = try #require(mapper.map(raw, receivedAt: now))
        guard case .message(_, let text, _, _) = update.event.payload else { throw StoreError.invalid("not a message") }
        #expect(text == "sb:fb:score:5")
    }

    @Test func blockingAndUnblockingTheBotSetReachability() throws {
        #expect(try map("my_chat_member_kicked").event.payload == .reachability(isReachable: false))
        #expect(try map("my_chat_member_member").event.payload == .reachability(isReachable: true))
        #expect(try map("my_chat_member_kicked").event.sender.externalID == "5000000001")
    }

    @Test func unknownUpdateKindIsKeptWithItsRawJSON() throws {
        let update = try map("message_reaction")
        guard case .unsupported(let kind, let raw) = update.event.payload else { throw StoreError.invalid("not unsupported") }
        #expect(kind == "message_reaction")
        #expect(raw.contains("\"new_reaction\""))
        #expect(update.event.sender.externalID == "5000000001")
        #expect(update.event.deliveryKey == "7000000001:700000019")
    }

    @Test func messageWithUnknownContentIsKeptAsUnsupported() throws {
        guard case .unsupported(let kind, let raw) = try map("message_poll").event.payload else { throw StoreError.invalid("not unsupported") }
        #expect(kind == "message.poll")
        #expect(raw.contains("Pizza?"))
    }

    @Test func malformedKnownKindIsStillKeptAsUnsupported() throws {
        let raw = JSONValue.object(["update_id": 9, "message": .object(["message_id": "not a number"])])
        let update = try #require(mapper.map(raw, receivedAt: now))
        guard case .unsupported(let kind, _) = update.event.payload else { throw StoreError.invalid("not unsupported") }
        #expect(kind.hasPrefix("message"))
    }
}
