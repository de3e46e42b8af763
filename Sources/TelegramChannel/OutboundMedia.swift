import CurlHTTP
import Foundation
import SwitchboardCore

/// An outbound attachment, ready to send: which method, which field, and the bytes or a file_id.
struct OutboundMedia: Sendable {
    enum Source: Sendable {
        case upload(fileName: String, mimeType: String, data: Data)
        case reference(String)
    }

    /// e.g. `sendPhoto`.
    let method: String
    /// e.g. `photo`.
    let field: String
    let source: Source

    /// Reads the stored file (or takes the Telegram `file_id`) of an attachment.
    /// - Throws: `DeliveryFailure.permanent` for attachments with neither, or whose file is gone.
    static func resolve(_ attachment: Attachment, media: (any MediaStore)?) async throws -> OutboundMedia {
        let (method, field) = target(attachment.kind)
        if let path = attachment.storedPath, let media {
            let data: Data
            do {
                data = try await media.read(path)
            } catch {
                throw DeliveryFailure.permanent(reason: "attachment file \(path) cannot be read: \(error)", recipientUnreachable: false)
            }
            let name = attachment.fileName ?? String(path.split(separator: "/").last ?? "file")
            let source = Source.upload(fileName: name, mimeType: attachment.mimeType ?? "application/octet-stream", data: data)
            return OutboundMedia(method: method, field: field, source: source)
        }
        if let fileID = attachment.externalFileID {
            return OutboundMedia(method: method, field: field, source: .reference(fileID))
        }
        throw DeliveryFailure.permanent(
            reason: "a \(attachment.kind.rawValue) attachment without a file cannot be sent to Telegram",
            recipientUnreachable: false
        )
    }

    /// The send method per kind; kinds without their own method go as documents, which keeps name and type.
    private static func target(_ kind: AttachmentKind) -> (String, String) {
        switch kind {
        case .photo: ("sendPhoto", "photo")
        case .voice: ("sendVoice", "voice")
        case .video: ("sendVideo", "video")
        default: ("sendDocument", "document")
        }
    }
}
