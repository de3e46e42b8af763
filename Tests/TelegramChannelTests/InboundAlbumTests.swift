import Foundation
import MessengerFakes
import SQLiteStore
import SwitchboardCore
import SwitchboardEngine
import Synchronization
import TelegramChannel
import TestSupport
import Testing

/// An album arrives as one update per item; it is stored as one message, acknowledged item by item.
@Suite struct InboundAlbumTests {
    static let photos = (1...3).map { Data([0xFF, 0xD8, 0xFF, 0xE0]) + Data("album photo \($0)".utf8) }

    @Test func anAlbumKilledAfterItsSecondItemIsStoredOnceWithEveryItem() async throws {
        let harness = try await TelegramHarness()
        defer { Task { await harness.stop() } }
        let updates = try await harness.telegram.sendUserAlbum(
            bot: TelegramHarness.token,
            from: TelegramHarness.user(1),
            photos: Self.photos,
            caption: "my receipts"
        )
        let keys = updates.map { "7000000001:\($0.updateId)" }
        let sink = RecordingSink(harness.router)

        // Given a poller killed right after the second item commits, before its offset reaches Telegram
        let killed = Mutex<Task<Void, any Error>?>(nil)
        sink.onCommit { key in
            if key == keys[1] { killed.withLock { $0 }?.cancel() }
        }
        let first = Task { try await harness.poller(sink: sink).run() }
        killed.withLock { $0 = first }
        _ = await first.result
        #expect(await harness.telegram.pendingUpdateCount(bot: TelegramHarness.token) >= 2, "the second item is not confirmed")

        // When a new poller starts and Telegram redelivers
        sink.onCommit { _ in }
        let second = Task { try await harness.poller(sink: sink).run() }
        try await eventually("queue confirmed") { await harness.telegram.pendingUpdateCount(bot: TelegramHarness.token) == 0 }
        second.cancel()
        _ = await second.result

        // Then the album is one message with its three photos, each item committed once
        #expect(sink.newKeys == keys)
        #expect(sink.duplicateKeys.contains(keys[1]))
        let messages = try await harness.fixture.store.messages(in: ConversationID(1))
        #expect(messages.count == 1)
        #expect(messages.first?.text == "my receipts")
        #expect(messages.first?.attachments.map(\.kind) == [.photo, .photo, .photo])
        #expect(Set(messages.first?.attachments.compactMap(\.externalFileID) ?? []).count == 3)
    }

    @Test func anItemRedeliveredUnderANewUpdateIsNotAddedTwice() async throws {
        let harness = try await TelegramHarness()
        defer { Task { await harness.stop() } }
        try await harness.telegram.sendUserAlbum(bot: TelegramHarness.token, from: TelegramHarness.user(2), photos: Self.photos)
        let raw = try await harness.api.getUpdates(offset: nil, timeout: 0)
        #expect(raw.count == 3)
        let processor = harness.processor()
        for update in raw { try await processor.process(update) }

        // When the same messages come again under new update ids
        for (offset, update) in raw.enumerated() {
            guard case .object(var object) = update else { continue }
            object["update_id"] = .int(900 + Int64(offset))
            try await processor.process(.object(object))
        }

        let messages = try await harness.fixture.store.messages(in: ConversationID(1))
        #expect(messages.count == 1)
        #expect(messages.first?.attachments.count == 3)
    }
}
