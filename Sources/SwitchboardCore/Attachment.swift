/// What kind of thing is attached to a message.
public enum AttachmentKind: String, Sendable, Codable, CaseIterable {
    case photo
    case document
    case voice
    case audio
    case video
    case videoNote = "video_note"
    case sticker
    case animation
    case location
    case contact
    case link
    /// Something the messenger sent that Switchboard does not understand; kept, never dropped.
    case unsupported
}

/// A file or structured item carried by a message.
public struct Attachment: Sendable, Codable, Equatable {
    public var kind: AttachmentKind
    /// The messenger's handle for fetching the file (Telegram `file_id`, Viber media URL).
    public var externalFileID: String?
    public var fileName: String?
    public var mimeType: String?
    public var byteCount: Int64?
    /// Where Switchboard stored the downloaded bytes, relative to its media folder.
    public var storedPath: String?
    /// Kind-specific details: coordinates, phone number, URL, or the raw JSON of an unsupported item.
    public var details: [String: String]

    /// Creates an attachment.
    public init(
        kind: AttachmentKind,
        externalFileID: String? = nil,
        fileName: String? = nil,
        mimeType: String? = nil,
        byteCount: Int64? = nil,
        storedPath: String? = nil,
        details: [String: String] = [:]
    ) {
        self.kind = kind
        self.externalFileID = externalFileID
        self.fileName = fileName
        self.mimeType = mimeType
        self.byteCount = byteCount
        self.storedPath = storedPath
        self.details = details
    }
}
