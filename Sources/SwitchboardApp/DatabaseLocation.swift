import Foundation
public import PostgresStore

/// The database `SWITCHBOARD_DATABASE` names: which store engine, and where.
///
/// A plain path is a SQLite file. A `postgres://` or `postgresql://` URL is a PostgreSQL database
/// that several instances can share. Any other URL (`scheme://…`) is refused with a message saying
/// so instead of being taken for a file name.
public enum DatabaseLocation: Sendable, Equatable {
    /// A SQLite file, created on first use; its WAL and SHM files live beside it.
    case sqlite(path: String)
    /// A PostgreSQL database; it must exist, and its tables are created by the first instance.
    case postgres(PostgresLocation)

    /// A database setting this build cannot open. Its text shows the URL's scheme and what is
    /// wrong, never the rest, which may carry a password.
    public struct Unsupported: Error, Equatable, CustomStringConvertible {
        /// The URL scheme that was named, lower-cased.
        public let scheme: String
        /// What is wrong with a URL of a supported engine; nil when the engine itself is unknown.
        public let problem: String?

        public init(scheme: String, problem: String? = nil) {
            self.scheme = scheme
            self.problem = problem
        }

        public var description: String {
            if let problem {
                return "the PostgreSQL URL (\(scheme)://…) is not usable: \(problem)"
            }
            return "\(scheme):// databases are not supported; set a SQLite file path such as ./switchboard.sqlite or a postgres:// URL"
        }
    }

    /// Reads a database setting.
    /// - Throws: `Unsupported` for a URL naming an engine this build cannot open, or a PostgreSQL URL it cannot read.
    public init(_ setting: String) throws(Unsupported) {
        if let separator = setting.range(of: "://") {
            let scheme = setting[..<separator.lowerBound]
            if !scheme.isEmpty, scheme.allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }) {
                let lowered = scheme.lowercased()
                guard lowered == "postgres" || lowered == "postgresql" else { throw Unsupported(scheme: lowered) }
                do {
                    self = .postgres(try PostgresLocation(url: setting))
                    return
                } catch {
                    throw Unsupported(scheme: lowered, problem: error.description)
                }
            }
        }
        self = .sqlite(path: setting)
    }
}
