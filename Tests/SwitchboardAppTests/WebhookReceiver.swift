import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// A webhook receiver on 127.0.0.1 in the test process: records every POST it gets and answers
/// with the status `answer` picks for the request's number (0-based).
final class WebhookReceiver: Sendable {
    /// One request as it arrived.
    struct Received: Sendable {
        let signature: String?
        let body: Data
        /// The test clock's time when it arrived, to check the signature's freshness against.
        let at: Date
        let status: Int
    }

    /// The requests, shared with the server's handler.
    final class Log: Sendable {
        let received = Mutex<[Received]>([])
    }

    let url: String
    private let log: Log
    private let group: ServiceGroup
    private let task: Task<Void, Never>

    private init(url: String, log: Log, group: ServiceGroup, task: Task<Void, Never>) {
        self.url = url
        self.log = log
        self.group = group
        self.task = task
    }

    /// Every request so far, in arrival order.
    var requests: [Received] { log.received.withLock { $0 } }

    /// Starts a receiver.
    /// - Parameters:
    ///   - now: the test's clock.
    ///   - answer: the status for the request with this index.
    static func start(now: @escaping @Sendable () -> Date, answer: @escaping @Sendable (Int) -> Int) async throws -> WebhookReceiver {
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        let log = Log()
        let router = Router()
        router.post("hook") { request, _ -> Response in
            let body = Data(try await request.body.collect(upTo: 1 << 20).readableBytesView)
            let signature = request.headers[HTTPField.Name("X-Switchboard-Signature")!]
            let status = log.received.withLock { list in
                let status = answer(list.count)
                list.append(Received(signature: signature, body: body, at: now(), status: status))
                return status
            }
            return Response(status: HTTPResponse.Status(code: status))
        }
        var logger = Logger(label: "webhook-receiver")
        logger.logLevel = .error
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: "receiver"),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: logger
        )
        let serviceGroup = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        let task = Task { _ = try? await serviceGroup.run() }
        var port = 0
        for await bound in ports { port = bound }
        return WebhookReceiver(url: "http://127.0.0.1:\(port)/hook", log: log, group: serviceGroup, task: task)
    }

    /// Stops the server.
    func stop() async {
        await group.triggerGracefulShutdown()
        await task.value
    }
}
