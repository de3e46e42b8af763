public import Foundation

/// Where channel adapters keep files that clients sent, so operators can open them later.
///
/// A port: channels never know the folder layout, and the web layer serves the same paths.
public protocol MediaStore: Sendable {
    /// Stores bytes under a stable key, replacing what the key held before.
    /// - Parameters:
    ///   - data: The file's bytes.
    ///   - key: A stable name such as `telegram/3/AgADBQADsKcxG`; the same file always gets the
    ///     same key, so a redelivered update overwrites instead of storing a second copy.
    ///   - fileExtension: Without the dot, e.g. `jpg`; nil for none.
    /// - Returns: The path relative to the media folder, as `Attachment.storedPath` keeps it.
    /// - Throws: `MediaStoreError`.
    func store(_ data: Data, key: String, fileExtension: String?) async throws -> String
    /// Reads a stored file.
    /// - Parameter relativePath: A path `store` returned.
    /// - Throws: `MediaStoreError.invalidPath` for paths outside the media folder, or the file system's error.
    func read(_ relativePath: String) async throws -> Data
}

/// Why a file could not be stored or read.
public enum MediaStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Storing the file would take the folder past its size cap.
    case full(limitBytes: Int64)
    /// The path escapes the media folder or is empty.
    case invalidPath(String)

    public var description: String {
        switch self {
        case .full(let limit): "media storage is full (limit \(limit / 1_048_576) MB)"
        case .invalidPath(let path): "invalid media path '\(path)'"
        }
    }
}
