import Foundation
import HTTPTypes
import SwitchboardCore

/// Files operators upload for replies: stored under `<media>/uploads/<id>` with a JSON sidecar
/// describing the original name and type, and referenced by id when the reply is sent.
enum Uploads {
    struct Metadata: Codable {
        let fileName: String
        let mimeType: String
        let byteCount: Int64
    }

    /// The largest upload: the most any messenger takes (``OutgoingFileRule/uploadMaxBytes``).
    static let maxBytes = Int(OutgoingFileRule.uploadMaxBytes)

    /// Stores an upload through the capped media store and returns its id and metadata.
    /// - Throws: 507 `storage_full` when the media folder has no room left for it.
    static func store(_ data: Data, fileName: String, mimeType: String, in media: any MediaStore) async throws -> (String, Metadata) {
        let id = UUID().uuidString.lowercased()
        let metadata = Metadata(fileName: sanitized(fileName), mimeType: mimeType, byteCount: Int64(data.count))
        do {
            _ = try await media.store(data, key: "uploads/\(id)", fileExtension: nil)
            _ = try await media.store(try JSONEncoder().encode(metadata), key: "uploads/\(id)", fileExtension: "json")
        } catch let error as MediaStoreError {
            throw APIError(
                .init(code: 507, reasonPhrase: "Insufficient Storage"),
                code: "storage_full",
                message: "The file cannot be stored: \(error)."
            )
        }
        return (id, metadata)
    }

    /// The attachment for a stored upload.
    /// - Throws: 400 `unknown_upload` for an id that was never uploaded.
    static func attachment(forUpload id: String, in media: URL) throws -> Attachment {
        guard UUID(uuidString: id) != nil,
            let data = try? Data(contentsOf: media.appendingPathComponent("uploads/\(id).json")),
            let metadata = try? JSONDecoder().decode(Metadata.self, from: data)
        else { throw APIError(.badRequest, code: "unknown_upload", message: "No upload with id \(id).") }
        let kind = Self.kind(mimeType: metadata.mimeType)
        return Attachment(
            kind: kind,
            fileName: metadata.fileName,
            mimeType: metadata.mimeType,
            byteCount: metadata.byteCount,
            storedPath: "uploads/\(id)"
        )
    }

    /// What an upload is by its type; each messenger adapter then picks how to send it (an `audio/ogg`
    /// voice note goes to Telegram as a voice message, other audio as a track).
    static func kind(mimeType: String) -> AttachmentKind {
        if mimeType.hasPrefix("image/") { return .photo }
        if mimeType.hasPrefix("video/") { return .video }
        if mimeType.hasPrefix("audio/") { return .audio }
        return .document
    }

    /// Keeps a file name displayable and harmless: no folders, no control characters.
    static func sanitized(_ name: String) -> String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let clean = String(last.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.prefix(200))
        return clean.isEmpty || clean == "." || clean == ".." ? "file" : clean
    }
}
