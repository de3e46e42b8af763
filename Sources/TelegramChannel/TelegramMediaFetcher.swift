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

    /// The attachments with `storedPath` set where the file was fetched.
    /// - Throws: only `CancellationError`.
    func fetch(_ attachments: [Attachment]) async throws -> [Attachment] {
        guard let media else { return attachments }
        var result: [Attachment] = []
        for attachment in attachments {
            result.append(try await fetch(attachment, into: media))
        }
        return result
    }

    private func fetch(_ attachment: Attachment, into media: any MediaStore) async throws -> Attachment {
        guard let fileID = attachment.externalFileID, attachment.storedPath == nil else { return attachment }
        var attachment = attachment
        if let size = attachment.byteCount, size > Self.downloadLimit {
            attachment.details["download_error"] = Self.tooBig(size)
            return attachment
        }
        do {
            let info = try await api.getFile(id: fileID)
            if let size = info.fileSize, size > Self.downloadLimit {
                attachment.details["download_error"] = Self.tooBig(size)
                return attachment
            }
            guard let path = info.filePath else {
                attachment.details["download_error"] = "Telegram gave no download path for this file"
                return attachment
            }
            let data = try await api.download(filePath: path)
            let key = "telegram/\(channelID)/\(attachment.details["file_unique_id"] ?? fileID)"
            attachment.storedPath = try await media.store(data, key: key, fileExtension: Self.fileExtension(attachment, path: path))
            attachment.byteCount = Int64(data.count)
        } catch let error as CancellationError {
            throw error
        } catch TelegramAPIError.api(400, let description, _, _) where description.lowercased().contains("too big") {
            attachment.details["download_error"] = Self.tooBig(attachment.byteCount)
        } catch {
            attachment.details["download_error"] = "download failed: \(error)"
        }
        return attachment
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
