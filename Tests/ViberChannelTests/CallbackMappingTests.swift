import Foundation
import SwitchboardCore
import Testing
import ViberChannel

@Suite struct CallbackMappingTests {
    let mapper = ViberCallbackMapper(channelID: ChannelID(7), token: "bot-token")

    func map(_ json: String) -> ViberCallbackAction? {
        mapper.map(Data(json.utf8), receivedAt: Date(timeIntervalSince1970: 0))
    }

    func event(_ json: String) throws -> InboundEvent {
        guard case .ingest(let event, _) = map(json) else { throw CancellationError() }
        return event
    }

    func textMessage(_ text: String) -> String {
        #"{"event":"message","timestamp":1700000000123,"message_token":77,"sender":{"id":"u1==","name":"Olena"},"silent":true,"#
            + #""message":{"type":"text","text":"\#(text)","tracking_data":"12"}}"#
    }

    @Test func aKeyboardTapOnOurButtonIsAButtonPress() throws {
        let body = ViberButtonSeal(token: "bot-token").actionBody(for: ReplyButton(label: "Yes", action: "fb:resolved:yes"))
        #expect(try event(textMessage(body)).payload == .buttonPress(action: "fb:resolved:yes"))
    }

    /// Viber marks a tap no other way, so only the seal tells our button from what the client typed.
    @Test func typedButtonDataIsTheClientsOwnMessage() throws {
        let sealed = ViberButtonSeal(token: "bot-token").actionBody(for: ReplyButton(label: "Billing", action: "dept:1"))
        let otherBots = ViberButtonSeal(token: "another-bot").actionBody(for: ReplyButton(label: "Billing", action: "dept:1"))
        let forgedTag = String(sealed.dropLast()) + (sealed.hasSuffix("0") ? "1" : "0")
        let typedTexts = [
            "sb:dept:1", "sb:dept:1#", "sb:dept:1#0123456789abcdef", forgedTag, otherBots, "fb:resolved:yes", sealed.uppercased(),
            sealed + " ", sealed + "0", String(sealed.dropLast()), "#",
        ]
        for typed in typedTexts {
            #expect(try event(textMessage(typed)).payload == .message(externalMessageID: "77", text: typed, attachments: [], contextKey: nil))
        }
    }

    /// Buttons already on clients' screens carry tags made by earlier builds, so the tag of a button
    /// must never change (the value is HMAC-SHA256 computed outside Swift).
    @Test func aButtonsTagIsTheFirstSixteenHexDigitsOfItsMAC() throws {
        let body = ViberButtonSeal(token: "bot-token").actionBody(for: ReplyButton(label: "Billing", action: "dept:1"))
        #expect(body == "sb:dept:1#51e4f7b6f57bf8bd")
        #expect(try event(textMessage(body)).payload == .buttonPress(action: "dept:1"))
    }

    /// A contact card is some contact's number: only the answer to our share-phone keyboard is the sender's own.
    @Test func onlyTheSharePhoneAnswerIsTheSendersPhone() throws {
        func contact(tracking: String?) throws -> InboundEvent {
            let echo = tracking.map { #","tracking_data":"\#($0)""# } ?? ""
            return try event(
                #"{"event":"message","message_token":3,"sender":{"id":"u"},"#
                    + #""message":{"type":"contact","contact":{"name":"Taxi","phone_number":"+380671112233"}\#(echo)}}"#
            )
        }
        for forwarded in [nil, "41"] {
            let card = try contact(tracking: forwarded)
            #expect(card.sender.phone == nil)
            guard case .message(_, _, let attachments, _) = card.payload else { throw CancellationError() }
            #expect(attachments == [SwitchboardCore.Attachment(kind: .contact, details: ["name": "Taxi", "phone": "+380671112233"])])
        }
        #expect(try contact(tracking: "42:share-phone").sender.phone == "+380671112233")
    }

    @Test func bigMessageTokensKeepEveryDigit() throws {
        let event = try event(
            #"{"event":"message","timestamp":1700000000123,"message_token":5491236851337617001,"#
                + #""sender":{"id":"u1==","name":"Olena","avatar":"https://a.test/o.jpg","language":"uk","country":"UA"},"#
                + #""message":{"type":"text","text":"hi"}}"#
        )
        #expect(event.deliveryKey == "message:5491236851337617001")
        #expect(event.payload == .message(externalMessageID: "5491236851337617001", text: "hi", attachments: [], contextKey: nil))
        #expect(
            event.sender == SenderProfile(externalID: "u1==", displayName: "Olena", language: "uk", avatarURL: "https://a.test/o.jpg", country: "UA")
        )
        #expect(event.occurredAt == Date(timeIntervalSince1970: 1_700_000_000.123))
    }

