import Foundation
import SwitchboardCore
import Testing

@Suite struct MediaLinkSignerTests {
    let issued = Date(timeIntervalSince1970: 1_800_000_000)
    let file = "0b8e4c4e-3c1f-4d0a-9a53-5b1c2e7f9d10.pdf"

    /// A keyed stand-in for HMAC: the rule does not depend on which MAC it is given.
    static func signer(key: String = "key-A", lifetime: TimeInterval = 3600) -> MediaLinkSigner {
        MediaLinkSigner(baseURL: URL(string: "https://desk.example.com/")!, lifetime: lifetime) { message in
            Data(key.utf8) + Data(message.reversed())
        }
    }

    /// The expiry and signature segments of a link.
    func segments(_ url: String) -> (expires: String, signature: String, file: String) {
        let parts = url.split(separator: "/").suffix(3).map(String.init)
        return (parts[0], parts[1], parts[2])
    }

    @Test func aLinkLivesUnderThePublicURLAndEndsWithTheFile() {
        let url = Self.signer().url(for: file, now: issued)
        #expect(url.hasPrefix("https://desk.example.com/files/1800003600/"))
        #expect(url.hasSuffix("/" + file))
    }

    @Test func aLinkIsAllowedUntilItExpiresAndNotASecondLater() {
        let signer = Self.signer()
        let link = segments(signer.url(for: file, now: issued))
        #expect(signer.allows(file: file, expires: link.expires, signature: link.signature, now: issued))
        #expect(signer.allows(file: file, expires: link.expires, signature: link.signature, now: issued.addingTimeInterval(3600)))
        #expect(!signer.allows(file: file, expires: link.expires, signature: link.signature, now: issued.addingTimeInterval(3601)))
    }

    @Test func aChangedSignatureExpiryOrFileIsRefused() {
        let signer = Self.signer()
        let link = segments(signer.url(for: file, now: issued))
        var flipped = Array(link.signature)
        flipped[0] = flipped[0] == "0" ? "1" : "0"
        #expect(!signer.allows(file: file, expires: link.expires, signature: String(flipped), now: issued))
        #expect(!signer.allows(file: file, expires: "1800007200", signature: link.signature, now: issued))
        #expect(!signer.allows(file: file, expires: "+" + link.expires, signature: link.signature, now: issued))
        #expect(!signer.allows(file: "0b8e4c4e-3c1f-4d0a-9a53-5b1c2e7f9d11.pdf", expires: link.expires, signature: link.signature, now: issued))
        #expect(!signer.allows(file: file, expires: link.expires, signature: "", now: issued))
    }

    @Test func anotherKeySignsDifferently() {
        let link = segments(Self.signer(key: "key-A").url(for: file, now: issued))
        #expect(!Self.signer(key: "key-B").allows(file: file, expires: link.expires, signature: link.signature, now: issued))
    }

    @Test func theSignedMessageHoldsThePathAndTheExpiry() {
        #expect(MediaLinkSigner.message(file: "a.pdf", expires: 42) == Data("files/a.pdf\n42".utf8))
    }

    @Test func onlyUploadsGetALinkSegmentAndOnlyUploadSegmentsNameAFile() {
        let upload = Attachment(kind: .photo, mimeType: "image/png", storedPath: "uploads/0b8e4c4e-3c1f-4d0a-9a53-5b1c2e7f9d10")
        #expect(PublicFileName.segment(for: upload) == "0b8e4c4e-3c1f-4d0a-9a53-5b1c2e7f9d10.png")
        let downloaded = Attachment(kind: .photo, mimeType: "image/png", storedPath: "telegram/3/AgAD.jpg")
        #expect(PublicFileName.segment(for: downloaded) == nil)
        #expect(PublicFileName.storedPath(forSegment: file) == "uploads/0b8e4c4e-3c1f-4d0a-9a53-5b1c2e7f9d10")
        for hostile in ["../secret.key", "0b8e4c4e-3c1f-4d0a-9a53-5b1c2e7f9d10.json.x", "..", "telegram", "0B8E4C4E-3C1F-4D0A-9A53-5B1C2E7F9D10"] {
            #expect(PublicFileName.storedPath(forSegment: hostile) == nil, "\(hostile)")
        }
    }
}
