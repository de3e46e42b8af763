import Foundation

extension IngestDecision {
    /// The attachment detail naming the messenger message an album item came in, so a redelivered
    /// item is recognised and not added twice.
    public static let albumItemKey = "album_item"

    /// The attachments of an album's item, each marked with the item's message id; as they are outside albums.
    public static func albumItems(_ attachments: [Attachment], externalID: String, albumKey: String?) -> [Attachment] {
        guard albumKey != nil else { return attachments }
        return attachments.map { attachment in
            var item = attachment
            item.details[albumItemKey] = externalID
            return item
        }
    }

    /// Adds a later item of an album to the album's stored message: its files join the message's,
    /// and its caption (clients may caption each item) joins the text.
    /// - Returns: the album's conversation and message; nil when this item is in it already (a retry).
    mutating func joinAlbum(_ album: Message, externalID: String, text: String, _ attachments: [Attachment]) -> (ConversationID, MessageID)? {
        let known = album.externalID == externalID || album.attachments.contains { $0.details[Self.albumItemKey] == externalID }
        guard !known else { return nil }
        var updated = album
        updated.attachments += Self.albumItems(attachments, externalID: externalID, albumKey: event.albumKey)
        let caption = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if !caption.isEmpty { updated.text = album.text.isEmpty ? text : album.text + "\n\n" + text }
        changes.append(.extendAlbum(album.id, text: updated.text, attachments: updated.attachments))
        events.append(
            EventDraft(
                .messageAttachmentsUpdated,
                at: now,
                contact: identity.contactID,
                conversation: album.conversationID,
                message: album.id,
                payload: .message(updated)
            )
        )
        return (album.conversationID, album.id)
    }
}
