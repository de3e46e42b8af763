import Foundation
import MessengerFakes
import Testing

@Suite("getFile and downloads")
struct FileTests {
    @Test func getFileThenDownload() async throws {
        try await withFakeTelegram { telegram, bot in
            let bytes = Data("%PDF-1.7 fake".utf8)
            try await telegram.addFile(bot: bot.token, fileId: "BQACAgIAAxkBAAIB", bytes: bytes, fileName: "a.pdf", mimeType: "application/pdf")
            let file = try await bot.call("getFile", ["file_id": "BQACAgIAAxkBAAIB"])
            #expect(file.object["file_size"] as? Int == bytes.count)
            let path = try #require(file.object["file_path"] as? String)
            let download = try await bot.download(telegram.fileURL(token: bot.token, filePath: path))
            #expect(download.status == 200)
            #expect(download.body == bytes)
            let wrongToken = try await bot.download(telegram.fileURL(token: "1:other", filePath: path))
            #expect(wrongToken.status == 401)
            let unknown = try await bot.call("getFile", ["file_id": "nope"])
            #expect(unknown.description == "Bad Request: invalid file_id")
        }
    }

    @Test func filesAbove20MBAreTooBig() async throws {
        try await withFakeTelegram { telegram, bot in
            try await telegram.addFile(bot: bot.token, fileId: "big", bytes: Data(count: 20 * 1024 * 1024 + 1))
            let answer = try await bot.call("getFile", ["file_id": "big"])
            #expect(answer.status == 400)
            #expect(answer.description == "Bad Request: file is too big")
        }
    }

    @Test func photosTheBotSentCanBeFetched() async throws {
        try await withFakeTelegram { telegram, bot in
            let jpeg = Data([0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3])
            let sent = try await bot.multipart("sendPhoto", fields: ["chat_id": "\(ann.id)"], files: [("photo", "cat.jpg", "image/jpeg", jpeg)])
            let sizes = sent.object["photo"] as? [[String: Any]] ?? []
            #expect(sizes.count == 2)
            let fileId = try #require(sizes.last?["file_id"] as? String)
            let file = try await bot.call("getFile", ["file_id": fileId])
            let path = try #require(file.object["file_path"] as? String)
            #expect(path.hasSuffix(".jpg"))
            #expect(try await bot.download(telegram.fileURL(token: bot.token, filePath: path)).body == jpeg)
        }
    }
}
