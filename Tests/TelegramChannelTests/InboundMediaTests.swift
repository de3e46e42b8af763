import CurlHTTP
import Foundation
import MediaFiles
import MessengerFakes
import SQLiteStore
import SwitchboardCore
import SwitchboardEngine
import TelegramChannel
import TestSupport
import Testing

@Suite struct InboundMediaTests {
    let token = TelegramHarness.token

    func storedAttachments(_ harness: TelegramHarness) async throws -> [SwitchboardCore.Attachment] {
        try await harness.fixture.store.messages(in: ConversationID(1)).flatMap(\.attachments)
    }

    @Test func photoIsDownloadedIntoTheMediaFolder() async throws {
        let harness = try await TelegramHarness()
        defer { Task { await harness.stop() } }
        let media = DiskMediaStore(root: harness.fixture.directory.url.appendingPathComponent("media"), maxBytes: 10 << 20)
        let bytes = Data((0..<50_000).map { UInt8($0 % 251) })
        try await harness.telegram.addFile(bot: token, fileId: "AgACAgIAAxkBAAIBZ2Large", bytes: bytes, mimeType: "image/jpeg")
        try await harness.telegram.enqueueUpdate(bot: token, json: try Fixtures.data("photo"))

        let poller = Task { try await harness.poller(media: media).run() }
        try await eventually("photo stored") { try harness.inspector.count("messages") == 1 }
        poller.cancel()
        _ = await poller.result

        let photo = try #require(try await storedAttachments(harness).first)
        let path = try #require(photo.storedPath)
        #expect(path.hasPrefix("telegram/\(harness.channelID)/"))
        #expect(try Data(contentsOf: media.resolve(path)) == bytes)
        #expect(photo.byteCount == 50_000)
        #expect(photo.details["download_error"] == nil)
    }

    @Test func fileAboveTwentyMegabytesIsKeptWithAClearReason() async throws {
        let harness = try await TelegramHarness()
        defer { Task { await harness.stop() } }
        let media = DiskMediaStore(root: harness.fixture.directory.url.appendingPathComponent("media"), maxBytes: 10 << 20)
        var update = try Fixtures.update("document")
        update = try patchFileSize(update, to: 26_214_400)
        try await harness.processor(media: media).process(update)

        let document = try #require(try await storedAttachments(harness).first)
        #expect(document.storedPath == nil)
        #expect(document.externalFileID == "BQACAgIAAxkBAAIBaGDoc")
        #expect(document.details["download_error"] == "file is too big to download (25.0 MB, limit 20 MB)")
        #expect(await harness.telegram.calls(bot: token, method: "getFile").isEmpty)
    }

    @Test func fullMediaFolderKeepsTheAttachmentWithTheReason() async throws {
        let harness = try await TelegramHarness()
        defer { Task { await harness.stop() } }
        let media = DiskMediaStore(root: harness.fixture.directory.url.appendingPathComponent("media"), maxBytes: 1000)
        try await harness.telegram.addFile(bot: token, fileId: "BQACAgIAAxkBAAIBaGDoc", bytes: Data(count: 48_211))
        try await harness.processor(media: media).process(try Fixtures.update("document"))

        let document = try #require(try await storedAttachments(harness).first)
        #expect(document.storedPath == nil)
        #expect(document.details["download_error"]?.contains("media storage is full") == true)
    }

    private func patchFileSize(_ update: JSONValue, to size: Int64) throws -> JSONValue {
        guard case .object(var root) = update, case .object(var message)? = root["message"], case .object(var document)? = message["document"] else {
            throw StoreError.invalid("fixture shape")
        }
        document["file_size"] = .int(size)
        message["document"] = .object(document)
        root["message"] = .object(message)
        return .object(root)
    }
}
