import Foundation
import SwitchboardCore
import Testing

/// A client's file fetched after its message was stored: settled once, announced once.
@Suite struct AttachmentDownloadContractTests {
    @Test(arguments: StoreFactory.all)
    func storedFileSettlesItsPendingAttachmentOnceWithOneEvent(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            // Given a client's photo stored while its file is still to be fetched
            let pending = AttachmentDownload.markPending(SwitchboardCore.Attachment(kind: .photo, externalFileID: "f-1"))
            let payload = InboundEvent.Payload.message(externalMessageID: "m-1", text: "", attachments: [pending], contextKey: nil)
            let ingested = try await desk.ingestNew(desk.event(payload, at: desk.at(0)))
            let messageID = try #require(ingested.messageID)
            let conversationID = try #require(ingested.conversationID)

            // When the file is stored, and the same outcome is recorded again
            var stored = pending
            stored.storedPath = "telegram/1/f-1.jpg"
            let first = try await desk.store.settleAttachment(stored, ofMessage: messageID, at: desk.at(5))
            let again = try await desk.store.settleAttachment(stored, ofMessage: messageID, at: desk.at(6))

            // Then the message carries the file, no longer pending, announced by one event
            let attachment = try #require(try await desk.store.messages(in: conversationID).first?.attachments.first)
            #expect(attachment.storedPath == "telegram/1/f-1.jpg")
            #expect(!AttachmentDownload.isPending(attachment))
            #expect(first.map(\.kind) == [.messageAttachmentsUpdated])
            #expect(first.first?.messageID == messageID)
            #expect(again.isEmpty)
        }
    }

    @Test(arguments: StoreFactory.all)
    func settlingAnUnknownMessageIsNotFound(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            await #expect(throws: StoreError.self) {
                try await desk.store.settleAttachment(
                    SwitchboardCore.Attachment(kind: .photo, externalFileID: "f"),
                    ofMessage: MessageID(999),
                    at: desk.at(0)
                )
            }
        }
    }
}

extension AttachmentDownloadContractTests {
    @Test(arguments: StoreFactory.all)
    func pendingDownloadsAreTheChannelsRecentPendingFilesOnly(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            // Given a pending photo, a settled one, an old pending one and one on another channel
            func photo(_ id: String, _ pending: Bool = true) -> SwitchboardCore.Attachment {
                let attachment = SwitchboardCore.Attachment(kind: .photo, externalFileID: id)
                return pending ? AttachmentDownload.markPending(attachment) : attachment
            }
            func message(
                _ id: String,
                _ attachments: [SwitchboardCore.Attachment],
                on channel: ChannelID? = nil,
                at seconds: Double
            ) async throws
                -> MessageID?
            {
                let payload = InboundEvent.Payload.message(externalMessageID: id, text: "", attachments: attachments, contextKey: nil)
                return try await desk.ingestNew(desk.event(payload, on: channel, at: desk.at(seconds))).messageID
            }
            _ = try await message("old", [photo("f-old")], at: 0)
            let recent = try #require(try await message("recent", [photo("f-1"), photo("f-2", false)], at: 100))
            let other = try await desk.makeChannel("other", kind: .telegram)
            _ = try await message("elsewhere", [photo("f-3")], on: other.id, at: 100)

            // When the channel looks for what is left since second 50
            let pending = try await desk.store.pendingDownloads(channel: desk.channel.id, since: desk.at(50), limit: 10)

            // Then only the recent message's pending file is found
            #expect(pending == [PendingDownload(messageID: recent, attachment: photo("f-1"))])
        }
    }
}
