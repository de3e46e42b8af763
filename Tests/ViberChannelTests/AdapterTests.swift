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

    @Test func attachmentsGoAsPictureFileAndURLAndKeyboardsNeedAMinimumAPIVersion() async throws {
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
        #expect(sent.map(\.type) == ["text", "picture", "file", "url"])
        #expect(sent[2].fileName == "invoice.pdf" && sent[2].size == 1234)
        #expect(sent[3].keyboardObject?["Type"] as? String == "keyboard")
        #expect(sent[3].minApiVersion == ViberKeyboard.minAPIVersion)
        #expect(sent[0].keyboard == nil)
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
            throws: DeliveryFailure.permanent(reason: "Viber fetches files by public URL, and scan.pdf has none", recipientUnreachable: false)
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
