import CurlHTTP
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import MessengerFakes
import SwitchboardApp
import SwitchboardCore
import TestSupport
import Testing

/// Operators' files to Viber clients, end to end: upload checked against Viber's limits, sent as
/// `picture`/`file` with a signed public link, fetched by the fake Viber without a session.
@Suite struct ViberOutgoingFileTests {
    static let olena = FakeViber.User(id: "Ol3na+/viber==", name: "Olena", language: "uk", country: "UA")
    static let pdf = Data("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".utf8)

    @Test func anOperatorsPDFReachesViberAsAFileWhoseLinkWorksWithoutASessionUntilItExpires() async throws {
        let harness = try await ContinuityHarness()
        defer { Task { await harness.stop() } }
        try await harness.setUp()
        var link = ""
        try await harness.serving { switchboard in
            let maria = try await clientWritesAndMariaSignsIn(harness, switchboard)

            // When Maria uploads a PDF for the conversation and replies with it
            let upload = try await self.upload(harness, Self.pdf, name: "invoice.pdf", type: "application/pdf", as: maria)
            #expect(upload.status == 201)
            let id = try #require(upload.json["id"] as? String)
            let reply = try await harness.api(
                .post,
                "/api/v1/conversations/1/messages",
                json: ["text": "Your invoice", "attachments": [id]],
                as: maria
            )
            #expect(reply.status == 201)

            // Then Viber got a `file` with name and size, and fetched the bytes from the link without a session
            let file = try await sentMessage(harness, type: "file")
            #expect(file.fileName == "invoice.pdf")
            #expect(file.size == Int64(Self.pdf.count))
            link = try #require(file.media)
            #expect(link.hasPrefix(harness.baseURL + "/files/"))
            #expect(link.hasSuffix("/\(id).pdf"))
            #expect(file.fetched?.status == 200)
            #expect(file.fetched?.body == Self.pdf)
            #expect(file.fetched?.contentType == "application/pdf")

            // A changed signature, another id or a path out of the uploads folder gives 404
            let parts = link.dropFirst((harness.baseURL + "/files/").count).split(separator: "/").map(String.init)
            let (expires, signature) = (parts[0], parts[1])
            let flipped = (signature.first == "0" ? "1" : "0") + signature.dropFirst()
            let base = harness.baseURL + "/files/"
            for url in [
                base + "\(expires)/\(flipped)/\(id).pdf",
                base + "\(Int64(expires)! + 60)/\(signature)/\(id).pdf",
                base + "\(expires)/\(signature)/00000000-0000-4000-8000-000000000000.pdf",
                base + "\(expires)/\(signature)/..%2F..%2Fswitchboard.key",
                base + "\(expires)/\(signature)/\(id).pdf.json",
            ] {
                #expect(try await harness.client.send(.init(url: url)).status == 404, "\(url)")
            }
            #expect(try await harness.client.send(.init(url: link)).body == Self.pdf)
        }

        // And the same link is refused once its lifetime has passed
        let path = String(link.dropFirst(harness.baseURL.count))
        #expect(try await status(of: path, harness, at: Date()) == 200)
        let late = Date().addingTimeInterval(harness.config.mediaLinkLifetime + 60)
        #expect(try await status(of: path, harness, at: late) == 404)
    }

    @Test func aPictureGoesAsAPictureCarryingTheText() async throws {
        let harness = try await ContinuityHarness()
        defer { Task { await harness.stop() } }
        try await harness.setUp()
        try await harness.serving { switchboard in
            let maria = try await clientWritesAndMariaSignsIn(harness, switchboard)
            let png = TestImages.png(width: 640, height: 480, bytes: 5000)
            let upload = try await self.upload(harness, png, name: "receipt.png", type: "image/png", as: maria)
            let id = try #require(upload.json["id"] as? String)
            let reply = try await harness.api(
                .post,
                "/api/v1/conversations/1/messages",
                json: ["text": "Here is the receipt", "attachments": [id]],
                as: maria
            )
            #expect(reply.status == 201)

            let picture = try await sentMessage(harness, type: "picture")
            #expect(picture.text == "Here is the receipt")
            #expect(picture.media?.hasSuffix("/\(id).png") == true)
            #expect(picture.fetched?.body == png)
            // The text rode on the picture: no text message of its own
            let sent = await harness.viber.sentMessages(bot: ContinuityHarness.viberToken).filter { $0.text == "Here is the receipt" }
            #expect(sent.map(\.type) == ["picture"])
        }
    }

