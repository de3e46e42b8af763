import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import HummingbirdWSTesting
import HummingbirdWebSocket
import SwitchboardCore
import Synchronization
import Testing
import WSClient

@Suite struct StreamTests {
    /// One WebSocket frame the inbox receives.
    struct Frame: Sendable {
        let type: String
        let seq: Int64?
        let kind: String?
        let text: String?
        let contactID: Int64?

        init?(_ text: String) {
            guard let json = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], let type = json["type"] as? String else {
                return nil
            }
            self.type = type
            seq = (json["seq"] as? Int).map(Int64.init)
            kind = json["kind"] as? String
            self.text = (json["data"] as? [String: Any])?["text"] as? String
            contactID = (json["contactID"] as? Int).map(Int64.init)
        }
    }

    /// Connects as `session`, hands frames to `until` and closes when it returns true.
    static func listen(
        _ client: any TestClientProtocol,
        _ session: InboxHarness.Session,
        after: Int64? = nil,
        onHello: @escaping @Sendable () async -> Void = {},
        until: @escaping @Sendable ([Frame]) -> Bool
    ) async throws -> [Frame] {
        let frames = Mutex<[Frame]>([])
        var headers = HTTPFields()
        headers[.cookie] = session.cookie
        let path = "/api/v1/stream" + (after.map { "?after=\($0)" } ?? "")
        try await client.ws(path, configuration: .init(additionalHeaders: headers)) { inbound, _, _ in
            for try await message in inbound.messages(maxSize: 1 << 20) {
                guard case .text(let text) = message, let frame = Frame(text) else { continue }
                if frame.type == "hello" {
                    await onHello()
                    continue
                }
                let done = frames.withLock { frames in
                    frames.append(frame)
                    return until(frames)
                }
                if done { return }
            }
        }
        return frames.withLock { $0 }
    }

    @Test func twoOperatorsSeeAClientMessageAndAReconnectGetsExactlyWhatItMissed() async throws {
        try await InboxHarness.run { harness, client in
            _ = try await harness.addOperator("maria")
            _ = try await harness.addOperator("petro")
            let maria = try await harness.signIn(client, "maria")
            let petro = try await harness.signIn(client, "petro")
            let conversation = try await harness.clientWrites("first")
            let ready = AsyncStream<Void>.makeStream()

            // Given both operators connected
            let (mariaFrames, petroFrames) = try await withThrowingTaskGroup(of: [Frame].self) { group in
                for session in [maria, petro] {
                    group.addTask {
                        try await Self.listen(client, session, onHello: { ready.continuation.yield() }) { frames in
                            frames.contains { $0.text == "is anyone there?" }
                        }
                    }
                }
                var readyCount = 0
                for await _ in ready.stream {
                    readyCount += 1
                    if readyCount == 2 { break }
                }
                // When a client writes
                try await harness.clientWrites("is anyone there?")
                let first = try await group.next() ?? []
                let second = try await group.next() ?? []
                return (first, second)
            }

            // Then both see it
            #expect(mariaFrames.last?.kind == "message.created")
            #expect(petroFrames.last?.kind == "message.created")
            let lastSeen = try #require(petroFrames.last?.seq)

            // When petro is away while three more events happen
            for text in ["one", "two", "three"] { try await harness.clientWrites(text) }
            _ = conversation

            // Then reconnecting with his last seq replays exactly those three, then goes live
            let replay = try await Self.listen(client, petro, after: lastSeen, onHello: {}) { frames in frames.count == 3 }
            #expect(replay.map(\.seq) == [lastSeen + 1, lastSeen + 2, lastSeen + 3])
            #expect(replay.map(\.text) == ["one", "two", "three"])
            let live = try await Self.listen(
                client,
                petro,
                after: lastSeen + 3,
                onHello: { _ = try? await harness.clientWrites("four") }
            ) { frames in !frames.isEmpty }
            #expect(live.map(\.seq) == [lastSeen + 4])
            #expect(live.map(\.text) == ["four"])
        }
    }

    @Test func operatorTypingFrameIsAccepted() async throws {
        try await InboxHarness.run { harness, client in
            _ = try await harness.addOperator("maria")
            let maria = try await harness.signIn(client, "maria")
            let conversation = try await harness.clientWrites("hi")
            var headers = HTTPFields()
            headers[.cookie] = maria.cookie
            try await client.ws("/api/v1/stream", configuration: .init(additionalHeaders: headers)) { inbound, outbound, _ in
                try await outbound.write(.text(#"{"type":"typing","conversationID":\#(conversation)}"#))
                try await outbound.write(.text("not json"))
                for try await message in inbound.messages(maxSize: 1 << 20) {
                    if case .text(let text) = message, Frame(text)?.type == "hello" { return }
                }
            }
        }
    }
}
