public import Logging
import NIOSSL
public import PostgresNIO
import Synchronization

/// A pool of connections to one PostgreSQL database, running for as long as the value is open.
///
/// postgres-nio's client only hands out connections while its `run()` is active, so the database
/// runs it in a task of its own from `init` until `close()`.
public final class PostgresPool: Sendable {
    /// The pool; borrow a connection with `withConnection` or `withTransaction`.
    public let client: PostgresClient
    public let location: PostgresLocation
    public let logger: Logger
    private let running: Task<Void, Never>
    private let dedicatedConfiguration: PostgresConnection.Configuration
    private let dedicatedCount = Atomic<Int>(0)

    /// Opens a pool to `location`.
    /// - Parameters:
    ///   - poolSize: the most connections the pool opens at once.
    ///   - statementTimeout: the server cancels any statement that runs longer (PostgreSQL's `statement_timeout`).
    public init(_ location: PostgresLocation, poolSize: Int = 10, statementTimeout: Duration = .seconds(30), logger: Logger) throws {
        var configuration: PostgresClient.Configuration
        switch location.endpoint {
        case .tcp(let host, let port):
            configuration = .init(
                host: host,
                port: port,
                username: location.user,
                password: location.password,
                database: location.database,
                tls: try Self.tls(location.sslMode)
            )
        case .unixSocket:
            configuration = .init(
                unixSocketPath: location.endpoint.socketPath ?? "",
                username: location.user,
                password: location.password,
                database: location.database
            )
        }
        configuration.options.maximumConnections = max(1, poolSize)
        let milliseconds = statementTimeout.components.seconds * 1000 + statementTimeout.components.attoseconds / 1_000_000_000_000_000
        configuration.options.additionalStartupParameters = [
            ("statement_timeout", "\(milliseconds)"),
            ("application_name", "switchboard"),
        ]
        var dedicated: PostgresConnection.Configuration
        switch location.endpoint {
        case .tcp(let host, let port):
            dedicated = .init(
                host: host,
                port: port,
                username: location.user,
                password: location.password,
                database: location.database,
                tls: try Self.connectionTLS(location.sslMode)
            )
        case .unixSocket:
            dedicated = .init(
                unixSocketPath: location.endpoint.socketPath ?? "",
                username: location.user,
                password: location.password,
                database: location.database
            )
        }
        dedicated.options.additionalStartupParameters = configuration.options.additionalStartupParameters
        dedicatedConfiguration = dedicated
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        self.location = location
        self.logger = logger
        running = Task { await client.run() }
    }

    /// Stops the pool; queries after this fail.
    public func close() async {
        running.cancel()
        await running.value
    }

    /// Starts stopping the pool without waiting for its connections to close, for callers that cannot wait.
    public func shutdown() {
        running.cancel()
    }

    /// Checks that the server answers a query within `limit`.
    /// - Throws: `DatabaseUnavailable` when it does not, or the database's error.
    public func answer(within limit: Duration) async throws {
        let client = self.client
        let logger = self.logger
        try await withDeadline(limit, server: location.description) {
            try await client.withConnection { connection in
                _ = try await connection.query("SELECT 1", logger: logger).collect()
            }
        }
    }

    /// A connection outside the pool, for a session that must outlive any one query (a
    /// session-level lock); the caller closes it.
    func dedicatedConnection() async throws -> PostgresConnection {
        let id = 1_000_000 + dedicatedCount.add(1, ordering: .relaxed).newValue
        return try await PostgresConnection.connect(configuration: dedicatedConfiguration, id: id, logger: logger)
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    /// - Throws: what `body` threw (a `StoreError` stays one), or the database's error.
    public func withTransaction<Result: Sendable>(_ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        do {
            return try await client.withConnection { connection in
                try await connection.withTransaction(logger: logger) { connection in try await body(connection) }
            }
        } catch let error as PostgresTransactionError {
            if let closureError = error.closureError { throw closureError }
            throw error
        }
    }

    static func tls(_ mode: PostgresLocation.SSLMode) throws -> PostgresClient.Configuration.TLS {
        switch (mode, tlsConfiguration(mode)) {
        case (.disable, _), (_, nil): .disable
        case (.prefer, let configuration?): .prefer(configuration)
        case (_, let configuration?): .require(configuration)
        }
    }

    static func connectionTLS(_ mode: PostgresLocation.SSLMode) throws -> PostgresConnection.Configuration.TLS {
        switch (mode, tlsConfiguration(mode)) {
        case (.disable, _), (_, nil): .disable
        case (.prefer, let configuration?): .prefer(try NIOSSLContext(configuration: configuration))
        case (_, let configuration?): .require(try NIOSSLContext(configuration: configuration))
        }
    }

    /// What libpq's `sslmode` checks: nothing for `prefer` and `require`, the authority for
    /// `verify-ca`, the authority and the host name for `verify-full`.
    private static func tlsConfiguration(_ mode: PostgresLocation.SSLMode) -> TLSConfiguration? {
        var configuration = TLSConfiguration.makeClientConfiguration()
        switch mode {
        case .disable: return nil
        case .prefer, .require: configuration.certificateVerification = .none
        case .verifyCA: configuration.certificateVerification = .noHostnameVerification
        case .verifyFull: break
        }
        return configuration
    }
}
