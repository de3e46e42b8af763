import Foundation
import MessengerFakes
import SwitchboardApp
import SwitchboardCore
import TestSupport
import Testing

@Suite struct TelegramMediaDownloadAppTests {
    static let photo = Data([0xFF, 0xD8, 0xFF, 0xE0]) + Data("fake jpeg body".utf8)

    /// The client sends a photo whose file is `photo-1`.
    func clientSendsAPhoto(_ harness: TelegramAppHarness) async throws {
        _ = try await harness.telegram.enqueueUpdate(
            bot: TelegramAppHarness.token,
            json: [
                "message": [
                    "message_id": 7, "date": 1_800_000_000,
                    "chat": ["id": 5_000_000_011, "type": "private", "first_name": "Olena"],
                    "from": ["id": 5_000_000_011, "is_bot": false, "first_name": "Olena"],
                    "photo": [["file_id": "photo-1", "file_unique_id": "u1", "width": 640, "height": 480, "file_size": Self.photo.count]],
                ]
            ]
        )
    }

    func firstAttachment(_ switchboard: Switchboard) async throws -> SwitchboardCore.Attachment? {
        try await switchboard.store.messages(in: ConversationID(1)).first?.attachments.first
    }

    @Test(.timeLimit(.minutes(3))) func webhookIsAnsweredBeforeASlowDownloadAndTheFileIsStoredLater() async throws {
        let harness = try await TelegramAppHarness()
        defer { Task { await harness.stop() } }
        _ = try await harness.addChannel(mode: .webhook)
        _ = try await harness.telegram.addFile(bot: TelegramAppHarness.token, fileId: "photo-1", bytes: Self.photo, fileName: "photo.jpg")
        try await harness.telegram.failNextDownloads(bot: TelegramAppHarness.token, with: .slow(seconds: 3))

        try await harness.serving { switchboard in
            // When a client's photo arrives by webhook and its file takes three seconds to download
            try await clientSendsAPhoto(harness)

            // Then Telegram gets its 200 while the file is still on its way: the message is there, its photo pending
            try await eventually("acknowledged") {
                await harness.telegram.webhookAttempts(bot: TelegramAppHarness.token).contains { $0.status == 200 }
            }
            let pending = try #require(try await firstAttachment(switchboard))
            #expect(AttachmentDownload.isPending(pending))
            #expect(pending.storedPath == nil)

            // And the file is stored once it arrives, no longer pending
            try await eventually("photo stored") { try await firstAttachment(switchboard)?.storedPath != nil }
            let stored = try #require(try await firstAttachment(switchboard))
            #expect(!AttachmentDownload.isPending(stored))
            #expect(stored.details[AttachmentDownload.errorKey] == nil)
            let events = try await switchboard.store.events(after: 0, limit: 1000)
            #expect(events.contains { $0.kind == .messageAttachmentsUpdated })
        }
    }

    @Test(.timeLimit(.minutes(3))) func downloadFailingTwiceIsRetriedAndStored() async throws {
        let harness = try await TelegramAppHarness()
        defer { Task { await harness.stop() } }
        _ = try await harness.addChannel(mode: .poll)
        _ = try await harness.telegram.addFile(bot: TelegramAppHarness.token, fileId: "photo-1", bytes: Self.photo, fileName: "photo.jpg")
        try await harness.telegram.failNextDownloads(bot: TelegramAppHarness.token, with: .serverError(502), count: 2)

        try await harness.serving { switchboard in
            // When a client's photo arrives and its download fails twice
            try await clientSendsAPhoto(harness)

            // Then the third attempt stores it
            try await eventually("photo stored") { try await firstAttachment(switchboard)?.storedPath != nil }
            #expect(try await firstAttachment(switchboard)?.details[AttachmentDownload.errorKey] == nil)
            #expect(await harness.telegram.calls(bot: TelegramAppHarness.token, method: "getFile").count == 3)
        }
    }
}

extension TelegramMediaDownloadAppTests {
    @Test(.timeLimit(.minutes(3))) func fileLeftPendingByARestartIsFetchedWhenTheChannelStarts() async throws {
        let harness = try await TelegramAppHarness()
        defer { Task { await harness.stop() } }
        let channel = try await harness.addChannel(mode: .poll)
        _ = try await harness.telegram.addFile(bot: TelegramAppHarness.token, fileId: "photo-1", bytes: Self.photo, fileName: "photo.jpg")
        // Given a photo committed with its file pending when the process stopped
        let before = try Switchboard(config: harness.config, logger: harness.logs.logger())
        let pending = AttachmentDownload.markPending(SwitchboardCore.Attachment(kind: .photo, externalFileID: "photo-1", mimeType: "image/jpeg"))
        let event = InboundEvent(
            channelID: channel.id,
            deliveryKey: "tg:1",
            sender: SenderProfile(externalID: "5000000011", displayName: "Olena"),
            occurredAt: Date(),
            payload: .message(externalMessageID: "7", text: "", attachments: [pending], contextKey: nil)
        )
        guard case .new = try await before.store.ingest(event) else { throw StoreError.invalid("not ingested") }

        // When the server starts again, then the file is fetched and stored
        try await harness.serving { switchboard in
            try await eventually("photo stored") { try await firstAttachment(switchboard)?.storedPath != nil }
        }
    }
}
