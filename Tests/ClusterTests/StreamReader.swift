import Foundation
import HTTPTypes
import Logging
import NIOWebSocket
import Synchronization
import WSClient

/// One frame of the inbox stream, with the fields the cluster tests check.
struct StreamFrameSeen: Sendable {
    let type: String
    let seq: Int64?
    let kind: String?
    let conversationID: Int64?
    /// The hello's and the reset's latest committed seq.
    let latestSeq: Int64?
    /// The frame as sent, for texts a test looks for.
    let raw: String

    init?(_ text: String) {
        guard let json = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], let type = json["type"] as? String else {
            return nil
        }
        self.type = type
        seq = (json["seq"] as? NSNumber)?.int64Value
        kind = json["kind"] as? String
        conversationID = (json["conversationID"] as? NSNumber)?.int64Value
        latestSeq = (json["latestSeq"] as? NSNumber)?.int64Value
        raw = text
    }
}

/// Reads an instance's inbox stream (`/api/v1/stream`) as a signed-in operator.
enum StreamReader {
    struct Failed: Error, CustomStringConvertible {
        let description: String
    }

    /// The frames `done` waits for did not come in time.
    struct TimedOut: Error, CustomStringConvertible {
        let description: String
    }

    /// Opens the stream (resuming after `after` when given) and reads frames until `done` says the
    /// frames so far are enough, then closes it.
    /// - Returns: every frame read, the hello first.
    static func read(
        port: Int,
        cookie: String,
        after: Int64? = nil,
        timeout: Duration = .seconds(30),
        until done: @escaping @Sendable ([StreamFrameSeen]) -> Bool
    ) async throws -> [StreamFrameSeen] {
        let headers: HTTPFields = [.cookie: cookie]
        let path = "ws://127.0.0.1:\(port)/api/v1/stream" + (after.map { "?after=\($0)" } ?? "")
        let collected = try await withThrowingTaskGroup(of: [StreamFrameSeen]?.self) { group in
            group.addTask {
                let frames = FrameBox()
                _ = try await WebSocketClient.connect(
                    url: path,
                    configuration: .init(maxFrameSize: 1 << 20, additionalHeaders: headers),
                    logger: Logger(label: "cluster.stream")
                ) { inbound, outbound, _ in
                    for try await message in inbound.messages(maxSize: 1 << 20) {
                        guard case .text(let text) = message, let frame = StreamFrameSeen(text) else { continue }
                        if frames.append(frame, until: done) {
                            try await outbound.close(.normalClosure, reason: "read enough")
                            return
                        }
                    }
                }
                return frames.all
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            return first
        }
        guard let collected else { throw TimedOut(description: "the stream on port \(port) did not deliver the expected frames within \(timeout)") }
        return collected
    }
}

/// The frames of one read, shared between the WebSocket handler and its caller.
private final class FrameBox: Sendable {
    private let frames = Mutex<[StreamFrameSeen]>([])

    /// Adds a frame; returns whether the frames now satisfy `done`.
    func append(_ frame: StreamFrameSeen, until done: ([StreamFrameSeen]) -> Bool) -> Bool {
        frames.withLock { frames in
            frames.append(frame)
            return done(frames)
        }
    }

    var all: [StreamFrameSeen] { frames.withLock { $0 } }
}
