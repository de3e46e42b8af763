/// Which way a file travels: from the client to the desk, or from an operator to the client.
public enum MediaDirection: String, Sendable, Codable, CaseIterable {
    case inbound
    case outbound
}

/// One sort of file a messenger accepts in one direction: what it is sent as, in which formats, up to what size.
public struct MediaAllowance: Sendable, Equatable, Codable {
    /// What the operator or client would call it, e.g. `Pictures`.
    public var sort: String
    /// How it travels, e.g. Viber's `picture` message or Telegram's `sendPhoto`.
    public var sentAs: String
    /// The formats accepted, e.g. `JPEG, PNG`; `any` when the messenger does not care.
    public var formats: String
    /// The largest size in bytes, or nil when no limit applies.
    public var maxBytes: Int64?
    /// What else to know (what happens beyond the limit, forbidden types).
    public var note: String

    /// Creates an allowance.
    public init(sort: String, sentAs: String, formats: String, maxBytes: Int64?, note: String = "") {
        self.sort = sort
        self.sentAs = sentAs
        self.formats = formats
        self.maxBytes = maxBytes
        self.note = note
    }

    /// `1 MB`, `26 MB`, or `-` when no size applies: sizes as people read them (1 MB = 1,048,576 bytes, as the messengers count).
    public var maxSizeText: String {
        guard let maxBytes else { return "-" }
        return MediaAllowance.sizeText(maxBytes)
    }

    /// A byte count in MB with at most one decimal.
    public static func sizeText(_ bytes: Int64) -> String {
        let megabytes = Double(bytes) / 1_048_576
        if megabytes >= 1, megabytes == megabytes.rounded() { return "\(Int(megabytes)) MB" }
        let tenths = (megabytes * 10).rounded(.up) / 10
        return tenths >= 0.1 ? "\(tenths) MB" : "\(max(1, bytes / 1024)) KB"
    }
}
