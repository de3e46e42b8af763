import Foundation

/// How a stored file is served to the inbox: the content type it is sent with and whether the
/// browser may show it in place.
///
/// Only types a browser renders without running the file's own code are inline: images (not SVG,
/// which carries script), audio and video. A PDF keeps its type but downloads (PDF viewers run the
/// file's scripts). Anything else is `application/octet-stream` as an attachment, so a hostile HTML
/// file cannot run in the inbox's origin.
public struct MediaPresentation: Equatable, Sendable {
    public let contentType: String
    public let inline: Bool

    public init(contentType: String, inline: Bool) {
        self.contentType = contentType
        self.inline = inline
    }

    static let inlineTypes: Set<String> = [
        "image/jpeg", "image/png", "image/gif", "image/webp",
        "audio/ogg", "audio/mpeg", "audio/mp4", "audio/aac", "audio/wav", "audio/webm", "audio/x-m4a",
        "video/mp4", "video/webm", "video/ogg", "video/quicktime",
    ]

    /// Types sent as what they are, but as a download.
    static let attachmentTypes: Set<String> = ["application/pdf"]

    /// Files downloaded from messengers have no stored type; their extension says what they are.
    static let typeByExtension: [String: String] = [
        "jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif", "webp": "image/webp",
        "ogg": "audio/ogg", "oga": "audio/ogg", "opus": "audio/ogg", "mp3": "audio/mpeg", "m4a": "audio/mp4",
        "aac": "audio/aac", "wav": "audio/wav",
        "mp4": "video/mp4", "webm": "video/webm", "mov": "video/quicktime", "ogv": "video/ogg",
        "pdf": "application/pdf",
    ]

    /// The presentation of a file whose stored type is `storedType` (nil when unknown) and whose name
    /// ends in `fileExtension`.
    public static func of(storedType: String?, fileExtension: String) -> MediaPresentation {
        let stored = storedType.map(Self.essence)
        let known = stored.flatMap { $0 == "application/octet-stream" ? nil : $0 }
        let type = known ?? typeByExtension[fileExtension.lowercased()]
        guard let type else { return MediaPresentation(contentType: "application/octet-stream", inline: false) }
        if inlineTypes.contains(type) { return MediaPresentation(contentType: type, inline: true) }
        if attachmentTypes.contains(type) { return MediaPresentation(contentType: type, inline: false) }
        return MediaPresentation(contentType: "application/octet-stream", inline: false)
    }

    /// `audio/ogg; codecs=opus` → `audio/ogg`.
    static func essence(_ mimeType: String) -> String {
        String(mimeType.split(separator: ";", maxSplits: 1).first ?? "").trimmingCharacters(in: .whitespaces).lowercased()
    }
}
