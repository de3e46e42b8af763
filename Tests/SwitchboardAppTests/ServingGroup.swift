import CurlHTTP
import Logging
import ServiceLifecycle
import Synchronization
import TestSupport

/// A service group running in the background that reports when it stopped, so a test waiting for the
/// server fails at once with the server's own error (a port in use, say) instead of timing out.
final class ServingGroup: Sendable {
    private let group: ServiceGroup
    private let running: Task<Void, any Error>
    private let exit = Exit()

    init(services: [any Service], logger: Logger) {
        let group = ServiceGroup(configuration: .init(services: services, logger: logger))
        let exit = self.exit
        self.group = group
        running = Task {
            let result = await Result(catching: { try await group.run() })
            exit.result.withLock { $0 = result }
            try result.get()
        }
    }

    /// Waits until `baseURL/healthz` answers 200.
    func waitUntilHealthy(_ baseURL: String, client: CurlTransport) async throws {
        try await eventually("server up") {
            if let exit = exit.result.withLock({ $0 }) {
                try exit.get()
                throw ServerStopped()
            }
            return (try? await client.send(.init(url: baseURL + "/healthz")).status) == 200
        }
    }

    /// Shuts down gracefully and returns how the group ended.
    func stop() async -> Result<Void, any Error> {
        await group.triggerGracefulShutdown()
        return await running.result
    }
}

/// How the group ended, once it has.
private final class Exit: Sendable {
    let result = Mutex<Result<Void, any Error>?>(nil)
}

/// The server stopped before it became healthy, without an error of its own.
struct ServerStopped: Error, CustomStringConvertible {
    var description: String { "the server stopped before it answered /healthz" }
}

extension Result where Failure == any Error {
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
