/// How Viber's `send_message` carries an operator's file, by its type.
public enum ViberMediaType: String, Sendable, Equatable {
    /// JPEG or PNG: shown inline, with the reply's text as caption.
    case picture
    /// MP4: played inline.
    case video
    /// Anything else: a download with its name and size.
    case file

    /// The message type for a file of this MIME type.
    public init(mimeType: String?) {
        switch mimeType.map(Self.essence) {
        case "image/jpeg", "image/png": self = .picture
        case "video/mp4": self = .video
        default: self = .file
        }
    }

    /// `type/subtype` in lower case, without parameters such as `; name=…`, which do not change the type.
    public static func essence(_ mimeType: String) -> String {
        String(mimeType.split(separator: ";").first ?? "").filter { $0 != " " }.lowercased()
    }
}
