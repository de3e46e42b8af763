public import Foundation

/// A file an operator uploaded for a reply, as the sweep sees it.
public struct StoredUpload: Sendable, Equatable {
    /// Its path in the media folder, `uploads/<id>`.
    public var path: String
    /// When it was written.
    public var storedAt: Date

    /// Creates the description of an upload.
    public init(path: String, storedAt: Date) {
        self.path = path
        self.storedAt = storedAt
    }
}

/// Which uploads were abandoned: no message took them within a day (the operator closed the tab,
/// or chose another file), so they only take room under the media cap.
public enum UploadSweep {
    /// How long an upload may wait for the reply it was made for.
    public static let unsentLifetime: TimeInterval = 86_400

    /// The paths of uploads older than ``unsentLifetime`` that no message references.
    public static func abandoned(_ uploads: [StoredUpload], attached: Set<String>, now: Date) -> [String] {
        uploads.filter { now.timeIntervalSince($0.storedAt) > unsentLifetime && !attached.contains($0.path) }.map(\.path)
    }
}

/// The uploads folder, for the sweep.
public protocol UploadFiles: Sendable {
    /// Every stored upload.
    func uploads() async throws -> [StoredUpload]
    /// Deletes an upload and its description.
    func removeUpload(_ path: String) async throws
}

/// Which uploads messages reference.
public protocol UploadReferences: Sendable {
    /// The `uploads/<id>` paths some message's attachments point at.
    func attachedUploadPaths() async throws -> Set<String>
}
