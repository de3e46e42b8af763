import SwitchboardCore
import Testing

@Suite struct TelegramMediaRuleTests {
    typealias Rule = TelegramMediaRule

    @Test func aPhotoTelegramWouldRefuseGoesAsADocument() {
        #expect(Rule.method(kind: .photo, mimeType: "image/jpeg", byteCount: 12 << 20, pixelSize: (1200, 900)) == .document)
        #expect(Rule.method(kind: .photo, mimeType: "image/png", byteCount: 1000, pixelSize: (9000, 1500)) == .document)
        #expect(Rule.method(kind: .photo, mimeType: "image/png", byteCount: 1000, pixelSize: (4200, 200)) == .document)
        #expect(Rule.method(kind: .photo, mimeType: "image/png", byteCount: 1000, pixelSize: (200, 4200)) == .document)
    }

    @Test func aPhotoWithinTheLimitsStaysAPhoto() {
        #expect(Rule.method(kind: .photo, mimeType: "image/jpeg", byteCount: 10 << 20, pixelSize: (5000, 5000)) == .photo)
        #expect(Rule.method(kind: .photo, mimeType: "image/png", byteCount: 1000, pixelSize: (4000, 200)) == .photo)
        #expect(Rule.method(kind: .photo, mimeType: nil, byteCount: nil, pixelSize: nil) == .photo)
    }

    @Test func oggOpusIsAVoiceNoteAndOtherAudioATrack() {
        #expect(Rule.method(kind: .audio, mimeType: "audio/ogg", byteCount: 1000, pixelSize: nil) == .voice)
        #expect(Rule.method(kind: .audio, mimeType: "audio/ogg; codecs=opus", byteCount: 1000, pixelSize: nil) == .voice)
        #expect(Rule.method(kind: .document, mimeType: "audio/opus", byteCount: 1000, pixelSize: nil) == .voice)
        #expect(Rule.method(kind: .audio, mimeType: "audio/mpeg", byteCount: 1000, pixelSize: nil) == .audio)
        #expect(Rule.method(kind: .document, mimeType: "audio/mp4", byteCount: 1000, pixelSize: nil) == .audio)
        #expect(Rule.method(kind: .voice, mimeType: "audio/ogg", byteCount: 1000, pixelSize: nil) == .voice)
        #expect(Rule.method(kind: .document, mimeType: "application/pdf", byteCount: 1000, pixelSize: nil) == .document)
        #expect(Rule.Method.voice.name == "sendVoice")
        #expect(Rule.Method.audio.name == "sendAudio")
    }

    @Test func picturesAndVideosOfOneReplyMakeOneAlbum() {
        #expect(Rule.sends([.photo, .photo, .photo]) == [[0, 1, 2]])
        #expect(Rule.sends([.photo, .video]) == [[0, 1]])
        #expect(Rule.sends([.photo]) == [[0]])
        #expect(Rule.sends([]) == [])
    }

    @Test func documentsAndAudioShareAlbumsOnlyWithTheirOwnKind() {
        #expect(Rule.sends([.photo, .document, .photo]) == [[0], [1], [2]])
        #expect(Rule.sends([.document, .document, .photo, .photo]) == [[0, 1], [2, 3]])
        #expect(Rule.sends([.audio, .audio]) == [[0, 1]])
        #expect(Rule.sends([.voice, .voice]) == [[0], [1]])
    }

    @Test func moreThanTenItemsSplitEvenlySoNoAlbumIsLeftWithOne() {
        #expect(Rule.sends(Array(repeating: .photo, count: 11)).map(\.count) == [6, 5])
        #expect(Rule.sends(Array(repeating: .photo, count: 10)).map(\.count) == [10])
        #expect(Rule.sends(Array(repeating: .photo, count: 21)).map(\.count) == [7, 7, 7])
        #expect(Rule.sends(Array(repeating: .photo, count: 11)).joined().elementsEqual(0..<11))
    }

    @Test func locationsAndContactsAreCheckedBeforeTheyAreStored() throws {
        let point = try Attachment.location(latitude: 50.4501, longitude: 30.5234)
        #expect(point.kind == .location)
        #expect(point.details == ["latitude": "50.4501", "longitude": "30.5234"])
        #expect(throws: InvalidSharedItem.self) { try Attachment.location(latitude: 91, longitude: 0) }
        #expect(throws: InvalidSharedItem.self) { try Attachment.location(latitude: .nan, longitude: 0) }
        #expect(throws: InvalidSharedItem.self) { try Attachment.location(latitude: 0, longitude: -180.5) }
        let card = try Attachment.contact(phone: "+380 44 123-45-67", firstName: " Olena ", lastName: "")
        #expect(card.details == ["phone": "+380 44 123-45-67", "first_name": "Olena"])
        #expect(throws: InvalidSharedItem.self) { try Attachment.contact(phone: "call me", firstName: "Olena", lastName: nil) }
        #expect(throws: InvalidSharedItem.self) { try Attachment.contact(phone: "+380441234567", firstName: "  ", lastName: nil) }
        #expect(Attachment.sharedItemsReach(.telegram))
        #expect(!Attachment.sharedItemsReach(.viber))
    }
}
