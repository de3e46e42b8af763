public import Foundation

/// What happened to one attempt to carry a revision to the messenger.
public enum RevisionReport: Sendable, Equatable {
    case applied(revisionID: Int64)
    case retry(revisionID: Int64, at: Date, reason: String)
    case failed(revisionID: Int64, reason: String)

    /// The revision the report is about.
    public var revisionID: Int64 {
        switch self {
        case .applied(let id), .retry(let id, _, _), .failed(let id, _): id
        }
    }
}
