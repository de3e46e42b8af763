import Foundation
import MediaFiles
import MessengerFakes
import SQLiteStore
import SwitchboardCore
import SwitchboardEngine
import TelegramChannel
import TestSupport
import Testing

/// An operator's files reach the fake Telegram the way Telegram takes them: oversized or oddly shaped
/// pictures as documents, voice notes as voice, several pictures as one album, places and contacts as such.
@Suite struct OutboundMediaTests {
    let token = TelegramHarness.token

    /// A PNG whose header says `width`×`height`, padded to `byteCount` bytes (Telegram reads the header).
    static func png(width: Int, height: Int, byteCount: Int = 64) -> Data {
        func be32(_ value: Int) -> [UInt8] { [24, 16, 8, 0].map { UInt8((value >> $0) & 0xFF) } }
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + be32(13) + Array("IHDR".utf8)
        bytes += be32(width) + be32(height) + [8, 6, 0, 0, 0] + [0, 0, 0, 0]
        return Data(bytes) + Data(count: max(0, byteCount - bytes.count))
    }

    struct Setup {
        let harness: TelegramHarness
        let media: DiskMediaStore
        let outbound: OutboundHarness
        let chat: Int64
        let conversation: ConversationID

        init(user: Int, clock: any WallClock = SystemWallClock()) async throws {
            harness = try await TelegramHarness()
            media = DiskMediaStore(root: harness.fixture.directory.url.appendingPathComponent("media"), maxBytes: 256 << 20)
            outbound = OutboundHarness(base: harness, clock: clock, media: media)
            chat = TelegramHarness.user(user).id
            conversation = try await outbound.conversation(chatID: chat)
        }

        /// A stored file as the reply's attachment.
        func file(_ data: Data, _ kind: AttachmentKind, name: String, mime: String) async throws -> SwitchboardCore.Attachment {
            let path = try await media.store(
                data,
                key: "outbound/\(UUID().uuidString)",
                fileExtension: String(name.split(separator: ".").last ?? "bin")
            )
            return SwitchboardCore.Attachment(kind: kind, fileName: name, mimeType: mime, byteCount: Int64(data.count), storedPath: path)
        }

        func sent() async -> [FakeTelegram.SentMessage] { await harness.telegram.sentMessages(bot: TelegramHarness.token, chatId: chat) }
    }

    @Test func aTwelveMegabytePhotoGoesAsADocument() async throws {
        let setup = try await Setup(user: 31)
        defer { Task { await setup.harness.stop() } }
        let scan = Self.png(width: 2480, height: 3508, byteCount: 12 << 20)
        let photo = try await setup.file(scan, .photo, name: "scan.png", mime: "image/png")

        let reply = try await setup.outbound.reply("Your scan", in: setup.conversation, attachments: [photo])
        #expect(try await setup.outbound.dispatcher.dispatchDue() == 1)

        let sent = try #require(await setup.sent().first)
        #expect(sent.method == "sendDocument")
        #expect(sent.upload?.bytes == scan)
        #expect(sent.caption == "Maria\nYour scan")
        #expect(try await setup.outbound.state(of: reply, in: setup.conversation).0 == .sent)
    }

    @Test func aPhotoWithExtremeProportionsGoesAsADocumentAndAnOrdinaryOneAsAPhoto() async throws {
        let setup = try await Setup(user: 32)
        defer { Task { await setup.harness.stop() } }
        let panorama = try await setup.file(Self.png(width: 9500, height: 400), .photo, name: "panorama.png", mime: "image/png")
        let ordinary = try await setup.file(Self.png(width: 1200, height: 900), .photo, name: "receipt.png", mime: "image/png")

        try await setup.outbound.reply("", in: setup.conversation, attachments: [panorama, ordinary])
        #expect(try await setup.outbound.dispatcher.dispatchDue() == 1)

        #expect(await setup.sent().map(\.method) == ["sendDocument", "sendPhoto"])
    }

