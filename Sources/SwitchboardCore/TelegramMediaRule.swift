import Foundation

/// How an outbound file goes to Telegram: which send method, and which files travel together as one album.
///
/// Telegram refuses a photo over 10 MB (`PHOTO_SAVE_FILE_INVALID`) or with extreme proportions
/// (`PHOTO_INVALID_DIMENSIONS`), where a document of the same bytes is accepted: such a picture goes
/// as a document rather than failing. Voice notes (`audio/ogg` opus) play inline only through
/// `sendVoice`; other audio goes through `sendAudio`, which shows a player with title and performer.
/// See `channels/telegram.md` and the Bot API's sendPhoto, sendVoice and sendMediaGroup.
public enum TelegramMediaRule {
    /// Largest photo Telegram takes as a photo.
    public static let photoMaxBytes: Int64 = 10 * 1024 * 1024
    /// Largest width plus height of a photo.
    public static let photoMaxSideSum = 10_000
    /// Largest ratio of a photo's long side to its short side.
    public static let photoMaxRatio = 20
    /// How many items an album holds at least and at most.
    public static let albumSize = 2...10

    /// A Bot API send method for one file.
    public enum Method: String, Sendable, Equatable, CaseIterable {
        case photo, video, voice, audio, document

        /// The method name, e.g. `sendPhoto`.
        public var name: String { "send" + rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
        /// The parameter (and `InputMedia` type) that carries the file, e.g. `photo`.
        public var field: String { rawValue }

        /// Which items may share an album: photos with videos; documents and audio only with their own kind.
        public var albumFamily: AlbumFamily? {
            switch self {
            case .photo, .video: .visual
            case .document: .documents
            case .audio: .audio
            case .voice: nil
            }
        }
    }

    /// Kinds of items Telegram lets share one album.
    public enum AlbumFamily: Sendable, Equatable {
        case visual, documents, audio
    }

    /// The send method for a file.
    /// - Parameters:
    ///   - kind: What the attachment says it is.
    ///   - mimeType: Its media type, if known.
    ///   - byteCount: Its size, if known; a photo of unknown size is tried as a photo.
    ///   - pixelSize: Its width and height, if known (from the image's header or the messenger).
    public static func method(kind: AttachmentKind, mimeType: String?, byteCount: Int64?, pixelSize: (width: Int, height: Int)?) -> Method {
        switch kind {
        case .photo:
            return photoProblem(byteCount: byteCount, pixelSize: pixelSize) == nil ? .photo : .document
        case .video: return .video
        case .voice: return .voice
        case .audio: return isVoiceNote(mimeType) ? .voice : .audio
        case .document:
            guard let mimeType, baseType(mimeType).hasPrefix("audio/") else { return .document }
            return isVoiceNote(mimeType) ? .voice : .audio
        default: return .document
        }
    }

    /// Why Telegram would refuse this picture as a photo, nil when it takes it.
    public static func photoProblem(byteCount: Int64?, pixelSize: (width: Int, height: Int)?) -> String? {
        if let byteCount, byteCount > photoMaxBytes { return "larger than 10 MB" }
        guard let size = pixelSize, size.width > 0, size.height > 0 else { return nil }
        if size.width + size.height > photoMaxSideSum { return "width and height add up to more than 10000" }
        if max(size.width, size.height) > photoMaxRatio * min(size.width, size.height) { return "one side is more than 20 times the other" }
        return nil
    }

    /// Splits files, in reply order, into sends: a run of two or more files of one album family
    /// becomes albums of at most ten (split evenly, so no album is left with one item); any other
    /// file goes alone.
    /// - Returns: the indices of `methods` per send, in order; a send of several indices is an album.
    public static func sends(_ methods: [Method]) -> [[Int]] {
        var sends: [[Int]] = []
        var start = 0
        while start < methods.count {
            var end = start + 1
            let family = methods[start].albumFamily
            while family != nil, end < methods.count, methods[end].albumFamily == family { end += 1 }
            let run = Array(start..<end)
            let albums = (run.count + albumSize.upperBound - 1) / albumSize.upperBound
            var offset = 0
            for album in 0..<albums {
                let size = run.count / albums + (album < run.count % albums ? 1 : 0)
                sends.append(Array(run[offset..<(offset + size)]))
                offset += size
            }
            start = end
        }
        return sends
    }

    /// `audio/ogg` (Telegram voice notes are Opus in Ogg) and `audio/opus`, parameters ignored.
    static func isVoiceNote(_ mimeType: String?) -> Bool {
        guard let mimeType else { return false }
        return ["audio/ogg", "audio/opus"].contains(baseType(mimeType))
    }

    private static func baseType(_ mimeType: String) -> String {
        String(mimeType.prefix { $0 != ";" }).trimmingCharacters(in: .whitespaces).lowercased()
    }
}
