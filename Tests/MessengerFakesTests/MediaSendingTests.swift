import Foundation
import MessengerFakes
import Testing

/// The fake's media methods refuse what Telegram refuses: oversized and oddly shaped photos, bad
/// albums and locations; and deliver albums from clients as Telegram does, one update per item.
@Suite struct MediaSendingTests {
    /// A PNG whose header says `width`×`height`, padded to `byteCount` bytes.
    static func png(width: Int, height: Int, byteCount: Int = 64) -> Data {
        func be32(_ value: Int) -> [UInt8] { [24, 16, 8, 0].map { UInt8((value >> $0) & 0xFF) } }
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + be32(13) + Array("IHDR".utf8)
        bytes += be32(width) + be32(height) + [8, 6, 0, 0, 0] + [0, 0, 0, 0]
        return Data(bytes) + Data(count: max(0, byteCount - bytes.count))
    }

    @Test func aPhotoOverTenMegabytesOrOfExtremeProportionsIsRefusedAsAPhotoButNotAsADocument() async throws {
        try await withFakeTelegram(.init().unlimited) { telegram, bot in
            let big = Self.png(width: 2000, height: 1500, byteCount: 12 << 20)
            let tall = Self.png(width: 300, height: 6500)
            let wide = Self.png(width: 9000, height: 1200)
            for (bytes, error) in [(big, "PHOTO_SAVE_FILE_INVALID"), (tall, "PHOTO_INVALID_DIMENSIONS"), (wide, "PHOTO_INVALID_DIMENSIONS")] {
                let photo = try await bot.multipart("sendPhoto", fields: ["chat_id": "\(ann.id)"], files: [("photo", "p.png", "image/png", bytes)])
                #expect(photo.status == 400)
                #expect(photo.description == "Bad Request: \(error)")
                let document = try await bot.multipart(
                    "sendDocument",
                    fields: ["chat_id": "\(ann.id)"],
                    files: [("document", "p.png", "image/png", bytes)]
                )
                #expect(document.status == 200)
            }
            let fine = try await bot.multipart(
                "sendPhoto",
                fields: ["chat_id": "\(ann.id)"],
                files: [("photo", "p.png", "image/png", Self.png(width: 640, height: 480))]
            )
            #expect(fine.status == 200)
            #expect((fine.object["photo"] as? [[String: Any]])?.last?["width"] as? Int == 640)
            let album = #"[{"type":"photo","media":"attach://a"},{"type":"photo","media":"attach://b"}]"#
            let badAlbum = try await bot.multipart(
                "sendMediaGroup",
                fields: ["chat_id": "\(ann.id)", "media": album],
                files: [("a", "a.png", "image/png", Self.png(width: 640, height: 480)), ("b", "b.png", "image/png", tall)]
            )
            #expect(badAlbum.description == "Bad Request: PHOTO_INVALID_DIMENSIONS")
            #expect(await telegram.sentMessages(bot: bot.token).map(\.method) == ["sendDocument", "sendDocument", "sendDocument", "sendPhoto"])
        }
    }

    @Test func voiceAudioLocationAndContactAreSentAndRecorded() async throws {
        try await withFakeTelegram(.init().unlimited) { telegram, bot in
            let voice = try await bot.multipart(
                "sendVoice",
                fields: ["chat_id": "\(ann.id)"],
                files: [("voice", "n.ogg", "audio/ogg", Data("OggS".utf8))]
            )
            #expect((voice.object["voice"] as? [String: Any])?["mime_type"] as? String == "audio/ogg")
            let audio = try await bot.multipart(
                "sendAudio",
                fields: ["chat_id": "\(ann.id)"],
                files: [("audio", "t.mp3", "audio/mpeg", Data(count: 10))]
            )
            #expect((audio.object["audio"] as? [String: Any])?["file_name"] as? String == "t.mp3")
            let location = try await bot.call("sendLocation", ["chat_id": ann.id, "latitude": 50.45, "longitude": 30.52])
            #expect((location.object["location"] as? [String: Any])?["latitude"] as? Double == 50.45)
            let contact = try await bot.call("sendContact", ["chat_id": ann.id, "phone_number": "+380441234567", "first_name": "Desk"])
            #expect((contact.object["contact"] as? [String: Any])?["phone_number"] as? String == "+380441234567")
            #expect(await telegram.sentMessages(bot: bot.token).map(\.method) == ["sendVoice", "sendAudio", "sendLocation", "sendContact"])

            #expect(try await bot.call("sendLocation", ["chat_id": ann.id, "longitude": 30.52]).description == "Bad Request: latitude is empty")
            let offGlobe = try await bot.call("sendLocation", ["chat_id": ann.id, "latitude": 91, "longitude": 30.52])
            #expect(offGlobe.description == "Bad Request: invalid location specified")
            let nameless = try await bot.call("sendContact", ["chat_id": ann.id, "phone_number": "+380441234567"])
            #expect(nameless.status == 400)
        }
    }

    @Test func aClientsAlbumArrivesAsOneUpdatePerItemWithOneMediaGroupID() async throws {
        try await withFakeTelegram(.init().unlimited) { telegram, bot in
            let photos = (1...3).map { Self.png(width: 100 * $0, height: 100) }
            try await telegram.sendUserAlbum(bot: bot.token, from: ann, photos: photos, caption: "receipts")
            let updates = try await bot.call("getUpdates").array
            let messages = updates.compactMap { $0["message"] as? [String: Any] }
            #expect(messages.count == 3)
            #expect(Set(messages.compactMap { $0["media_group_id"] as? String }).count == 1)
            #expect(messages.map { $0["caption"] as? String } == ["receipts", nil, nil])
            let widths = messages.compactMap { ($0["photo"] as? [[String: Any]])?.last?["width"] as? Int }
            #expect(widths == [100, 200, 300])
            let fileID = try #require((messages.last?["photo"] as? [[String: Any]])?.last?["file_id"] as? String)
            let file = try await bot.call("getFile", ["file_id": fileID])
            #expect(file.object["file_size"] as? Int == photos[2].count)
        }
    }
}
