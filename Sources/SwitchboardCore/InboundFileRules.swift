public import Foundation

/// Which files clients send are copied into Switchboard, up to what size, and what a failed copy means.
///
/// Viber hands out a client's picture, video or file as a URL that expires, so a file not copied
/// soon after its message is lost for good; Telegram keeps its files, but the operator should not
/// depend on that either. Both are fetched by the same bounded download workers after the commit
/// and retried on ``AttachmentDownload/retryPolicy``.
public enum InboundFileRules {
    /// Kinds whose bytes are copied: what a client sends as a picture, video, file, voice or sticker.
    /// Locations, contacts and links carry no file.
    public static let fetchedKinds: Set<AttachmentKind> = [.photo, .document, .voice, .audio, .video, .videoNote, .sticker, .animation]

    /// The largest Viber file copied: Viber's own cap on files (50 MB); pictures and videos are smaller.
    public static let viberDownloadLimit: Int64 = 50 * 1_048_576

    /// Whether `attachment` names a file to copy.
    public static func shouldFetch(_ attachment: Attachment) -> Bool {
        fetchedKinds.contains(attachment.kind) && attachment.externalFileID != nil
    }

    /// Why a file link is not fetched at all, or nil for an `http(s)` link: whatever a callback
    /// names, Switchboard never reads local files or other schemes for it.
    public static func refusal(ofLink link: String) -> String? {
        let scheme = URL(string: link)?.scheme?.lowercased()
        return scheme == "https" || scheme == "http" ? nil : "the file's link is not a web address"
    }

    /// What the HTTP status of a file download means.
    /// - Parameter messenger: Who hosts the file, as the operator reads it ("Viber").
    /// - Returns: nil when the file came; a permanent failure when asking again cannot help (the
    ///   link expired or is refused); a transient one otherwise (5xx, 429, 408), which is retried.
    public static func failure(httpStatus status: Int, messenger: String) -> DeliveryFailure? {
        switch status {
        case 200..<300:
            return nil
        case 403, 404, 410:
            // Media CDNs answer an expired signed link with 403 or 404: the file is gone for good.
            return .permanent(
                reason: "\(messenger)'s link to the file expired before it was downloaded (HTTP \(status))",
                recipientUnreachable: false
            )
        case 408, 429:
            return .transient(reason: "\(messenger) answered HTTP \(status)")
        case 400..<500:
            return .permanent(reason: "\(messenger) refused the file (HTTP \(status))", recipientUnreachable: false)
        default:
            return .transient(reason: "\(messenger) answered HTTP \(status)")
        }
    }

    /// The reason shown for a file above `limit`, which is never fetched.
    public static func tooBig(_ size: Int64, limit: Int64) -> String {
        String(format: "file is too big to download (%.1f MB, limit %d MB)", Double(size) / 1_048_576, limit / 1_048_576)
    }

    /// The extension a stored copy gets, so the file serves with the right type: the client's file
    /// name's, else the URL path's, else the content type's; nil when none tells.
    public static func fileExtension(fileName: String?, url: String?, mimeType: String?) -> String? {
        let path = url.flatMap { URL(string: $0)?.path }
        for name in [fileName, path] {
            guard let name, let dot = name.lastIndex(of: "."), !name[dot...].contains("/") else { continue }
            let candidate = name[name.index(after: dot)...]
            if (1...8).contains(candidate.count), candidate.allSatisfy({ $0.isLetter || $0.isNumber }) { return candidate.lowercased() }
        }
        let base = mimeType?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        return base.flatMap { extensionsByType[$0] }
    }

    private static let extensionsByType = [
        "image/jpeg": "jpg", "image/png": "png", "image/gif": "gif", "image/webp": "webp",
        "video/mp4": "mp4", "audio/ogg": "ogg", "audio/mpeg": "mp3", "application/pdf": "pdf",
    ]
}
