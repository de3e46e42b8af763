import Foundation
import HTTPTypes
import Logging
import NIOWebSocket
import Synchronization
import WSClient

/// The signed-in operator's inbox stream (`/api/v1/stream`): notes in the ledger when each
/// benchmark message's `message.created` frame arrives.
final class StreamListener: Sendable {
    /// The stream refused the upgrade or closed before the run ended.
    struct Failed: Error, CustomStringConvertible {
        let description: String
    }

    private let ledger: DeliveryLedger
    private let greeted = Mutex(false)
    private let stop: AsyncStream<Void>
    private let stopper: AsyncStream<Void>.Continuation

    init(ledger: DeliveryLedger) {
        self.ledger = ledger
        (stop, stopper) = AsyncStream<Void>.makeStream()
    }

    /// Whether the server's hello frame arrived, so events committed from now on will be streamed.
    var isOpen: Bool { greeted.withLock { $0 } }

    /// Listens until ``close()``.
    /// - Throws: ``Failed`` when the stream cannot be opened.
    func run(port: Int, sessionCookie: String) async throws {
        var headers = HTTPFields()
        headers[.cookie] = sessionCookie
        let configuration = WebSocketClientConfiguration(maxFrameSize: 1 << 20, additionalHeaders: headers)
        let close = try await WebSocketClient.connect(
            url: "ws://127.0.0.1:\(port)/api/v1/stream",
            configuration: configuration,
            logger: Logger(label: "bench.stream")
        ) { inbound, outbound, _ in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for try await message in inbound.messages(maxSize: 1 << 20) {
                        guard case .text(let text) = message else { continue }
                        self.handle(text)
                    }
                }
                group.addTask {
                    for await _ in self.stop {}
                    try await outbound.close(.normalClosure, reason: "benchmark done")
                }
                _ = try await group.next()
                group.cancelAll()
            }
        }
        if !isOpen { throw Failed(description: "the inbox stream closed before its hello frame (close \(String(describing: close)))") }
    }

    /// Ends ``run(port:sessionCookie:)``.
    func close() { stopper.finish() }

    private func handle(_ text: String) {
        if text.contains(#""type":"hello""#) {
            greeted.withLock { $0 = true }
            return
        }
        // Only the frame announcing the new message counts; other kinds may quote its text too.
        guard text.contains(#""kind":"message.created""#), let number = BenchMarker.number(in: text) else { return }
        ledger.framed(number)
    }
}
