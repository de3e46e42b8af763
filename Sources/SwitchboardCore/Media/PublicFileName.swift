/// The last path segment of an outgoing file's public link, `<upload id>.<extension>`, and back.
///
/// Only operators' uploads (`uploads/<uuid>`) get links; the extension is there because Viber
/// judges a picture or video by how its URL ends (`.jpg`, `.png`, `.mp4`).
public enum PublicFileName {
    /// The segment for an attachment, or nil when it is not an upload (nothing else is ever published).
    public static func segment(for attachment: Attachment) -> String? {
        guard let path = attachment.storedPath, let id = uploadID(inStoredPath: path) else { return nil }
        guard let ext = fileExtension(mimeType: attachment.mimeType, fileName: attachment.fileName) else { return id }
        return "\(id).\(ext)"
    }

    /// The stored path a segment names, or nil for anything that is not `<uuid>` with an optional short extension.
    public static func storedPath(forSegment segment: String) -> String? {
        let parts = segment.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), isUploadID(parts[0]) else { return nil }
        if parts.count == 2, !isExtension(parts[1]) { return nil }
        return "uploads/\(parts[0])"
    }

    /// The extension a link ends with: the one the type implies, else the file name's own.
    public static func fileExtension(mimeType: String?, fileName: String?) -> String? {
        let byType = ["image/jpeg": "jpg", "image/png": "png", "image/gif": "gif", "video/mp4": "mp4", "application/pdf": "pdf"]
        if let mimeType, let ext = byType[ViberMediaType.essence(mimeType)] { return ext }
        guard let ext = OutgoingFileRule.fileExtension(of: fileName ?? "") else { return nil }
        return isExtension(Substring(ext)) ? ext : nil
    }

    private static func uploadID(inStoredPath path: String) -> String? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0] == "uploads", isUploadID(parts[1]) else { return nil }
        return String(parts[1])
    }

    /// A lowercase UUID, as uploads are named.
    private static func isUploadID(_ text: Substring) -> Bool {
        let groups = text.split(separator: "-", omittingEmptySubsequences: false).map(\.count)
        return groups == [8, 4, 4, 4, 12] && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) || $0 == 0x2D }
    }

    private static func isExtension(_ text: Substring) -> Bool {
        (1...10).contains(text.utf8.count) && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x7A).contains($0) }
    }
}
