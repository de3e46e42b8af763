import Foundation

/// The database `SWITCHBOARD_DATABASE` names: which store engine, and where.
///
/// A plain path is a SQLite file. A URL (`scheme://…`) names another engine; this build has none
/// yet, so every URL is refused with a message saying so instead of being taken for a file name.
public enum DatabaseLocation: Sendable, Equatable {
    /// A SQLite file, created on first use; its WAL and SHM files live beside it.
    case sqlite(path: String)

    /// A database setting this build cannot open. Its text shows the URL's scheme only, never the
    /// rest, which may carry a password.
    public struct Unsupported: Error, Equatable, CustomStringConvertible {
        /// The URL scheme that was named, lower-cased.
        public let scheme: String

        public var description: String {
            switch scheme {
            case "postgres", "postgresql":
                "PostgreSQL (\(scheme)://) is not supported by this build yet; set a SQLite file path such as ./switchboard.sqlite"
            default:
                "\(scheme):// databases are not supported; set a SQLite file path such as ./switchboard.sqlite"
            }
        }
    }

    /// Reads a database setting.
    /// - Throws: `Unsupported` for a URL naming an engine this build cannot open.
    public init(_ setting: String) throws(Unsupported) {
        if let separator = setting.range(of: "://") {
            let scheme = setting[..<separator.lowerBound]
            if !scheme.isEmpty, scheme.allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }) {
                throw Unsupported(scheme: scheme.lowercased())
            }
        }
        self = .sqlite(path: setting)
    }
}
