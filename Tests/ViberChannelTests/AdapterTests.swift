import CurlHTTP
import Foundation
import MessengerFakes
import SwitchboardCore
import Testing
import ViberChannel

@Suite struct AdapterTests {
    static let token = "4c0ffee5e1f2a3b4-adapter"
    let olena = FakeViber.User(id: "Ol3na==", name: "Olena")

    /// A fake Viber with a webhook set (the fake sends only then) and a subscribed user.
    func fake() async throws -> (FakeViber, ViberBotAPI, CurlTransport) {
        var configuration = FakeViber.Configuration()
        configuration.requireWebhookForSending = false
        let viber = try await FakeViber.start(configuration: configuration)
        await viber.addBot(token: Self.token, name: "Acme", uri: "acme")
        try await viber.addUser(bot: Self.token, user: olena)
        let transport = CurlTransport()
        return (viber, ViberBotAPI(token: Self.token, baseURL: viber.apiURL.absoluteString, transport: transport), transport)
    }

    func message(_ text: String, attachments: [SwitchboardCore.Attachment] = [], sender: Persona = Persona(name: "Acme")) -> OutboundMessage {
        OutboundMessage(
            messageID: MessageID(9),
            channelID: ChannelID(1),
            recipientExternalID: olena.id,
            text: text,
            attachments: attachments,
            sender: sender,
            isFromOperator: false
        )
    }

    @Test func longTextIsSplitAndEveryPartCarriesThePersonaAndOurMessageID() async throws {
        let (viber, api, transport) = try await fake()
        defer {
            Task {
                await viber.stop()
                transport.shutdown()
            }
        }
        let text = String(repeating: "word ", count: 1500) + "end"
        let persona = Persona(name: "Олександра Костянтинопольська-Шевченко", avatarURL: "https://desk.test/avatars/o.jpg")
        let receipt = try await ViberAdapter(api: api).send(message(text, sender: persona))

        let sent = await viber.sentMessages(bot: Self.token)
        #expect(sent.count == 2)
        #expect(sent.allSatisfy { $0.senderName == String(persona.name.prefix(28)) })
        #expect(sent.allSatisfy { $0.senderAvatar == "https://desk.test/avatars/o.jpg" && $0.trackingData == "9" })
        #expect(sent.map { $0.text ?? "" }.joined(separator: " ") == text)
        #expect(receipt.externalMessageID == String(sent[1].messageToken))
    }

    /// The share-phone request marks its tracking data, so the contact message answering it is the client's own number.
    @Test func aPhoneRequestMarksItsTrackingData() async throws {
        let (viber, api, transport) = try await fake()
        defer {
            Task {
                await viber.stop()
                transport.shutdown()
            }
        }
        var request = message("Share your number, please")
        request.requestsPhone = true
        _ = try await ViberAdapter(api: api).send(request)
        _ = try await ViberAdapter(api: api).send(message("Thanks"))
        #expect(await viber.sentMessages(bot: Self.token).map(\.trackingData) == ["9:share-phone", "9"])
    }

    @Test func attachmentsGoAsPictureCarryingTheTextThenFileAndURLAndKeyboardsNeedAMinimumAPIVersion() async throws {
        let (viber, api, transport) = try await fake()
        defer {
            Task {
                await viber.stop()
                transport.shutdown()
            }
        }
        let attachments = [
            SwitchboardCore.Attachment(kind: .photo, externalFileID: "https://desk.test/p.jpg"),
            SwitchboardCore.Attachment(kind: .document, externalFileID: "https://desk.test/invoice.pdf", fileName: "invoice.pdf", byteCount: 1234),
            SwitchboardCore.Attachment(kind: .link, details: ["url": "https://acme.test/order/1"]),
        ]
        let keyboard = ViberKeyboard(buttons: [
            .init(text: "👍", actionBody: "csat:5", columns: 3), .init(text: "👎", actionBody: "csat:1", columns: 3),
        ])
        _ = try await ViberAdapter(api: api).send(message("Your invoice", attachments: attachments), keyboard: keyboard)

        let sent = await viber.sentMessages(bot: Self.token)
        #expect(sent.map(\.type) == ["picture", "file", "url"])
        #expect(sent[0].text == "Your invoice")
        #expect(sent[1].fileName == "invoice.pdf" && sent[1].size == 1234)
        #expect(sent[2].keyboardObject?["Type"] as? String == "keyboard")
        #expect(sent[2].minApiVersion == ViberKeyboard.minAPIVersion)
        #expect(sent[0].keyboard == nil)
    }

    /// A clock that stands still, for links issued at a known time.
    struct FixedClock: WallClock {
        func now() -> Date { Date(timeIntervalSince1970: 1_800_000_000) }
        func sleep(until deadline: Date) async throws {}
    }

    static let links = OutgoingFileLinks(
        signer: MediaLinkSigner(baseURL: URL(string: "http://127.0.0.1:9")!, lifetime: 600) { Data($0.reversed()) },
        clock: FixedClock()
    )

