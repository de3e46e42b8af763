import Foundation
import MessengerFakes
import SwitchboardBench
import TestSupport
import Testing

/// A channel changed in the admin API of one instance is restarted on the instance running it.
@Suite struct ChannelChangeTests {
    @Test func pausingTheBotOnBStopsAsPollerAndResumingItOnBStartsPollingAgain() async throws {
        try await ClusterFixture.with { cluster in
            let a = try await cluster.start("a")
            try await cluster.waitForPolls(atLeast: 1)
            let b = try await cluster.start("b")
            let admin = try await OperatorSession.signIn(on: b)
            let channel = try #require(Int64(cluster.query("SELECT id FROM channels").first ?? ""))

            try await admin.post("/api/v1/channels/\(channel)/pause")
            // A notices within its two-second check and stops polling; B never polled.
            try await Task.sleep(for: .seconds(5))
            let paused = Date()
            let client = FakeTelegram.User(id: 5_000_004_001, firstName: "Ann")
            try await cluster.telegram.sendUserMessage(bot: ClusterFixture.token, from: client, text: "while paused")
            try await Task.sleep(for: .seconds(4))
            let polled = await cluster.telegram.calls(bot: ClusterFixture.token, method: "getUpdates").filter { $0.receivedAt > paused }
            #expect(polled.isEmpty, "the bot was polled \(polled.count) times while paused")
            #expect(try cluster.count("SELECT count(*) FROM messages WHERE direction = 'in'") == 0)

            try await admin.post("/api/v1/channels/\(channel)/resume")
            try await eventually(timeout: .seconds(30), "the message sent while paused was fetched once the bot was resumed") {
                try cluster.count("SELECT count(*) FROM messages WHERE direction = 'in'") == 1
            }
            #expect(a.isRunning && b.isRunning)
        }
    }
}
