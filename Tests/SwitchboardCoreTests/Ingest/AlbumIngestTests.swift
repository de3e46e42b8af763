import Foundation
import SwitchboardCore
import Testing

/// A messenger album arrives as one update per item; its items make one stored message.
@Suite struct AlbumIngestTests {
    typealias F = IngestFixtures

    static func photo(_ fileID: String) -> SwitchboardCore.Attachment {
        SwitchboardCore.Attachment(kind: .photo, externalFileID: fileID, mimeType: "image/jpeg")
    }

    static func item(_ id: String, _ fileID: String, caption: String = "", album: String? = "42:g1") -> InboundEvent {
        var event = F.event(.message(externalMessageID: id, text: caption, attachments: [photo(fileID)], contextKey: nil))
        event.deliveryKey = "update-\(id)"
        event.albumKey = album
        return event
    }

    /// The album's message as the first item stored it.
    static let stored = Message(
        id: MessageID(80),
        conversationID: ConversationID(7),
        direction: .inbound,
        author: .client,
        text: "receipts",
        attachments: IngestDecision.albumItems([photo("f1")], externalID: "42:1", albumKey: "42:g1"),
        externalID: "42:1",
        createdAt: F.now
    )

    @Test func theFirstItemStoresTheMessageAndNamesItsAlbum() throws {
        let plan = F.decide(Self.item("42:1", "f1", caption: "receipts"), F.snapshot())
        #expect(plan.changes.contains(.startAlbum(F.ids.message, channel: F.channel, key: "42:g1")))
        guard case .insertClientMessage(let message, _)? = plan.changes.first(where: { if case .insertClientMessage = $0 { true } else { false } })
        else {
            Issue.record("nothing stored")
            return
        }
        #expect(message.attachments.map { $0.details[IngestDecision.albumItemKey] } == ["42:1"])
        #expect(plan.eventKinds.contains(.messageCreated))
    }

    @Test func aLaterItemJoinsTheAlbumsMessageInsteadOfMakingOne() throws {
        let plan = F.decide(Self.item("42:2", "f2", caption: "and this one"), F.snapshot { $0.album = Self.stored })
        #expect(plan.messageID == Self.stored.id)
        #expect(plan.conversationID == Self.stored.conversationID)
        #expect(!plan.changes.contains { if case .insertClientMessage = $0 { true } else { false } })
        #expect(!plan.changes.contains { if case .clientWrote = $0 { true } else { false } })
        guard case .extendAlbum(let id, let text, let attachments)? = plan.changes.first(where: { if case .extendAlbum = $0 { true } else { false } })
        else {
            Issue.record("the album was not extended")
            return
        }
        #expect(id == Self.stored.id)
        #expect(text == "receipts\n\nand this one")
        #expect(attachments.map(\.externalFileID) == ["f1", "f2"])
        #expect(plan.eventKinds == [.messageAttachmentsUpdated])
    }

    @Test func anItemTheAlbumHoldsAlreadyChangesNothing() {
        var joined = Self.stored
        joined.attachments += IngestDecision.albumItems([Self.photo("f2")], externalID: "42:2", albumKey: "42:g1")
        #expect(F.decide(Self.item("42:2", "f2"), F.snapshot { $0.album = joined }).isDuplicate)
        #expect(F.decide(Self.item("42:1", "f1"), F.snapshot { $0.album = joined }).isDuplicate)
    }

    @Test func onlyClientMessagesAskForTheirAlbum() {
        #expect(IngestReads.albumKey(Self.item("42:1", "f1")) == "42:g1")
        var edit = Self.item("42:1", "f1")
        edit.payload = .edit(externalMessageID: "42:1", text: "x")
        #expect(IngestReads.albumKey(edit) == nil)
        #expect(IngestReads.albumKey(Self.item("42:1", "f1", album: nil)) == nil)
    }
}