    static func upload(_ id: String, name: String, type: String, bytes: Int64) -> SwitchboardCore.Attachment {
        SwitchboardCore.Attachment(kind: .document, fileName: name, mimeType: type, byteCount: bytes, storedPath: "uploads/\(id)")
    }

    @Test func uploadsGoAsSignedLinksTypedByTheirMIMEType() async throws {
        let (viber, api, transport) = try await fake()
        defer {
            Task {
                await viber.stop()
                transport.shutdown()
            }
        }
        let video = Self.upload("0b8e4c4e-3c1f-4d0a-9a53-5b1c2e7f9d10", name: "how-to.mp4", type: "video/mp4", bytes: 5000)
        let pdf = Self.upload("1b8e4c4e-3c1f-4d0a-9a53-5b1c2e7f9d10", name: "invoice.pdf", type: "application/pdf", bytes: 1234)
        _ = try await ViberAdapter(api: api, links: Self.links).send(message(String(repeating: "long text ", count: 20), attachments: [video, pdf]))

        let sent = await viber.sentMessages(bot: Self.token)
        #expect(sent.map(\.type) == ["text", "video", "file"])
        #expect(
            sent[1].media == "http://127.0.0.1:9/files/1800000600/" + sent[1].media!.split(separator: "/")[4]
                + "/0b8e4c4e-3c1f-4d0a-9a53-5b1c2e7f9d10.mp4"
        )
        #expect(sent[1].size == 5000)
        #expect(sent[2].fileName == "invoice.pdf" && sent[2].size == 1234)
        #expect(sent[2].media?.hasSuffix("/1b8e4c4e-3c1f-4d0a-9a53-5b1c2e7f9d10.pdf") == true)
    }

    @Test func anUploadWithoutAPublicURLFailsForGoodWithTheReason() async throws {
        let (viber, api, transport) = try await fake()
        defer {
            Task {
                await viber.stop()
                transport.shutdown()
            }
        }
        let pdf = Self.upload("1b8e4c4e-3c1f-4d0a-9a53-5b1c2e7f9d10", name: "invoice.pdf", type: "application/pdf", bytes: 1234)
        await #expect(throws: DeliveryFailure.self) { try await ViberAdapter(api: api).send(message("here", attachments: [pdf])) }
        // A file that is not an operator's upload is never published, links or not
        let downloaded = SwitchboardCore.Attachment(kind: .photo, fileName: "p.jpg", mimeType: "image/jpeg", storedPath: "telegram/3/p.jpg")
        await #expect(
            throws: DeliveryFailure.permanent(
                reason: "Viber fetches files by public URL, and only operators' uploads are published; p.jpg is not one",
                recipientUnreachable: false
            )
        ) { try await ViberAdapter(api: api, links: Self.links).send(message("here", attachments: [downloaded])) }
        #expect(await viber.sentMessages(bot: Self.token).isEmpty)
    }

    @Test func statusCodesAreClassifiedForTheDispatcher() async throws {
        let (viber, api, transport) = try await fake()
        defer {
            Task {
                await viber.stop()
                transport.shutdown()
            }
        }
        let rejected = Reasons()
        let adapter = ViberAdapter(api: api) { reason in await rejected.append(reason) }
        try await viber.failNext(bot: Self.token, method: "send_message", with: .status(12))
        await #expect(throws: DeliveryFailure.retryAfter(seconds: 60, reason: "Viber: Too many requests (status 12)")) {
            try await adapter.send(message("hi"))
        }
        try await viber.failNext(bot: Self.token, method: "send_message", with: .httpError(503))
        await #expect(throws: DeliveryFailure.transient(reason: "HTTP 503 from Viber")) { try await adapter.send(message("hi")) }
        try await viber.failNext(bot: Self.token, method: "send_message", with: .status(2))
        await #expect(throws: DeliveryFailure.self) { try await adapter.send(message("hi")) }
        #expect(await rejected.all == ["Viber status 2: invalidAuthToken"])
        await #expect(throws: DeliveryFailure.permanent(reason: "Viber: receiverNotRegistered (status 5)", recipientUnreachable: true)) {
            var stranger = message("hi")
            stranger.recipientExternalID = "nobody"
            _ = try await adapter.send(stranger)
        }
        let local = SwitchboardCore.Attachment(kind: .document, fileName: "scan.pdf", storedPath: "uploads/1")
        await #expect(
            throws: DeliveryFailure.permanent(
                reason: "Viber fetches files by public URL, and SWITCHBOARD_PUBLIC_URL is not set, so scan.pdf has none",
                recipientUnreachable: false
            )
        ) {
            try await adapter.send(message("", attachments: [local]))
        }
    }
}

/// Collects the reasons the adapter reports for a rejected token.
actor Reasons {
    var all: [String] = []

    func append(_ reason: String) { all.append(reason) }
}
