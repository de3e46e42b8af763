import Accounts
import CurlHTTP
import Foundation
import MessengerFakes
import SwitchboardApp
import SwitchboardCore
import TestSupport
import Testing

/// A Viber client's pictures and files are copied from Viber's expiring media URLs after the
/// commit and served to signed-in operators; a copy that cannot be made shows why.
@Suite struct ViberMediaAppTests {
    static let picture = Data([0xFF, 0xD8, 0xFF, 0xE0]) + Data("fake jpeg body of a receipt".utf8)
    static let pdf = Data("%PDF-1.4 fake receipt for order 9921".utf8)
    let client = FakeViber.User(id: "b2tzYW5hLXZpYmVyLTE=", name: "Oksana")

    func attachments(_ switchboard: Switchboard) async throws -> [SwitchboardCore.Attachment] {
        try await switchboard.store.messages(in: ConversationID(1)).flatMap(\.attachments)
    }

    /// Creates an operator and signs them in; returns the session cookie.
    func signedInOperator(_ harness: ViberAppHarness, _ switchboard: Switchboard) async throws -> String {
        let hash = try await PasswordHasher(cost: 4).hash("password123")
        _ = try await switchboard.store.createOperator(
            OperatorDraft(login: "maria", displayName: "Maria", role: .operator, passwordHash: hash),
            at: Date()
        )
        let signIn = try await harness.client.send(
            .init(method: .post, url: harness.baseURL + "/api/v1/session", body: .json(Data(#"{"login":"maria","password":"password123"}"#.utf8)))
        )
        return try #require(signIn.header("Set-Cookie")?.split(separator: ";").first.map(String.init))
    }

    @Test(.timeLimit(.minutes(3))) func pictureAndFileAreServedToOperatorsEvenAfterViberLinksExpire() async throws {
        let harness = try await ViberAppHarness()
        defer { Task { await harness.stop() } }
        try await harness.addChannel()

        try await harness.serving { switchboard in
            // Given a Viber client who sends a picture and a PDF, hosted at Viber's media URLs
            let pictureURL = await harness.viber.hostMedia(Self.picture, fileName: "photo.jpg", contentType: "image/jpeg")
            let fileURL = await harness.viber.hostMedia(Self.pdf, fileName: "receipt.pdf", contentType: "application/pdf")
            let sentPicture = try await harness.viber.userSends(
                bot: ViberAppHarness.token,
                user: client,
                message: .picture(url: pictureURL, caption: "my receipt")
            )
            let sentFile = try await harness.viber.userSends(
                bot: ViberAppHarness.token,
                user: client,
                message: .file(url: fileURL, size: Int64(Self.pdf.count), fileName: "receipt.pdf")
            )
            #expect(sentPicture.acknowledged && sentFile.acknowledged)

            // When both are copied and then Viber's links expire
            try await eventually("both files stored") { try await attachments(switchboard).allSatisfy { $0.storedPath != nil } }
            try await harness.viber.expireMedia(pictureURL)
            try await harness.viber.expireMedia(fileURL)
            #expect(try await harness.client.send(.init(url: pictureURL)).status == 403)

            // Then a signed-in operator still gets each file with its bytes and type; nobody else does
            let stored = try await attachments(switchboard)
            let photo = try #require(stored.first { $0.kind == .photo })
            let document = try #require(stored.first { $0.kind == .document })
            #expect(document.fileName == "receipt.pdf")
            #expect(photo.mimeType == "image/jpeg")
            let cookie = try await signedInOperator(harness, switchboard)
            let shownPhoto = try await harness.client.send(
                .init(url: harness.baseURL + "/api/v1/media/" + (photo.storedPath ?? ""), headers: [("Cookie", cookie)])
            )
            #expect(shownPhoto.status == 200)
            #expect(shownPhoto.body == Self.picture)
            #expect(shownPhoto.header("Content-Type") == "image/jpeg")
            let fileURLInInbox = harness.baseURL + "/api/v1/media/" + (document.storedPath ?? "")
            let shownFile = try await harness.client.send(.init(url: fileURLInInbox, headers: [("Cookie", cookie)]))
            #expect(shownFile.status == 200)
            #expect(shownFile.body == Self.pdf)
            // A PDF keeps its type but downloads instead of rendering in the inbox's origin.
            #expect(shownFile.header("Content-Type") == "application/pdf")
            #expect(shownFile.header("Content-Disposition")?.hasPrefix("attachment") == true)
            #expect(try await harness.client.send(.init(url: fileURLInInbox)).status == 401)
            #expect(await harness.viber.mediaDownloads(of: pictureURL).map(\.status) == [200, 403])
        }
    }

    @Test(.timeLimit(.minutes(3))) func webhookIsAnsweredBeforeASlowDownloadAndThePictureIsStoredLater() async throws {
        let harness = try await ViberAppHarness()
        defer { Task { await harness.stop() } }
        try await harness.addChannel()
        await harness.viber.failNextMediaDownloads(with: .slow(seconds: 3))

        try await harness.serving { switchboard in
            // When a client's picture arrives and Viber's CDN takes three seconds to serve it
            let pictureURL = await harness.viber.hostMedia(Self.picture, fileName: "photo.jpg", contentType: "image/jpeg")
            let sent = try await harness.viber.userSends(bot: ViberAppHarness.token, user: client, message: .picture(url: pictureURL))

            // Then Viber has its 200 while the picture is still pending, and the picture is stored later
            #expect(sent.acknowledged)
            let pending = try #require(try await attachments(switchboard).first)
            #expect(AttachmentDownload.isPending(pending))
            try await eventually("picture stored") { try await attachments(switchboard).first?.storedPath != nil }
            #expect(try await switchboard.store.events(after: 0, limit: 1000).contains { $0.kind == .messageAttachmentsUpdated })
        }
    }

    @Test(.timeLimit(.minutes(3))) func downloadThatKeepsFailingIsRetriedThenShownWithItsReason() async throws {
        let harness = try await ViberAppHarness()
        defer { Task { await harness.stop() } }
        try await harness.addChannel()
        await harness.viber.failNextMediaDownloads(with: .httpError(503), count: 10)

        try await harness.serving { switchboard in
            // When a client's picture cannot be fetched from Viber, however often it is tried
            let pictureURL = await harness.viber.hostMedia(Self.picture, fileName: "photo.jpg", contentType: "image/jpeg")
            try await harness.viber.userSends(bot: ViberAppHarness.token, user: client, message: .picture(url: pictureURL))

            // Then, after its retries, the picture stays in the timeline with the reason it is missing
            try await eventually(timeout: .seconds(30), "download given up") {
                try await attachments(switchboard).first?.details[AttachmentDownload.errorKey] != nil
            }
            let photo = try #require(try await attachments(switchboard).first)
            #expect(photo.storedPath == nil)
            #expect(!AttachmentDownload.isPending(photo))
            let attempts = await harness.viber.mediaDownloads(of: pictureURL)
            #expect(attempts.map(\.status) == Array(repeating: 503, count: AttachmentDownload.retryPolicy.maxAttempts))
            let cookie = try await signedInOperator(harness, switchboard)
            let timeline = try await harness.client.send(
                .init(url: harness.baseURL + "/api/v1/conversations/1/messages", headers: [("Cookie", cookie)])
            )
            let shown = String(decoding: timeline.body, as: UTF8.self)
            #expect(shown.contains("download failed: gave up after 4 attempts: Viber answered HTTP 503"))
        }
    }

    @Test(.timeLimit(.minutes(3))) func linkExpiredBeforeTheDownloadIsShownAtOnceWithoutRetrying() async throws {
        let harness = try await ViberAppHarness()
        defer { Task { await harness.stop() } }
        try await harness.addChannel()

        try await harness.serving { switchboard in
            // When a client's file link has expired by the time Switchboard asks for it
            let fileURL = await harness.viber.hostMedia(Self.pdf, fileName: "receipt.pdf", contentType: "application/pdf")
            try await harness.viber.expireMedia(fileURL)
            try await harness.viber.userSends(
                bot: ViberAppHarness.token,
                user: client,
                message: .file(url: fileURL, size: Int64(Self.pdf.count), fileName: "receipt.pdf")
            )

            // Then the file says so, after a single try: asking again cannot bring it back
            try await eventually("download settled") { try await attachments(switchboard).first?.details[AttachmentDownload.errorKey] != nil }
            let document = try #require(try await attachments(switchboard).first)
            #expect(document.details[AttachmentDownload.errorKey] == "Viber's link to the file expired before it was downloaded (HTTP 403)")
            #expect(await harness.viber.mediaDownloads(of: fileURL).count == 1)
        }
    }
}

extension ViberMediaAppTests {
    @Test(.timeLimit(.minutes(3))) func pictureLeftPendingByARestartIsFetchedWhenTheChannelStarts() async throws {
        let harness = try await ViberAppHarness()
        defer { Task { await harness.stop() } }
        let channel = try await harness.addChannel()
        let pictureURL = await harness.viber.hostMedia(Self.picture, fileName: "photo.jpg", contentType: "image/jpeg")
        // Given a picture committed with its file pending when the process stopped
        let before = try Switchboard(config: harness.config, logger: harness.logs.logger())
        let pending = AttachmentDownload.markPending(SwitchboardCore.Attachment(kind: .photo, externalFileID: pictureURL))
        let event = InboundEvent(
            channelID: channel.id,
            deliveryKey: "message:1",
            sender: SenderProfile(externalID: client.id, displayName: client.name),
            occurredAt: Date(),
            payload: .message(externalMessageID: "1", text: "", attachments: [pending], contextKey: nil)
        )
        guard case .new = try await before.store.ingest(event) else { throw StoreError.invalid("not ingested") }

        // When the server starts again, then the picture is fetched and stored
        try await harness.serving { switchboard in
            try await eventually("picture stored") { try await attachments(switchboard).first?.storedPath != nil }
        }
    }
}
