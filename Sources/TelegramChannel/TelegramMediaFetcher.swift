import Foundation
import SwitchboardCore

/// Downloads the files of inbound attachments with getFile and keeps them in the media store.
///
/// A file that cannot be fetched is never a reason to lose the message: the attachment stays,
/// with its `file_id` and a `download_error` detail the operator sees.
struct TelegramMediaFetcher: Sendable {
    /// The Bot API's download cap (`getFile` refuses bigger files).
    static let downloadLimit: Int64 = 20 * 1024 * 1024

    let api: TelegramBotAPI
    let media: (any MediaStore)?
    let channelID: ChannelID

    /// Whether fetched files have somewhere to go; without a media store attachments stay references.
    var canStore: Bool { media != nil }

    /// The attachments with `storedPath` set where the file was fetched, fetched one after another
    /// before the message is stored (the path of callers without a download queue).
    /// - Throws: only `CancellationError`.
    func fetch(_ attachments: [Attachment]) async throws -> [Attachment] {
        guard canStore else { return attachments }
        var result: [Attachment] = []
        for attachment in attachments {
            guard attachment.externalFileID != nil, attachment.storedPath == nil else {
                result.append(attachment)
                continue
            }
            do {
                result.append(try await download(attachment))
            } catch let error as CancellationError {
                throw error
            } catch {
                result.append(AttachmentDownload.failed(attachment, reason: "download failed: \(error)"))
            }
        }
        return result
    }

    /// Fetches one file into the media store.
    /// - Returns: the attachment with its `storedPath`, or with a `download_error` when no retry can
    ///   help (too big, no download path, a file id Telegram refuses).
    /// - Throws: when a retry may help (the network, Telegram's 5xx or 429, the disk).
    func download(_ attachment: Attachment) async throws -> Attachment {
        guard let media, let fileID = attachment.externalFileID, attachment.storedPath == nil else { return attachment }
        if let size = attachment.byteCount, size > Self.downloadLimit {
            return AttachmentDownload.failed(attachment, reason: Self.tooBig(size))
        }
        let info: TGFileInfo
        do {
            info = try await api.getFile(id: fileID)
        } catch TelegramAPIError.api(let code, let description, _, _) where (400..<500).contains(code) && code != 429 {
            let tooBig = description.lowercased().contains("too big")
            return AttachmentDownload.failed(
                attachment,
                reason: tooBig ? Self.tooBig(attachment.byteCount) : "Telegram refused the file: \(description)"
            )
        }
        if let size = info.fileSize, size > Self.downloadLimit {
            return AttachmentDownload.failed(attachment, reason: Self.tooBig(size))
        }
        guard let path = info.filePath else {
            return AttachmentDownload.failed(attachment, reason: "Telegram gave no download path for this file")
        }
        let data = try await api.download(filePath: path)
        let key = "telegram/\(channelID)/\(attachment.details["file_unique_id"] ?? fileID)"
        var stored = attachment
        stored.storedPath = try await media.store(data, key: key, fileExtension: Self.fileExtension(attachment, path: path))
        stored.byteCount = Int64(data.count)
        stored.details[AttachmentDownload.stateKey] = nil
        return stored
    }

    /// The operator-facing reason for a file above the cap.
    static func tooBig(_ size: Int64?) -> String {
        let megabytes = size.map { String(format: "%.1f MB", Double($0) / 1_048_576) } ?? "over 20 MB"
        return "file is too big to download (\(megabytes), limit 20 MB)"
    }

    private static func fileExtension(_ attachment: Attachment, path: String) -> String? {
        for name in [attachment.fileName, path] {
            if let name, let dot = name.lastIndex(of: "."), name.index(after: dot) < name.endIndex {
                return String(name[name.index(after: dot)...])
            }
        }
        switch attachment.mimeType {
        case "image/jpeg": return "jpg"
        case "audio/ogg": return "ogg"
        case "video/mp4": return "mp4"
        case "image/webp": return "webp"
        default: return nil
        }
    }
}
