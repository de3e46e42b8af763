import Foundation
import MessengerFakes
import SwitchboardBench
import Synchronization
import TestSupport
import Testing

/// The "41 commits after 42" trap: with writers on both instances, a reader that resumes after
/// every frame, on alternating instances, still sees every event once and in order.
@Suite struct ResumingReaderTests {
    @Test func aReaderResumingAfterEveryFrameOnEitherInstanceSeesEveryEventOnceInOrder() async throws {
        try await ClusterFixture.with { cluster in
            let a = try await cluster.start("a")
            let b = try await cluster.start("b")
            let clients = (0..<4).map { FakeTelegram.User(id: 5_000_003_000 + Int64($0), firstName: "Client \($0)") }
            for client in clients {
                try await cluster.telegram.sendUserMessage(bot: ClusterFixture.token, from: client, text: "hello")
            }
            try await eventually(timeout: .seconds(60), "4 conversations were opened") {
                try cluster.count("SELECT count(*) FROM conversations") == 4
            }
            let conversations = try cluster.query("SELECT id FROM conversations ORDER BY id").compactMap { Int64($0) }
            let session = try await OperatorSession.signIn(on: a)
            let start = try #require(Int64(cluster.query("SELECT coalesce(max(seq), 0) FROM events").first ?? ""))

            let target = Mutex<Int64?>(nil)
            let reader = Task {
                var seen: [Int64] = []
                var cursor = start
                var turn = 0
                while target.withLock({ $0.map { cursor < $0 } ?? true }) {
                    let instance = turn % 2 == 0 ? a : b
                    turn += 1
                    let frames: [StreamFrameSeen]
                    do {
                        frames = try await StreamReader.read(port: instance.port, cookie: session.cookie, after: cursor, timeout: .seconds(2)) {
                            $0.contains { $0.type == "event" || $0.type == "reset" }
                        }
                    } catch is StreamReader.TimedOut {
                        continue  // Nothing committed after the cursor yet.
                    }
                    if frames.contains(where: { $0.type == "reset" }) { throw StreamReader.Failed(description: "the stream asked for a reset") }
                    if let seq = frames.first(where: { $0.type == "event" })?.seq {
                        seen.append(seq)
                        cursor = seq
                    }
                }
                return seen
            }

            // Replies posted to both instances at once: each commits events of its own,
            // and the outbox's sends commit more on whichever instance sends them.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (index, instance) in [a, b].enumerated() {
                    let poster = session.on(instance)
                    group.addTask {
                        for round in 0..<25 {
                            for conversation in conversations {
                                try await poster.reply(to: conversation, text: "write \(index)-\(round)")
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
            try await eventually(timeout: .seconds(180), "every reply was sent") {
                try cluster.count("SELECT count(*) FROM outbox") == 0
            }
            let last = try #require(Int64(cluster.query("SELECT max(seq) FROM events").first ?? ""))
            target.withLock { $0 = last }
            let seen = try await reader.value

            // Events committed after `last` (a late automation, say) may be seen too: compare up to the last one seen.
            let upTo = seen.last ?? start
            let committed = try cluster.query("SELECT seq FROM events WHERE seq > \(start) AND seq <= \(upTo) ORDER BY seq").compactMap { Int64($0) }
            #expect(upTo >= last)
            #expect(committed.count > 400)
            #expect(seen == committed)
        }
    }
}