    @Test func everyMessageTypeBecomesTextAndAttachments() throws {
        func payload(_ message: String) throws -> InboundEvent {
            try event(#"{"event":"message","message_token":1,"sender":{"id":"u"},"message":\#(message)}"#)
        }
        let picture = try payload(#"{"type":"picture","media":"https://m.test/p.jpg","text":"look"}"#)
        #expect(
            picture.payload
                == .message(
                    externalMessageID: "1",
                    text: "look",
                    attachments: [SwitchboardCore.Attachment(kind: .photo, externalFileID: "https://m.test/p.jpg")],
                    contextKey: nil
                )
        )
        let file = try payload(#"{"type":"file","media":"https://m.test/f.pdf","size":42,"file_name":"f.pdf"}"#)
        #expect(
            file.payload
                == .message(
                    externalMessageID: "1",
                    text: "",
                    attachments: [
                        SwitchboardCore.Attachment(kind: .document, externalFileID: "https://m.test/f.pdf", fileName: "f.pdf", byteCount: 42)
                    ],
                    contextKey: nil
                )
        )
        let contact = try payload(#"{"type":"contact","contact":{"name":"Olena","phone_number":"+380501234567"}}"#)
        guard case .message(_, _, let cards, _) = contact.payload else { throw CancellationError() }
        #expect(cards.first?.kind == .contact)
        #expect(cards.first?.details["phone"] == "+380501234567")
        let location = try payload(#"{"type":"location","location":{"lat":50.45,"lon":30.52}}"#)
        guard case .message(_, _, let places, _) = location.payload else { throw CancellationError() }
        #expect(places.first?.kind == .location)
        #expect(places.first?.details["map_url"] == "https://www.openstreetmap.org/?mlat=50.45000&mlon=30.52000#map=16/50.45000/30.52000")
        #expect(places.first?.details["label"] == "Location: 50.45000, 30.52000")
        let url = try payload(#"{"type":"url","media":"https://acme.test/order/1"}"#)
        guard case .message(_, _, let links, _) = url.payload else { throw CancellationError() }
        #expect(links.first?.details["url"] == "https://acme.test/order/1")
        let sticker = try payload(#"{"type":"sticker","sticker_id":40100}"#)
        guard case .message(_, _, let stickers, _) = sticker.payload else { throw CancellationError() }
        #expect(stickers.first?.details["sticker_id"] == "40100")
        #expect(stickers.first?.details["label"] == "Sticker (the picture is only in Viber)")
        let drawn = try payload(#"{"type":"sticker","sticker_id":40100,"media":"https://m.test/s.png"}"#)
        guard case .message(_, _, let drawnStickers, _) = drawn.payload else { throw CancellationError() }
        #expect(drawnStickers.first?.externalFileID == "https://m.test/s.png")
        #expect(AttachmentDownload.isPending(AttachmentDownload.markPending(try #require(drawnStickers.first))))
        let rich = try payload(#"{"type":"rich_media","rich_media":{}}"#)
        guard case .unsupported(let kind, _) = rich.payload else { throw CancellationError() }
        #expect(kind == "message.rich_media")
        #expect(rich.sender.externalID == "u")
    }

    @Test func receiptsSubscriptionsAndUnknownEventsAreMapped() throws {
        let seen = try event(#"{"event":"seen","message_token":99,"user_id":"u"}"#)
        #expect(seen.payload == .delivery(externalMessageID: "99", state: .seen, reason: nil))
        #expect(seen.deliveryKey == "seen:99")
        let failed = try event(#"{"event":"failed","message_token":99,"user_id":"u","desc":"bad keyboard"}"#)
        #expect(failed.payload == .delivery(externalMessageID: "99", state: .failed, reason: "bad keyboard"))
        #expect(try event(#"{"event":"unsubscribed","message_token":3,"user_id":"u"}"#).payload == .reachability(isReachable: false))
        #expect(try event(#"{"event":"subscribed","message_token":4,"user":{"id":"u"}}"#).payload == .reachability(isReachable: true))
        guard
            case .ingest(let opened, answersWelcome: true) = map(
                #"{"event":"conversation_started","message_token":5,"context":"order-1","user":{"id":"u"}}"#
            )
        else { throw CancellationError() }
        #expect(opened.payload == .opened(contextKey: "order-1"))
        #expect(map(#"{"event":"webhook","message_token":6}"#) == .handshake)
        let unknown = try event(#"{"event":"client_status","message_token":7,"user_id":"u"}"#)
        #expect(unknown.payload == .unsupported(kind: "client_status", rawJSON: #"{"event":"client_status","message_token":7,"user_id":"u"}"#))
        #expect(unknown.sender.externalID == "u")
        // A body of a shape the typed decode cannot read is kept whole under its event's name, with
        // whatever user id it has as text.
        let odd = #"{"event":"subscribed","user":{"id":7},"sender":{"id":"s"}}"#
        let oddEvent = try event(odd)
        #expect(oddEvent.payload == .unsupported(kind: "subscribed", rawJSON: odd))
        #expect(oddEvent.sender.externalID == "s")
        #expect(map("[1,2]") == nil)
        #expect(map(#"{"event":5}"#) == nil)
        #expect(map("{oops") == nil)
    }

    @Test func signaturesAreCheckedOverTheExactBytes() {
        let body = Data(#"{"event":"webhook"}"#.utf8)
        let signature = ViberSignature.sign(body, token: "secret")
        #expect(ViberSignature.isValid(signature, body: body, token: "secret"))
        #expect(ViberSignature.isValid(signature.uppercased(), body: body, token: "secret"))
        #expect(!ViberSignature.isValid(signature, body: body + Data(" ".utf8), token: "secret"))
        #expect(!ViberSignature.isValid(signature, body: body, token: "other"))
        #expect(!ViberSignature.isValid("zz", body: body, token: "secret"))
        #expect(!ViberSignature.isValid("", body: body, token: "secret"))
    }
}
