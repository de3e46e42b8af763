import CurlHTTP
import Foundation
import MessengerFakes
import SQLiteStore
import SwitchboardCore
import SwitchboardEngine
import Synchronization
import TelegramChannel
import TestSupport
import Testing

@Suite struct PollingTests {
    @Test func thousandUpdatesArriveInOrderEachStoredOnce() async throws {
        let harness = try await TelegramHarness()
        defer { Task { await harness.stop() } }
        // Given 1,000 messages from 10 clients waiting at Telegram
        var expected: [String] = []
        for n in 0..<1000 {
            let update = try await harness.telegram.sendUserMessage(
                bot: TelegramHarness.token,
                from: TelegramHarness.user(n % 10),
                text: "message \(n)"
            )
            expected.append("7000000001:\(update.updateId)")
        }
        let sink = RecordingSink(harness.router)

        // When the poller runs until all are stored
        let poller = Task { try await harness.poller(sink: sink).run() }
        try await eventually(timeout: .seconds(120), "1,000 messages stored") { try harness.inspector.count("messages") == 1000 }
        try await eventually("Telegram's queue confirmed") { await harness.telegram.pendingUpdateCount(bot: TelegramHarness.token) == 0 }
        poller.cancel()
        _ = await poller.result

        // Then each was committed once, in Telegram's order
        #expect(sink.newKeys == expected)
        #expect(sink.duplicateKeys.isEmpty)
        #expect(try await harness.storedTexts() == (0..<1000).map { "message \($0)" })
    }

    @Test func killedBetweenCommitAndOffsetAdvanceLosesAndDuplicatesNothing() async throws {
        let harness = try await TelegramHarness()
        defer { Task { await harness.stop() } }
        var keys: [String] = []
        for n in 0..<30 {
            let update = try await harness.telegram.sendUserMessage(
                bot: TelegramHarness.token,
                from: TelegramHarness.user(n % 3),
                text: "message \(n)"
            )
            keys.append("7000000001:\(update.updateId)")
        }
        let sink = RecordingSink(harness.router)

        // Given a poller that is killed right after update #12 commits, before its offset reaches Telegram
        let killed = Mutex<Task<Void, any Error>?>(nil)
        let killKey = keys[12]
        sink.onCommit { key in
            if key == killKey { killed.withLock { $0 }?.cancel() }
        }
        let first = Task { try await harness.poller(sink: sink).run() }
        killed.withLock { $0 = first }
        _ = await first.result
        #expect(sink.newKeys.contains(keys[12]))
        #expect(await harness.telegram.pendingUpdateCount(bot: TelegramHarness.token) >= 30 - 12, "update #12 is not confirmed")

        // When a new poller starts
        sink.onCommit { _ in }
        let second = Task { try await harness.poller(sink: sink).run() }
        try await eventually("all 30 stored") { try harness.inspector.count("messages") == 30 }
        try await eventually("queue confirmed") { await harness.telegram.pendingUpdateCount(bot: TelegramHarness.token) == 0 }
        second.cancel()
        _ = await second.result

        // Then Telegram redelivered #12, the router ignored it, and every message is stored exactly once
        #expect(sink.duplicateKeys.contains(keys[12]))
        #expect(sink.newKeys == keys)
        #expect(try await harness.storedTexts() == (0..<30).map { "message \($0)" })
    }

    @Test func failedCommitIsRetriedAndNotAcknowledged() async throws {
        let harness = try await TelegramHarness()
        defer { Task { await harness.stop() } }
        try await harness.telegram.sendUserMessage(bot: TelegramHarness.token, from: TelegramHarness.user(1), text: "first")
        try await harness.telegram.sendUserMessage(bot: TelegramHarness.token, from: TelegramHarness.user(1), text: "second")
        let sink = RecordingSink(harness.router)
        sink.failNext(3)

        let poller = Task { try await harness.poller(sink: sink).run() }
        // (90 s: beside three CPU hogs the whole suite once kept the poller's task waiting past 30 s
        // for a thread between two retries; alone, it stores both within a second)
        try await eventually(timeout: .seconds(90), "both stored after the store recovers") { try harness.inspector.count("messages") == 2 }
        poller.cancel()
        _ = await poller.result

        #expect(try await harness.storedTexts() == ["first", "second"])
        #expect(harness.logs.text.contains("will retry"))
    }

    @Test func webhookConflictIsLoggedAndPollingResumesAfterDeleteWebhook() async throws {
        var configuration = FakeTelegram.Configuration()
        configuration.allowInsecureWebhooks = true
        let harness = try await TelegramHarness(configuration: configuration)
        defer { Task { await harness.stop() } }
        try await harness.api.setWebhook(url: "http://127.0.0.1:9/webhooks/telegram/support", secretToken: "s3cret")
        let poller = Task { try await harness.poller().run() }
        try await eventually("409 logged") { harness.logs.text.contains("conflicts with a webhook") }

        try await TelegramWebhookSetup.activate(.poll, api: harness.api, webhookURL: nil, secret: nil)
        try await harness.telegram.sendUserMessage(bot: TelegramHarness.token, from: TelegramHarness.user(1), text: "after the switch")
        try await eventually(timeout: .seconds(15), "message stored") { try harness.inspector.count("messages") == 1 }
        poller.cancel()
        _ = await poller.result
    }
}

/// The poller hands each getUpdates page to the router as one group, committed in one transaction.
@Suite struct PagePollingTests {
    func waiting(_ count: Int, at harness: TelegramHarness) async throws -> [String] {
        var keys: [String] = []
        for n in 0..<count {
            let update = try await harness.telegram.sendUserMessage(
                bot: TelegramHarness.token,
                from: TelegramHarness.user(n % 3),
                text: "message \(n)"
            )
            keys.append("7000000001:\(update.updateId)")
        }
        return keys
    }

    @Test func aPolledPageIsCommittedAsOneGroup() async throws {
        let harness = try await TelegramHarness()
        defer { Task { await harness.stop() } }
        let keys = try await waiting(50, at: harness)
        let sink = RecordingSink(harness.router)

        let poller = Task { try await harness.poller(sink: sink).run() }
        try await eventually("queue confirmed") { await harness.telegram.pendingUpdateCount(bot: TelegramHarness.token) == 0 }
        poller.cancel()
        _ = await poller.result

        #expect(sink.groups.first == keys)
        #expect(sink.newKeys == keys)
        #expect(try await harness.storedTexts() == (0..<50).map { "message \($0)" })
    }

    @Test func aFailureMidPageAcknowledgesOnlyTheUpdatesBeforeIt() async throws {
        let harness = try await TelegramHarness()
        defer { Task { await harness.stop() } }
        let keys = try await waiting(10, at: harness)
        let sink = RecordingSink(harness.router)
        sink.failOnce(keys[4])

        let poller = Task { try await harness.poller(sink: sink).run() }
        try await eventually("all 10 stored") { try harness.inspector.count("messages") == 10 }
        try await eventually("queue confirmed") { await harness.telegram.pendingUpdateCount(bot: TelegramHarness.token) == 0 }
        poller.cancel()
        _ = await poller.result

        // Telegram delivered the page again from the failed update; the ones after it had committed
        #expect(Array(sink.groups.prefix(2)) == [keys, Array(keys[4...])])
        #expect(Set(sink.newKeys) == Set(keys))
        #expect(sink.duplicateKeys == Array(keys[5...]))
    }
}
