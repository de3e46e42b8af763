import SwitchboardCore

/// The text and attachments of a client's Viber message, one case per message type.
struct ViberMessageContent {
    var text: String
    var attachments: [Attachment]
    /// The number of a `contact` message: the sender's own only if it answers our share-phone request.
    var phone: String?

    /// Nil for a type the bridge does not know (e.g. `rich_media`), which is then stored as unsupported.
    init?(_ message: ViberCallback.Message) {
        text = ""
        attachments = []
        switch message.type {
        case "text":
            text = message.text ?? ""
        case "picture":
            text = message.text ?? ""
            attachments = [media(.photo, message)]
        case "video":
            var video = media(.video, message)
            if let duration = message.duration { video.details["duration"] = String(duration) }
            attachments = [video]
        case "file":
            attachments = [media(.document, message)]
        case "sticker":
            attachments = [SharedItemDescription.sticker(id: message.stickerID.map { String($0) }, imageURL: message.media, messenger: "Viber")]
        case "location":
            guard let location = message.location else { return nil }
            attachments = [SharedItemDescription.location(latitude: location.lat, longitude: location.lon)]
        case "contact":
            guard let contact = message.contact else { return nil }
            var details: [String: String] = [:]
            details["name"] = contact.name
            details["phone"] = contact.phoneNumber
            attachments = [Attachment(kind: .contact, details: details)]
            phone = contact.phoneNumber
        case "url":
            guard let url = message.media else { return nil }
            attachments = [Attachment(kind: .link, details: ["url": url])]
        default:
            return nil
        }
    }

    /// A file Viber hosts: its URL is the handle; it expires, so the file is copied right after the commit.
    private func media(_ kind: AttachmentKind, _ message: ViberCallback.Message) -> Attachment {
        var attachment = Attachment(kind: kind, externalFileID: message.media, fileName: message.fileName, byteCount: message.size)
        if let thumbnail = message.thumbnail { attachment.details["thumbnail"] = thumbnail }
        return attachment
    }
}
