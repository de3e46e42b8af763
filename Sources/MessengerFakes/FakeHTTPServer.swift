import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// Request context of the fake servers; keeps the channel so a fault can drop the connection.
struct FakeRequestContext: RequestContext {
    /// Hummingbird's per-request storage.
    var coreContext: CoreRequestContextStorage
    /// The connection the request arrived on.
    let channel: any Channel

    /// Creates the context from what the server hands over for each request.
    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
    }
}

/// A Hummingbird application bound to an ephemeral port on 127.0.0.1, run in its own task.
///
/// Shared by the fake messenger servers: they only provide the request handler.
struct FakeHTTPServer: Sendable {
    /// Base URL of the running server, for example `http://127.0.0.1:53124`.
    let baseURL: URL
    private let serviceGroup: ServiceGroup
    private let task: Task<Void, Never>

    /// Errors starting the server.
    enum StartError: Error {
        /// The server task ended before it reported a bound port.
        case didNotStart
    }

    /// Starts the server and waits until it listens.
    /// - Parameters:
    ///   - logLevel: Level of the server's own log lines; tests keep it at `.error`.
    ///   - handler: Answers every request; errors become 500 responses.
    static func start(
        logLevel: Logger.Level = .error,
        handler: @escaping @Sendable (Request, FakeRequestContext) async throws -> Response
    ) async throws -> FakeHTTPServer {
        var logger = Logger(label: "MessengerFakes")
        logger.logLevel = logLevel
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            responder: CallbackResponder(callback: handler),
            configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: "MessengerFakes"),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: logger
        )
        // No signal handling: the fake lives inside a test or the demo, whose owner decides when it stops.
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        let task = Task {
            try? await group.run()
            portContinuation.finish()
        }
        var boundPort: Int?
        for await port in ports { boundPort = port }
        guard let boundPort, boundPort > 0, let url = URL(string: "http://127.0.0.1:\(boundPort)") else {
            task.cancel()
            throw StartError.didNotStart
        }
        return FakeHTTPServer(baseURL: url, serviceGroup: group, task: task)
    }

    /// Stops accepting connections, lets in-flight requests finish and waits for the server task.
    func stop() async {
        await serviceGroup.triggerGracefulShutdown()
        await task.value
    }
}
