import Foundation
import MessengerFakes
import SwitchboardBench
import TestSupport
import Testing

/// The instance polling a bot dies mid-burst: another takes the poller over and nothing is lost or doubled.
@Suite struct PollerFailoverTests {
    @Test func killingThePollingInstanceDuringAThousandMessagesLosesAndDoublesNone() async throws {
        try await ClusterFixture.with { cluster in
            let a = try await cluster.start("a")
            try await cluster.waitForPolls(atLeast: 1)
            let b = try await cluster.start("b")

            let clients = (0..<50).map { FakeTelegram.User(id: 5_000_001_000 + Int64($0), firstName: "Client \($0)") }
            var killedAt: Date?
            for number in 0..<1000 {
                try await cluster.telegram.sendUserMessage(bot: ClusterFixture.token, from: clients[number % clients.count], text: "burst \(number)")
                if number == 300 {
                    // Mid-burst, with updates fetched by A and not yet confirmed.
                    await a.kill()
                    killedAt = Date()
                }
                if number % 20 == 19 { try await Task.sleep(for: .milliseconds(50)) }
            }
            let killed = try #require(killedAt)

            try await eventually(timeout: .seconds(10), "another instance polled after the kill") {
                await cluster.telegram.calls(bot: ClusterFixture.token, method: "getUpdates").contains { $0.receivedAt > killed }
            }
            let takeover = await cluster.telegram.calls(bot: ClusterFixture.token, method: "getUpdates").first { $0.receivedAt > killed }
            let seconds = try #require(takeover).receivedAt.timeIntervalSince(killed)
            #expect(seconds < 10, "B took over after \(seconds) s")

            try await eventually(timeout: .seconds(120), "all 1,000 messages were stored") {
                try cluster.count("SELECT count(*) FROM messages WHERE direction = 'in' AND text LIKE 'burst %'") >= 1000
            }
            try await Task.sleep(for: .seconds(2))
            #expect(try cluster.count("SELECT count(*) FROM messages WHERE direction = 'in' AND text LIKE 'burst %'") == 1000)
            #expect(try cluster.count("SELECT count(DISTINCT text) FROM messages WHERE direction = 'in' AND text LIKE 'burst %'") == 1000)
            try await eventually(timeout: .seconds(30), "every update was confirmed") {
                await cluster.telegram.pendingUpdateCount(bot: ClusterFixture.token) == 0
            }
            #expect(b.isRunning)
        }
    }
}
