/// Decides, when an operator uploads a file for a conversation, whether its messenger can take it,
/// so a file that cannot be delivered is refused at once with the reason instead of failing after.
public enum OutgoingFileRule {
    /// Largest upload Switchboard takes: the most any messenger accepts (Telegram's and Viber's 50 MB).
    public static let uploadMaxBytes: Int64 = 50 << 20

    /// Why a file cannot go to the client; `code` is the API's error code.
    public struct Refusal: Error, Sendable, Equatable {
        public var code: String
        public var message: String

        /// Creates a refusal.
        public init(code: String, message: String) {
            self.code = code
            self.message = message
        }
    }

    /// The file an operator wants to send.
    public struct File: Sendable, Equatable {
        public var name: String
        public var mimeType: String
        public var byteCount: Int64

        /// Creates a description of the file.
        public init(name: String, mimeType: String, byteCount: Int64) {
            self.name = name
            self.mimeType = mimeType
            self.byteCount = byteCount
        }
    }

    /// The refusal for sending `file` to a client on `kind`, or nil when the messenger takes it.
    /// - Parameter publicLinks: Whether Switchboard can publish files (`SWITCHBOARD_PUBLIC_URL` set); Viber needs it.
    public static func refusal(for file: File, to kind: ChannelKind, publicLinks: Bool) -> Refusal? {
        let size = MediaAllowance.sizeText(file.byteCount)
        guard file.byteCount <= uploadMaxBytes else {
            return Refusal(code: "too_large", message: "Files are at most \(MediaAllowance.sizeText(uploadMaxBytes)); this one is \(size).")
        }
        switch kind {
        case .telegram:
            return nil
        case .viber:
            return viberRefusal(for: file, size: size, publicLinks: publicLinks)
        }
    }

    private static func viberRefusal(for file: File, size: String, publicLinks: Bool) -> Refusal? {
        guard publicLinks else {
            return Refusal(
                code: "no_public_url",
                message: "Viber fetches files from Switchboard's public address, and SWITCHBOARD_PUBLIC_URL is not set. Ask an admin to set it."
            )
        }
        let ext = fileExtension(of: file.name)
        if let ext, MessengerMediaLimits.viberForbiddenExtensions.contains(ext) {
            return Refusal(code: "forbidden_type", message: "Viber does not deliver .\(ext) files (executables and scripts).")
        }
        switch ViberMediaType(mimeType: file.mimeType) {
        case .picture where file.byteCount > MessengerMediaLimits.viberPictureMaxBytes:
            return Refusal(code: "too_large", message: "Viber takes pictures up to 1 MB; this one is \(size). Send a smaller picture.")
        case .video where file.byteCount > MessengerMediaLimits.viberVideoMaxBytes:
            return Refusal(code: "too_large", message: "Viber takes videos up to 26 MB; this one is \(size).")
        case .file where file.byteCount > MessengerMediaLimits.viberFileMaxBytes:
            return Refusal(code: "too_large", message: "Viber takes files up to 50 MB; this one is \(size).")
        case .file where ext == nil:
            return Refusal(code: "no_extension", message: "Viber needs a file name with an extension, such as invoice.pdf.")
        default:
            return nil
        }
    }

    /// The lowercased extension of a file name, without the dot; nil when it has none.
    public static func fileExtension(of name: String) -> String? {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        let ext = name[name.index(after: dot)...].lowercased()
        return ext.isEmpty ? nil : ext
    }
}
