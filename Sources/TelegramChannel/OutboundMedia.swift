import CurlHTTP
import Foundation
import SwitchboardCore

/// An outbound attachment, ready to send: which method, and the bytes or a file_id.
struct OutboundMedia: Sendable {
    enum Source: Sendable {
        case upload(fileName: String, mimeType: String, data: Data)
        case reference(String)
    }

    /// How Telegram takes it (`TelegramMediaRule` decides).
    let method: TelegramMediaRule.Method
    let source: Source

    /// Reads the stored file (or takes the Telegram `file_id`) of an attachment and picks its send method.
    /// - Throws: `DeliveryFailure.permanent` for attachments with neither, or whose file is gone.
    static func resolve(_ attachment: Attachment, media: (any MediaStore)?) async throws -> OutboundMedia {
        if let path = attachment.storedPath, let media {
            let data: Data
            do {
                data = try await media.read(path)
            } catch {
                throw DeliveryFailure.permanent(reason: "attachment file \(path) cannot be read: \(error)", recipientUnreachable: false)
            }
            let name = attachment.fileName ?? String(path.split(separator: "/").last ?? "file")
            let source = Source.upload(fileName: name, mimeType: attachment.mimeType ?? "application/octet-stream", data: data)
            // The bytes at hand are the truth; the size and pixel size recorded with the attachment may be missing.
            let header = attachment.kind == .photo ? (try? ImageHeader.read(data)) : nil
            let pixelSize = header.map { (width: $0.width, height: $0.height) } ?? recordedPixelSize(attachment)
            return OutboundMedia(method: sendMethod(attachment, byteCount: Int64(data.count), pixelSize: pixelSize), source: source)
        }
        if let fileID = attachment.externalFileID {
            let method = sendMethod(attachment, byteCount: attachment.byteCount, pixelSize: recordedPixelSize(attachment))
            return OutboundMedia(method: method, source: .reference(fileID))
        }
        throw DeliveryFailure.permanent(
            reason: "a \(attachment.kind.rawValue) attachment without a file cannot be sent to Telegram",
            recipientUnreachable: false
        )
    }

    private static func sendMethod(_ attachment: Attachment, byteCount: Int64?, pixelSize: (width: Int, height: Int)?) -> TelegramMediaRule.Method {
        TelegramMediaRule.method(kind: attachment.kind, mimeType: attachment.mimeType, byteCount: byteCount, pixelSize: pixelSize)
    }

    /// `width` and `height` as a messenger reported them.
    private static func recordedPixelSize(_ attachment: Attachment) -> (width: Int, height: Int)? {
        guard let width = attachment.details["width"].flatMap(Int.init), let height = attachment.details["height"].flatMap(Int.init) else {
            return nil
        }
        return (width, height)
    }
}