    @Test func aTooLargePictureOrAForbiddenFileIsRefusedAtUploadAndNothingIsStoredOrSent() async throws {
        let harness = try await ContinuityHarness()
        defer { Task { await harness.stop() } }
        try await harness.setUp()
        try await harness.serving { switchboard in
            let maria = try await clientWritesAndMariaSignsIn(harness, switchboard)

            // When Maria uploads a picture over 1 MB, an executable, and an executable without naming the conversation
            let big = TestImages.jpeg(width: 4000, height: 3000, bytes: (1 << 20) + 1)
            let tooLarge = try await upload(harness, big, name: "scan.jpg", type: "image/jpeg", as: maria)
            let forbidden = try await upload(harness, Data("MZ".utf8), name: "setup.exe", type: "application/octet-stream", as: maria)
            let unchecked = try await upload(
                harness,
                Data("MZ".utf8),
                name: "setup.exe",
                type: "application/octet-stream",
                conversation: nil,
                as: maria
            )
            let id = try #require(unchecked.json["id"] as? String)
            let reply = try await harness.api(.post, "/api/v1/conversations/1/messages", json: ["text": "try this", "attachments": [id]], as: maria)

            // Then the first two are refused with the reason and not stored; the reply with the third is refused before it is stored
            #expect(tooLarge.status == 413)
            #expect(tooLarge.errorCode == "too_large")
            #expect(String(decoding: tooLarge.body, as: UTF8.self).contains("up to 1 MB"))
            #expect(forbidden.status == 422)
            #expect(forbidden.errorCode == "forbidden_type")
            #expect(reply.status == 422)
            #expect(reply.errorCode == "forbidden_type")
            let uploads = harness.directory.path("media/uploads")
            let stored = (try? FileManager.default.contentsOfDirectory(atPath: uploads)) ?? []
            #expect(stored.sorted() == ["\(id)", "\(id).json"])
            #expect(try await switchboard.store.messages(in: ConversationID(1)).allSatisfy { $0.text != "try this" })
            let sent = await harness.viber.sentMessages(bot: ContinuityHarness.viberToken)
            #expect(sent.allSatisfy { $0.text != "try this" && $0.type != "file" && $0.type != "picture" })
        }
    }

    @Test func withoutAPublicURLAFileForAViberClientIsRefusedAtUpload() async throws {
        let harness = try await ContinuityHarness(publicURL: false)
        defer { Task { await harness.stop() } }
        try await harness.setUp()
        try await harness.serving { switchboard in
            let maria = try await clientWritesAndMariaSignsIn(harness, switchboard)
            let refused = try await upload(harness, TestImages.png(width: 10, height: 10), name: "a.png", type: "image/png", as: maria)
            #expect(refused.status == 422)
            #expect(refused.errorCode == "no_public_url")
            #expect(String(decoding: refused.body, as: UTF8.self).contains("SWITCHBOARD_PUBLIC_URL"))
        }
    }

    @Test func theComposerGetsEachMessengersLimits() async throws {
        let harness = try await ContinuityHarness()
        defer { Task { await harness.stop() } }
        try await harness.setUp()
        try await harness.serving { _ in
            let maria = try await harness.signIn("maria")
            let limits = try await harness.api(.get, "/api/v1/media-limits", as: maria)
            #expect(limits.status == 200)
            let messengers = try #require(limits.json["messengers"] as? [[String: Any]])
            let viber = try #require(messengers.first { $0["kind"] as? String == "viber" })
            #expect(viber["summary"] as? String == MessengerMediaLimits.outboundSummary(for: .viber))
            #expect((viber["outbound"] as? [[String: Any]])?.first?["maxBytes"] as? Int == 1 << 20)
            #expect(limits.json["publicLinks"] as? Bool == true)
            #expect(try await harness.api(.get, "/api/v1/media-limits").status == 401)
        }
    }

    // MARK: - Helpers

    /// A Viber client writes (conversation 1) and Maria signs in.
    func clientWritesAndMariaSignsIn(_ harness: ContinuityHarness, _ switchboard: Switchboard) async throws -> ContinuityHarness.Session {
        try await harness.viber.userSends(bot: ContinuityHarness.viberToken, user: Self.olena, message: .text("Hello, I need the invoice"))
        try await eventually("conversation") { try await switchboard.store.conversation(ConversationID(1)) != nil }
        return try await harness.signIn("maria")
    }

    /// `POST /api/v1/uploads?conversation=…` with a raw body, as the inbox sends it.
    func upload(
        _ harness: ContinuityHarness,
        _ data: Data,
        name: String,
        type: String,
        conversation: Int? = 1,
        as session: ContinuityHarness.Session
    ) async throws -> ContinuityHarness.Reply {
        let path = "/api/v1/uploads" + (conversation.map { "?conversation=\($0)" } ?? "")
        let headers = [("Cookie", session.cookie), ("X-CSRF-Token", session.csrf), ("X-File-Name", name)]
        let response = try await harness.client.send(
            .init(method: .post, url: harness.baseURL + path, headers: headers, body: .data(data, contentType: type))
        )
        return ContinuityHarness.Reply(status: response.status, body: response.body, headers: response.headers)
    }

    /// The first message of `type` the fake Viber accepted.
    func sentMessage(_ harness: ContinuityHarness, type: String) async throws -> FakeViber.SentMessage {
        var found: FakeViber.SentMessage?
        try await eventually("a \(type) message") {
            found = await harness.viber.sentMessages(bot: ContinuityHarness.viberToken).first { $0.type == type }
            return found != nil
        }
        return try #require(found)
    }

    /// The status of `GET path` on a server over the same database and key whose clock reads `now`.
    func status(of path: String, _ harness: ContinuityHarness, at now: Date) async throws -> Int {
        let clock = ManualWallClock(start: now)
        let switchboard = try Switchboard(config: harness.config, logger: Logger(label: "test"), clock: clock)
        let app = Application(router: try buildRouter(switchboard: switchboard, config: harness.config, passwordCost: 4))
        return try await app.test(.router) { client in
            Int(try await client.execute(uri: path, method: .get).status.code)
        }
    }
}
