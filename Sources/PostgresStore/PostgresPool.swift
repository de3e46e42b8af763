public import Logging
import NIOSSL
public import PostgresNIO

/// A pool of connections to one PostgreSQL database, running for as long as the value is open.
///
/// postgres-nio's client only hands out connections while its `run()` is active, so the database
/// runs it in a task of its own from `init` until `close()`.
public final class PostgresPool: Sendable {
    /// The pool; borrow a connection with `withConnection` or `withTransaction`.
    public let client: PostgresClient
    public let location: PostgresLocation
    let logger: Logger
    private let running: Task<Void, Never>

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
        var unchecked = TLSConfiguration.makeClientConfiguration()
        unchecked.certificateVerification = .none
        var anyHostName = TLSConfiguration.makeClientConfiguration()
        anyHostName.certificateVerification = .noHostnameVerification
        return switch mode {
        case .disable: .disable
        case .prefer: .prefer(unchecked)
        case .require: .require(unchecked)
        case .verifyCA: .require(anyHostName)
        case .verifyFull: .require(.makeClientConfiguration())
        }
    }
}
