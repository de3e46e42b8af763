public import Foundation
public import SwitchboardCore

/// A `MediaStore` on the local disk under one folder, with a cap on the folder's total size.
///
/// When the cap is reached new files are refused (the attachment keeps a clear reason), never
/// evicted: deleting a client's earlier files silently would break invariant 4 (no silent drops).
public actor DiskMediaStore: MediaStore {
    /// The media folder.
    public nonisolated let root: URL
    /// Largest total size of all stored files.
    public nonisolated let maxBytes: Int64
    private var usedBytes: Int64?

    /// Creates a store; the folder is created on first write.
    /// - Parameters:
    ///   - root: The media folder.
    ///   - maxBytes: The cap on the folder's total size.
    public init(root: URL, maxBytes: Int64) {
        self.root = root.standardizedFileURL
        self.maxBytes = maxBytes
    }

    public func store(_ data: Data, key: String, fileExtension: String?) async throws -> String {
        let safeKey = key.split(separator: "/").map(Self.sanitize).filter { !$0.isEmpty && $0 != "." && $0 != ".." }
        guard !safeKey.isEmpty else { throw MediaStoreError.invalidPath(key) }
        let safeExtension = fileExtension.map(Self.sanitize).flatMap { $0.isEmpty ? nil : "." + $0 } ?? ""
        let relative = safeKey.joined(separator: "/") + safeExtension
        let url = root.appendingPathComponent(relative)
        let previous = Self.size(of: url)
        let used = try currentUsage()
        guard used - previous + Int64(data.count) <= maxBytes else { throw MediaStoreError.full(limitBytes: maxBytes) }
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url, options: .atomic)
        usedBytes = used - previous + Int64(data.count)
        return relative
    }

    public func read(_ relativePath: String) async throws -> Data {
        try Data(contentsOf: try resolve(relativePath))
    }

    /// The absolute URL of a stored file, for serving it.
    /// - Throws: `MediaStoreError.invalidPath` for paths that leave the media folder.
    public nonisolated func resolve(_ relativePath: String) throws -> URL {
        let parts = relativePath.split(separator: "/")
        guard !parts.isEmpty, !parts.contains(where: { $0 == ".." || $0 == "." }) else { throw MediaStoreError.invalidPath(relativePath) }
        return root.appendingPathComponent(relativePath)
    }

    /// Takes a deleted file's bytes off the running total.
    func forget(bytes: Int64) {
        if let used = usedBytes { usedBytes = max(0, used - bytes) }
    }

    static func fileSize(of url: URL) -> Int64 { size(of: url) }

    /// Total bytes stored, counted once from disk and then kept up to date.
    private func currentUsage() throws -> Int64 {
        if let usedBytes { return usedBytes }
        var total: Int64 = 0
        if let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.fileSizeKey]) {
            for case let url as URL in walker {
                total += Int64((try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0)
            }
        }
        usedBytes = total
        return total
    }

    private static func size(of url: URL) -> Int64 {
        Int64((try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0)
    }

    private static func sanitize(_ part: Substring) -> String {
        String(part.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_" || $0 == "." }.prefix(120))
    }

    private static func sanitize(_ part: String) -> String { sanitize(Substring(part)) }
}
