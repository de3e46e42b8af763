import Foundation
import HTTPTypes
import HummingbirdTesting
import HummingbirdWSTesting
import HummingbirdWebSocket
import SwitchboardApp
import SwitchboardCore
import SwitchboardEngine
import Synchronization
import TestSupport
import Testing
import WSClient

/// The bus never waits for a browser: one that falls too far behind is closed, and resumes by seq.
@Suite struct StreamLagTests {
    @Test func aBrowserTooFarBehindIsClosedAndItsResumeWithAfterGetsEveryEventOnce() async throws {
        try await InboxHarness.run { harness, client in
            _ = try await harness.addOperator("maria")
            let maria = try await harness.signIn(client, "maria")
            var headers = HTTPFields()
            headers[.cookie] = maria.cookie
            let helloSeq = Mutex<Int64?>(nil)
            let burst = Mutex<[Event]>([])
            let received = Mutex<[Int64]>([])

            // Given maria's stream is open
            let closed = try await client.ws("/api/v1/stream", configuration: .init(additionalHeaders: headers)) { inbound, _, _ in
                for try await message in inbound.messages(maxSize: 1 << 20) {
                    guard case .text(let text) = message else { continue }
                    let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
                    if json?["type"] as? String == "hello" {
                        helloSeq.withLock { $0 = (json?["latestSeq"] as? Int).map(Int64.init) }
                        // When more events than the stream may fall behind are published at once: a burst
                        // this browser could not have taken in time (the bus does not wait for it)
                        let events = try await Self.commit(moreThan: StreamLimits().maxLag, harness: harness)
                        burst.withLock { $0 = events }
                        harness.switchboard.bus.publish(events)
                    } else if let seq = json?["seq"] as? Int {
                        received.withLock { $0.append(Int64(seq)) }
                    }
                }
            }

            // Then the socket is closed with the fell-behind code, before any of the burst was sent
            #expect(closed.map { String(describing: $0.closeCode) } == "unknown(4408)")
            #expect(closed?.reason == "fell behind; resume with after")
            #expect(received.withLock { $0 }.isEmpty)

            // And reconnecting with ?after= the seq it had (as the inbox does) replays every event once, in order
            let after = try #require(helloSeq.withLock { $0 })
            let expected = burst.withLock { $0 }.map(\.seq)
            let last = try #require(expected.last)
            let replay = try await StreamTests.listen(client, maria, after: after) { frames in frames.contains { $0.seq == last } }
            let seqs = replay.compactMap(\.seq)
            #expect(Array(seqs.prefix(expected.count)) == expected)
            #expect(Set(seqs).count == seqs.count)
        }
    }

    /// Commits client messages from new clients, without publishing them, until more than `count` events exist.
    static func commit(moreThan count: Int, harness: InboxHarness) async throws -> [Event] {
        var events: [Event] = []
        while events.count <= count {
            let event = InboundEvents.text("burst \(events.count)", channel: harness.channel.id, from: "burst-\(events.count)")
            guard case .new(let result) = try await harness.switchboard.store.ingest(event) else { throw StoreError.invalid("not ingested") }
            events += result.events
        }
        return events
    }
}
