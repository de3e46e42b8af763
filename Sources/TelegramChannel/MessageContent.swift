import SwitchboardCore

/// What a Telegram `Message` carries, as text and attachments.
struct MessageContent {
    /// Message fields that describe the envelope, not the content; used to name unknown content kinds.
    static let envelopeFields: Set<String> = [
        "message_id", "message_thread_id", "from", "sender_chat", "chat", "date", "edit_date", "is_topic_message",
        "reply_to_message", "external_reply", "quote", "entities", "caption_entities", "media_group_id", "author_signature",
        "forward_origin", "is_automatic_forward", "has_protected_content", "via_bot", "link_preview_options", "reply_markup",
        "sender_boost_count", "business_connection_id", "sender_business_bot", "is_from_offline", "effect_id",
        "show_caption_above_media", "has_media_spoiler", "text", "caption",
    ]

    /// The text, or the caption of media.
    var text: String
    var attachments: [Attachment] = []
    /// The phone number of a contact the client shared about themselves (`contact.user_id == from.id`).
    ///
    /// A contact card of someone else must not overwrite the client's own phone.
    var sharedOwnPhone: String?

    init(_ message: TGMessage) {
        text = message.text ?? message.caption ?? ""
        if let sizes = message.photo, let largest = sizes.max(by: { $0.width * $0.height < $1.width * $1.height }) {
            attachments.append(
                Attachment(
                    kind: .photo,
                    externalFileID: largest.fileId,
                    mimeType: "image/jpeg",
                    byteCount: largest.fileSize,
                    details: ["file_unique_id": largest.fileUniqueId, "width": "\(largest.width)", "height": "\(largest.height)"]
                )
            )
        }
        // An animation also sets `document` (for old clients); keep only the animation.
        if let animation = message.animation {
            attachments.append(Self.file(.animation, animation, defaultMIME: "video/mp4"))
        } else if let document = message.document {
            attachments.append(Self.file(.document, document, defaultMIME: "application/octet-stream"))
        }
        if let voice = message.voice { attachments.append(Self.file(.voice, voice, defaultMIME: "audio/ogg")) }
        if let audio = message.audio { attachments.append(Self.file(.audio, audio, defaultMIME: "audio/mpeg")) }
        if let video = message.video { attachments.append(Self.file(.video, video, defaultMIME: "video/mp4")) }
        if let note = message.videoNote { attachments.append(Self.file(.videoNote, note, defaultMIME: "video/mp4")) }
        if let sticker = message.sticker { attachments.append(Self.file(.sticker, sticker, defaultMIME: "image/webp")) }
        // A venue also sets `location`; keep only the venue, which has both.
        if let venue = message.venue {
            var place = SharedItemDescription.location(latitude: venue.location.latitude, longitude: venue.location.longitude, name: venue.title)
            place.details["title"] = venue.title
            place.details["address"] = venue.address
            attachments.append(place)
        } else if let location = message.location {
            attachments.append(SharedItemDescription.location(latitude: location.latitude, longitude: location.longitude))
        }
        if let contact = message.contact {
            var details = ["phone": contact.phoneNumber, "first_name": contact.firstName]
            details["last_name"] = contact.lastName
            details["user_id"] = contact.userId.map { String($0) }
            details["vcard"] = contact.vcard
            attachments.append(Attachment(kind: .contact, details: details))
            if let owner = contact.userId, owner == message.from?.id { sharedOwnPhone = contact.phoneNumber }
        }
    }

    private static func file(_ kind: AttachmentKind, _ file: TGFile, defaultMIME: String) -> Attachment {
        var details = ["file_unique_id": file.fileUniqueId]
        details["duration"] = file.duration.map { String($0) }
        details["width"] = file.width.map { String($0) }
        details["height"] = file.height.map { String($0) }
        details["title"] = file.title
        details["performer"] = file.performer
        details["emoji"] = file.emoji
        details["set_name"] = file.setName
        return Attachment(
            kind: kind,
            externalFileID: file.fileId,
            fileName: file.fileName,
            mimeType: file.mimeType ?? defaultMIME,
            byteCount: file.fileSize,
            details: details
        )
    }
}
