import SwitchboardCore
import Testing

@Suite struct OutgoingFileRuleTests {
    static let megabyte: Int64 = 1 << 20

    func refusal(_ name: String, _ type: String, _ bytes: Int64, to kind: ChannelKind = .viber, publicLinks: Bool = true) -> String? {
        OutgoingFileRule.refusal(for: .init(name: name, mimeType: type, byteCount: bytes), to: kind, publicLinks: publicLinks)?.code
    }

    @Test func viberTakesAPictureUpTo1MBAndRefusesALargerOne() {
        #expect(refusal("receipt.jpg", "image/jpeg", Self.megabyte) == nil)
        #expect(refusal("receipt.jpg", "image/jpeg", Self.megabyte + 1) == "too_large")
        #expect(refusal("receipt.png", "image/png", 2 * Self.megabyte) == "too_large")
    }

    @Test func viberTakesVideosUpTo26MBAndFilesUpTo50MB() {
        #expect(refusal("clip.mp4", "video/mp4", 26 * Self.megabyte) == nil)
        #expect(refusal("clip.mp4", "video/mp4", 26 * Self.megabyte + 1) == "too_large")
        #expect(refusal("report.pdf", "application/pdf", 50 * Self.megabyte) == nil)
        #expect(refusal("report.pdf", "application/pdf", 50 * Self.megabyte + 1) == "too_large")
    }

    @Test func viberRefusesForbiddenExtensionsWhateverTheType() {
        #expect(refusal("setup.EXE", "application/octet-stream", 1000) == "forbidden_type")
        #expect(refusal("run.js", "text/javascript", 1000) == "forbidden_type")
        #expect(refusal("cat.scr", "image/png", 1000) == "forbidden_type")
        #expect(refusal("notes.txt", "text/plain", 1000) == nil)
    }

    @Test func viberNeedsAnExtensionOnAFileAndAPublicURL() {
        #expect(refusal("README", "text/plain", 1000) == "no_extension")
        #expect(refusal("receipt.jpg", "image/jpeg", 1000, publicLinks: false) == "no_public_url")
    }

    @Test func telegramTakesAnyFileUpTo50MB() {
        #expect(refusal("setup.exe", "application/octet-stream", 1000, to: .telegram, publicLinks: false) == nil)
        #expect(refusal("big.jpg", "image/jpeg", 12 * Self.megabyte, to: .telegram) == nil)
        #expect(refusal("huge.zip", "application/zip", 50 * Self.megabyte + 1, to: .telegram) == "too_large")
    }

    @Test func viberMessageTypesFollowTheMIMEType() {
        #expect(ViberMediaType(mimeType: "image/jpeg") == .picture)
        #expect(ViberMediaType(mimeType: "IMAGE/PNG") == .picture)
        #expect(ViberMediaType(mimeType: "image/jpeg; name=receipt.jpg") == .picture)
        #expect(ViberMediaType(mimeType: "image/gif") == .file)
        #expect(ViberMediaType(mimeType: "video/mp4") == .video)
        #expect(ViberMediaType(mimeType: "video/quicktime") == .file)
        #expect(ViberMediaType(mimeType: "application/pdf") == .file)
    }

    @Test func theTableStatesEachLimitTheRuleApplies() {
        let viber = MessengerMediaLimits.allowances(for: .viber, .outbound)
        #expect(viber.map(\.maxBytes) == [Self.megabyte, 26 * Self.megabyte, 50 * Self.megabyte])
        #expect(viber.map(\.sentAs.first) == ["p", "v", "f"])
        #expect(MessengerMediaLimits.allowances(for: .telegram, .inbound).first?.maxBytes == 20 * Self.megabyte)
        for kind in ChannelKind.allCases {
            for direction in MediaDirection.allCases { #expect(!MessengerMediaLimits.allowances(for: kind, direction).isEmpty) }
        }
        let summary = MessengerMediaLimits.outboundSummary(for: .viber)
        #expect(
            summary
                == "Viber takes pictures (JPEG, PNG) up to 1 MB, videos (MP4) up to 26 MB, other files (any but executables and scripts) up to 50 MB."
        )
    }

    @Test func theReadmeTableHasARowPerMessengerDirectionAndSort() {
        let rows = MediaLimitsTable.markdown().split(separator: "\n")
        let expected = ChannelKind.allCases.flatMap { kind in MediaDirection.allCases.flatMap { MessengerMediaLimits.allowances(for: kind, $0) } }
        #expect(rows.count == 2 + expected.count)
        #expect(rows.contains { $0.hasPrefix("| Viber | operator → client | Pictures | picture, with the text | JPEG, PNG | 1 MB |") })
    }
}
