import SwitchboardCore

/// Turns one attachment of a reply into its `send_message` body: `picture`, `video`, `file` or `url`.
///
/// Operators' uploads are published through ``OutgoingFileLinks`` and typed by ``ViberMediaType``
/// (the rule the upload check used, so what was accepted then is what goes now); an attachment that
/// already has an http(s) URL (a link, a file hosted elsewhere) is passed on as it is.
struct ViberMediaBodies {
    /// The longest text a picture carries as its caption (UTF-16 units). Viber's older docs say 120
    /// and newer pages more; the reference recommends the safe value. Longer texts go as their own message.
    static let captionLimit = 120

    let links: OutgoingFileLinks?

    /// Whether `text` can ride on a picture instead of going as a message of its own.
    static func fitsCaption(_ text: String) -> Bool {
        text.utf16.count <= captionLimit
    }

    /// The body of one attachment, from `base` (receiver, sender, tracking data) and its message type.
    /// - Throws: `DeliveryFailure.permanent` for an attachment Viber cannot fetch or needs the size of.
    func body(for attachment: Attachment, base: (String?) -> ViberMessageBody) throws -> ViberMessageBody {
        if attachment.kind == .link, let url = attachment.details["url"] {
            var link = base("url")
            link.media = url
            return link
        }
        let name = attachment.fileName ?? "this attachment"
        if attachment.storedPath != nil {
            guard let links else {
                throw DeliveryFailure.permanent(
                    reason: "Viber fetches files by public URL, and SWITCHBOARD_PUBLIC_URL is not set, so \(name) has none",
                    recipientUnreachable: false
                )
            }
            guard let url = links.url(for: attachment) else {
                throw DeliveryFailure.permanent(
                    reason: "Viber fetches files by public URL, and only operators' uploads are published; \(name) is not one",
                    recipientUnreachable: false
                )
            }
            return try typed(ViberMediaType(mimeType: attachment.mimeType), url: url, attachment, base: base)
        }
        guard let url = Self.hostedURL(of: attachment) else {
            throw DeliveryFailure.permanent(reason: "Viber fetches files by public URL, and \(name) has none", recipientUnreachable: false)
        }
        let isPicture = attachment.kind == .photo && [".jpg", ".jpeg", ".png", ".gif"].contains(where: url.lowercased().hasSuffix)
        return try typed(isPicture ? .picture : .file, url: url, attachment, base: base)
    }

    private func typed(
        _ type: ViberMediaType,
        url: String,
        _ attachment: Attachment,
        base: (String?) -> ViberMessageBody
    ) throws
        -> ViberMessageBody
    {
        var body = base(type.rawValue)
        body.media = url
        if type == .picture {
            body.text = ""
            return body
        }
        guard let size = attachment.byteCount, size > 0 else {
            throw DeliveryFailure.permanent(reason: "Viber needs the size of \(attachment.fileName ?? "the file")", recipientUnreachable: false)
        }
        body.size = size
        if type == .file {
            body.fileName = attachment.fileName ?? String(url.split(separator: "/").last ?? "file")
        }
        return body
    }

    /// An http(s) URL someone else hosts: a link's URL or the file's own address.
    static func hostedURL(of attachment: Attachment) -> String? {
        for candidate in [attachment.details["url"], attachment.externalFileID] {
            if let candidate, candidate.hasPrefix("https://") || candidate.hasPrefix("http://") { return candidate }
        }
        return nil
    }
}
