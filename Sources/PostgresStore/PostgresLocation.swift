import Foundation

/// Where a PostgreSQL database is and how to reach it, read from a `postgres://` or
/// `postgresql://` URL as libpq reads it: `postgres://user:password@host:port/database?sslmode=require`.
///
/// A `host` query parameter that is a path names the folder of the server's Unix socket
/// (`postgres://switchboard@/desk?host=/run/postgresql`), as libpq allows.
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    /// How the connection uses TLS, with libpq's names and meanings.
    public enum SSLMode: String, Sendable, CaseIterable {
        /// Never TLS.
        case disable
        /// TLS when the server offers it, without checking its certificate (libpq's `allow` and `prefer`).
        case prefer
        /// TLS or no connection; the certificate is not checked (libpq's `require`).
        case require
        /// TLS with a certificate signed by a trusted authority, whatever host name it names.
        case verifyCA = "verify-ca"
        /// TLS with a trusted certificate for this host name.
        case verifyFull = "verify-full"
    }

    /// Where the server listens.
    public enum Endpoint: Sendable, Equatable {
        case tcp(host: String, port: Int)
        /// The server's socket in `folder`, named after `port` as PostgreSQL names it.
        case unixSocket(folder: String, port: Int)

        /// The socket file, `<folder>/.s.PGSQL.<port>`; nil for TCP.
        public var socketPath: String? {
            guard case .unixSocket(let folder, let port) = self else { return nil }
            return "\(folder)/.s.PGSQL.\(port)"
        }
    }

    public var endpoint: Endpoint
    public var user: String
    /// Never printed: `description` leaves it out.
    public var password: String?
    public var database: String
    public var sslMode: SSLMode

    /// Creates a location from its parts.
    public init(endpoint: Endpoint, user: String, password: String?, database: String, sslMode: SSLMode) {
        self.endpoint = endpoint
        self.user = user
        self.password = password
        self.database = database
        self.sslMode = sslMode
    }

    /// Whether `text` names a PostgreSQL database rather than a SQLite file.
    public static func isPostgresURL(_ text: String) -> Bool {
        let lowercased = text.lowercased()
        return lowercased.hasPrefix("postgres://") || lowercased.hasPrefix("postgresql://")
    }

    /// Reads a `postgres://` URL.
    /// - Throws: `PostgresLocationError` naming what is wrong; the message never contains the password.
    public init(url text: String) throws(PostgresLocationError) {
        guard Self.isPostgresURL(text) else { throw .notPostgres }
        guard let components = URLComponents(string: text) else { throw .malformed }
        guard let user = components.percentEncodedUser.flatMap({ $0.removingPercentEncoding }), !user.isEmpty else {
            throw .missingUser
        }
        let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
        for name in query.keys where !Self.knownParameters.contains(name) {
            throw .unknownParameter(name)
        }
        let port = components.port ?? 5432
        guard (1...65535).contains(port) else { throw .badPort }
        let host = components.percentEncodedHost.flatMap { $0.removingPercentEncoding } ?? ""
        if let socketFolder = query["host"], socketFolder.hasPrefix("/") {
            endpoint = .unixSocket(folder: socketFolder, port: port)
        } else if let named = query["host"], !named.isEmpty {
            endpoint = .tcp(host: named, port: port)
        } else {
            endpoint = .tcp(host: host.isEmpty ? "localhost" : host, port: port)
        }
        let path = components.percentEncodedPath.dropFirst()
        let database = String(path).removingPercentEncoding ?? ""
        guard !database.contains("/") else { throw .malformed }
        self.user = user
        self.password = components.percentEncodedPassword.flatMap { $0.removingPercentEncoding }
        self.database = database.isEmpty ? user : database
        switch query["sslmode"] {
        case nil, "prefer", "allow": sslMode = .prefer
        case let mode?:
            guard let known = SSLMode(rawValue: mode) else { throw .badSSLMode(mode) }
            sslMode = known
        }
    }

    static let knownParameters: Set<String> = ["sslmode", "host"]

    /// The URL without the password, for logs and `switchboard config`.
    public var description: String {
        let secret = password == nil ? "" : ":***"
        switch endpoint {
        case .tcp(let host, let port):
            return "postgres://\(user)\(secret)@\(host):\(port)/\(database)?sslmode=\(sslMode.rawValue)"
        case .unixSocket(let folder, let port):
            return "postgres://\(user)\(secret)@localhost:\(port)/\(database)?host=\(folder)&sslmode=\(sslMode.rawValue)"
        }
    }
}

/// Why a database URL could not be read.
public enum PostgresLocationError: Error, Equatable, CustomStringConvertible {
    case notPostgres
    case malformed
    case missingUser
    case badPort
    case badSSLMode(String)
    case unknownParameter(String)

    public var description: String {
        switch self {
        case .notPostgres: "the database URL must start with postgres:// or postgresql://"
        case .malformed: "the database URL is not a valid postgres://user:password@host:port/database URL"
        case .missingUser: "the database URL names no user (postgres://USER:password@host/database)"
        case .badPort: "the database URL's port must be between 1 and 65535"
        case .badSSLMode(let mode):
            "the database URL's sslmode \"\(mode)\" is not one of disable, allow, prefer, require, verify-ca, verify-full"
        case .unknownParameter(let name): "the database URL's parameter \"\(name)\" is not supported (only sslmode and host are)"
        }
    }
}
