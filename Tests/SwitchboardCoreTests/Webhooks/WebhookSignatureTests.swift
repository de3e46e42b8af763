import Foundation
import SwitchboardCore
import Testing

@Suite struct WebhookSignatureTests {
    /// A stand-in MAC that shows exactly which bytes were signed.
    static func echo(_ content: Data) -> Data { content }

    @Test func theSignedContentIsTheTimestampADotAndTheBody() {
        #expect(WebhookSignature.signedContent(timestamp: 1_800_000_000, body: Data(#"{"a":1}"#.utf8)) == Data(#"1800000000.{"a":1}"#.utf8))
    }

    @Test func theHeaderCarriesTheTimestampAndTheHexMAC() {
        let header = WebhookSignature.sign(body: Data("b".utf8), timestamp: 12) { _ in Data([0x00, 0xab, 0x7f]) }
        #expect(header == "t=12,v1=00ab7f")
    }

    @Test func aReceiverAcceptsItsOwnSignatureWithinTheTolerance() {
        let body = Data("payload".utf8)
        let header = WebhookSignature.sign(body: body, timestamp: 1000, hmac: Self.echo)
        #expect(WebhookSignature.verify(header: header, body: body, now: Date(timeIntervalSince1970: 1200), hmac: Self.echo))
    }

    @Test func anAlteredBodyAnOldTimestampOrAGarbledHeaderIsRefused() {
        let body = Data("payload".utf8)
        let header = WebhookSignature.sign(body: body, timestamp: 1000, hmac: Self.echo)
        let now = Date(timeIntervalSince1970: 1000)
        #expect(!WebhookSignature.verify(header: header, body: Data("payload!".utf8), now: now, hmac: Self.echo))
        #expect(!WebhookSignature.verify(header: header, body: body, now: Date(timeIntervalSince1970: 1301), hmac: Self.echo))
        #expect(!WebhookSignature.verify(header: "v1=abc", body: body, now: now, hmac: Self.echo))
        #expect(!WebhookSignature.verify(header: "t=1000,v1=00", body: body, now: now, hmac: Self.echo))
    }
}
