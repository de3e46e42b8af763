import Foundation
import MessengerFakes
import SwitchboardBench
import TestSupport
import Testing

/// Replies queued on both instances, with an outbox dispatcher on each: every reply is sent once,
/// and the two together keep to the bot's flood limits.
@Suite struct ClusterOutboxTests {
    @Test func fiveHundredRepliesWithADispatcherOnEachInstanceAreEachSentOnceWithoutA429() async throws {
        try await ClusterFixture.with { cluster in
            let a = try await cluster.start("a")
            let b = try await cluster.start("b")
            let clients = (0..<100).map { FakeTelegram.User(id: 5_000_002_000 + Int64($0), firstName: "Client \($0)") }
            for client in clients {
                try await cluster.telegram.sendUserMessage(bot: ClusterFixture.token, from: client, text: "please answer")
            }
            try await eventually(timeout: .seconds(60), "100 conversations were opened") {
                try cluster.count("SELECT count(*) FROM conversations") == 100
            }
            let conversations = try cluster.query("SELECT id FROM conversations ORDER BY id").compactMap { Int64($0) }
            let session = try await OperatorSession.signIn(on: a)
            let bot = ClusterFixture.token
            try await eventually(timeout: .seconds(60), "the desk's own messages to the new clients were sent") {
                let before = await cluster.telegram.calls(bot: bot, method: "sendMessage").count
                try await Task.sleep(for: .seconds(2))
                return await cluster.telegram.calls(bot: bot, method: "sendMessage").count == before
            }

            // Five replies to each client, posted to A and to B by eight senders each. On this machine
            // the two instances rarely outrun 30 a second even with budgets of their own; the shared
            // budget's rules are proven by SharedSendScheduleTests and PostgresSendSlotsTests.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (index, instance) in [a, b].enumerated() {
                    let poster = session.on(instance)
                    for sender in 0..<8 {
                        let mine = conversations.enumerated().filter { $0.offset % 8 == sender }.map(\.element)
                        group.addTask {
                            for round in 0..<(index == 0 ? 3 : 2) {
                                for conversation in mine {
                                    try await poster.reply(to: conversation, text: "reply \(conversation)-\(index)-\(round)")
                                }
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }

            try await eventually(timeout: .seconds(180), "all 500 replies were sent") {
                await cluster.telegram.sentMessages(bot: bot).filter { $0.text?.contains("reply ") == true }.count >= 500
            }
            try await Task.sleep(for: .seconds(3))
            // Replies are signed with the operator's name before the text.
            let texts = await cluster.telegram.sentMessages(bot: bot).compactMap(\.text).filter { $0.contains("reply ") }
            #expect(texts.count == 500)
            #expect(Set(texts).count == 500)
            let times = await cluster.telegram.calls(bot: bot, method: "sendMessage").map(\.receivedAt).sorted()
            var peak = 0
            var first = 0
            for (index, time) in times.enumerated() {
                while time.timeIntervalSince(times[first]) >= 1 { first += 1 }
                peak = max(peak, index - first + 1)
            }
            print("sendMessage calls: \(times.count), the most in one second: \(peak)")
            #expect(await cluster.telegram.tooManyRequestsCount(bot: bot) == 0)
            #expect(try cluster.count("SELECT count(*) FROM outbox") == 0)
        }
    }
}
