import Foundation
import SwitchboardCore
import Testing

@Suite struct AttachmentDownloadTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func message(_ attachments: [SwitchboardCore.Attachment]) -> Message {
        Message(
            id: MessageID(9),
            conversationID: ConversationID(3),
            direction: .inbound,
            author: .client,
            text: "",
            attachments: attachments,
            createdAt: now
        )
    }

    @Test func onlyFilesStillToFetchAreMarkedPending() {
        #expect(AttachmentDownload.isPending(AttachmentDownload.markPending(SwitchboardCore.Attachment(kind: .photo, externalFileID: "f1"))))
        #expect(
            !AttachmentDownload.isPending(AttachmentDownload.markPending(SwitchboardCore.Attachment(kind: .location, details: ["latitude": "1"])))
        )
        #expect(
            !AttachmentDownload.isPending(
                AttachmentDownload.markPending(SwitchboardCore.Attachment(kind: .photo, externalFileID: "f1", storedPath: "a/b"))
            )
        )
        let refused = SwitchboardCore.Attachment(kind: .document, externalFileID: "f2", details: [AttachmentDownload.errorKey: "file is too big"])
        #expect(!AttachmentDownload.isPending(AttachmentDownload.markPending(refused)))
    }

    @Test func storedFileReplacesItsPendingAttachmentOnceWithAnEvent() throws {
        // Given a message with two pending files
        let first = AttachmentDownload.markPending(SwitchboardCore.Attachment(kind: .photo, externalFileID: "f1"))
        let second = AttachmentDownload.markPending(SwitchboardCore.Attachment(kind: .document, externalFileID: "f2"))
        var stored = second
        stored.storedPath = "telegram/1/u2.pdf"

        // When the second is stored
        let (updated, event) = try #require(AttachmentDownload.apply(stored, to: message([first, second]), contact: ContactID(5), at: now))

        // Then only it changed, no longer pending, and the change is announced for the message
        #expect(updated.attachments[0] == first)
        #expect(updated.attachments[1].storedPath == "telegram/1/u2.pdf")
        #expect(!AttachmentDownload.isPending(updated.attachments[1]))
        #expect(event.kind == .messageAttachmentsUpdated)
        #expect(event.messageID == MessageID(9))
        #expect(event.conversationID == ConversationID(3))

        // And applying the same outcome again changes nothing
        #expect(AttachmentDownload.apply(stored, to: updated, contact: ContactID(5), at: now) == nil)
    }

    @Test func failedDownloadKeepsTheReasonAndIsNoLongerPending() throws {
        let pending = AttachmentDownload.markPending(SwitchboardCore.Attachment(kind: .photo, externalFileID: "f1"))
        let failed = AttachmentDownload.failed(pending, reason: "download failed: 502")
        let (updated, _) = try #require(AttachmentDownload.apply(failed, to: message([pending]), contact: nil, at: now))
        #expect(updated.attachments[0].details[AttachmentDownload.errorKey] == "download failed: 502")
        #expect(!AttachmentDownload.isPending(updated.attachments[0]))
    }
}