    @Test func anOpusVoiceNoteGoesAsVoiceAndOtherAudioAsAudio() async throws {
        let setup = try await Setup(user: 33)
        defer { Task { await setup.harness.stop() } }
        let opus = Data("OggS".utf8) + Data(count: 2000)
        let note = try await setup.file(opus, .audio, name: "note.ogg", mime: "audio/ogg")
        let track = try await setup.file(Data(count: 3000), .audio, name: "hold-music.mp3", mime: "audio/mpeg")

        try await setup.outbound.reply("", in: setup.conversation, attachments: [note, track])
        #expect(try await setup.outbound.dispatcher.dispatchDue() == 1)

        let sent = await setup.sent()
        #expect(sent.map(\.method) == ["sendVoice", "sendAudio"])
        #expect(sent.first?.uploads["voice"]?.bytes == opus)
        #expect(sent.last?.uploads["audio"]?.fileName == "hold-music.mp3")
    }

    @Test func threeImagesInOneReplyGoAsOneAlbumWithTheCaptionOnTheFirst() async throws {
        let setup = try await Setup(user: 34)
        defer { Task { await setup.harness.stop() } }
        var images: [SwitchboardCore.Attachment] = []
        for index in 1...3 {
            images.append(try await setup.file(Self.png(width: 800, height: 600 + index), .photo, name: "p\(index).png", mime: "image/png"))
        }

        let reply = try await setup.outbound.reply("Here are the photos", in: setup.conversation, attachments: images)
        #expect(try await setup.outbound.dispatcher.dispatchDue() == 1)

        let sent = await setup.sent()
        #expect(sent.map(\.method) == ["sendMediaGroup"])
        let album = try #require(sent.first)
        #expect(album.uploads.count == 3)
        #expect(album.caption == "Maria\nHere are the photos")
        #expect(album.messageIds.count == 3)
        let stored = try #require(try await setup.harness.fixture.store.messages(in: setup.conversation).first { $0.id == reply })
        #expect(stored.deliveryState == .sent)
        #expect(stored.externalID == album.messageIds.map { "\(setup.chat):\($0)" }.joined(separator: ","))
    }

    @Test func aRetryAfterTheAlbumWasAcceptedDoesNotSendTheAlbumAgain() async throws {
        let clock = ManualWallClock(start: Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded()))
        let setup = try await Setup(user: 35, clock: clock)
        defer { Task { await setup.harness.stop() } }
        var attachments: [SwitchboardCore.Attachment] = []
        for index in 1...3 {
            attachments.append(try await setup.file(Self.png(width: 640, height: 480), .photo, name: "\(index).png", mime: "image/png"))
        }
        attachments.append(try Attachment.location(latitude: 50.4501, longitude: 30.5234))

        // Given Telegram accepts the album and answers the location after it with 429 retry_after 2
        try await setup.harness.telegram.failNext(bot: token, method: "sendLocation", with: .tooManyRequests(retryAfter: 2))
        let reply = try await setup.outbound.reply("Our office", in: setup.conversation, attachments: attachments, at: clock.now())
        #expect(try await setup.outbound.dispatcher.dispatchDue() == 1)
        #expect(try await setup.outbound.state(of: reply, in: setup.conversation).0 == .queued)

        // When the retry is due
        clock.advance(by: 2)
        #expect(try await setup.outbound.dispatcher.dispatchDue() == 1)

        // Then the client got the text, the album and the location once each
        #expect(await setup.sent().map(\.method) == ["sendMessage", "sendMediaGroup", "sendLocation"])
        #expect(await setup.harness.telegram.calls(bot: token, method: "sendMediaGroup").count == 1)
        #expect(try await setup.outbound.state(of: reply, in: setup.conversation).0 == .sent)
    }

    @Test func aLocationAndAContactGoAsTheirOwnMessagesAfterTheText() async throws {
        let setup = try await Setup(user: 36)
        defer { Task { await setup.harness.stop() } }
        let place = try Attachment.location(latitude: 50.4501, longitude: 30.5234)
        let card = try Attachment.contact(phone: "+380441234567", firstName: "Service", lastName: "Desk")

        try await setup.outbound.reply("Come by, or call:", in: setup.conversation, attachments: [place, card])
        #expect(try await setup.outbound.dispatcher.dispatchDue() == 1)

        let sent = await setup.sent()
        try #require(sent.map(\.method) == ["sendMessage", "sendLocation", "sendContact"])
        #expect(sent[1].parameters["latitude"].flatMap(Double.init) == 50.4501)
        #expect(sent[1].parameters["longitude"].flatMap(Double.init) == 30.5234)
        #expect(sent[2].parameters["phone_number"] == "+380441234567")
        #expect(sent[2].parameters["first_name"] == "Service")
        #expect(sent[2].parameters["last_name"] == "Desk")
    }
}
