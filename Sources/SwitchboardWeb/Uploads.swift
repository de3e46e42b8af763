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

    static let maxBytes = 20 << 20

    /// Stores an upload and returns its id and metadata.
    static func store(_ data: Data, fileName: String, mimeType: String, in media: URL) throws -> (String, Metadata) {
        let id = UUID().uuidString.lowercased()
        let folder = media.appendingPathComponent("uploads", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let metadata = Metadata(fileName: sanitized(fileName), mimeType: mimeType, byteCount: Int64(data.count))
        try data.write(to: folder.appendingPathComponent(id))
        try JSONEncoder().encode(metadata).write(to: folder.appendingPathComponent(id + ".json"))
        return (id, metadata)
    }

    /// The attachment for a stored upload.
    /// - Throws: 400 `unknown_upload` for an id that was never uploaded.
    static func attachment(forUpload id: String, in media: URL) throws -> Attachment {
        guard UUID(uuidString: id) != nil,
            let data = try? Data(contentsOf: media.appendingPathComponent("uploads/\(id).json")),
            let metadata = try? JSONDecoder().decode(Metadata.self, from: data)
        else { throw APIError(.badRequest, code: "unknown_upload", message: "No upload with id \(id).") }
        let kind: AttachmentKind = metadata.mimeType.hasPrefix("image/") ? .photo : metadata.mimeType.hasPrefix("video/") ? .video : .document
        return Attachment(
            kind: kind,
            fileName: metadata.fileName,
            mimeType: metadata.mimeType,
            byteCount: metadata.byteCount,
            storedPath: "uploads/\(id)"
        )
    }

    /// Keeps a file name displayable and harmless: no folders, no control characters.
    static func sanitized(_ name: String) -> String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let clean = String(last.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.prefix(200))
        return clean.isEmpty || clean == "." || clean == ".." ? "file" : clean
    }
}
