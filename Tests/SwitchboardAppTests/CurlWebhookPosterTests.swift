import CurlHTTP
import Foundation
import Secrets
import SwitchboardCore
import Testing

@testable import SwitchboardApp

/// The sender connects to the addresses it checked, never to a second DNS answer.
@Suite(.timeLimit(.minutes(3))) struct CurlWebhookPosterTests {
    static func poster(
        allowPrivate: Bool,
        timeout: Duration = .seconds(5),
        resolve: @escaping @Sendable (String) async -> [String]
    ) throws -> (CurlWebhookPoster, SecretBox) {
        let secrets = try SecretBox(base64Key: SecretBox.newBase64Key())
        let check = WebhookURLCheck(allowPrivate: allowPrivate, resolve: resolve)
        return (CurlWebhookPoster(transport: CurlTransport(), secrets: secrets, urlCheck: check, timeout: timeout), secrets)
    }

    @Test func aNameIsSentToTheAddressTheCheckResolvedItTo() async throws {
        // Given a receiver on 127.0.0.1 and a check that resolves a name DNS does not know to it
        let receiver = try await WebhookReceiver.start(now: { Date() }, answer: { _ in 204 })
        // (a generous timeout: the loaded suite once kept this local answer past 5 s)
        let (poster, secrets) = try Self.poster(allowPrivate: true, timeout: .seconds(40)) { host in host == "hooks.invalid" ? ["127.0.0.1"] : [] }
        let url = receiver.url.replacingOccurrences(of: "127.0.0.1", with: "hooks.invalid")

        // When a delivery is posted to that name
        let result = await poster.post(WebhookPost(url: url, body: Data("{}".utf8), secretCiphertext: try secrets.seal("s"), timestamp: 1))

        // Then it reached the checked address: `.invalid` never resolves, so only the pin led there
        #expect(result.succeeded, "\(result)")
        #expect(receiver.requests.count == 1)
        await receiver.stop()
    }

    @Test func aRebindingAnswerCannotRedirectTheCheckedRequest() async throws {
        // Given a receiver on 127.0.0.1 reachable as localhost, and a check that was told a public address
        let receiver = try await WebhookReceiver.start(now: { Date() }, answer: { _ in 204 })
        let (poster, secrets) = try Self.poster(allowPrivate: false) { _ in ["192.0.2.1"] }
        let url = receiver.url.replacingOccurrences(of: "127.0.0.1", with: "localhost")

        // When a delivery is posted to that name
        let result = await poster.post(WebhookPost(url: url, body: Data("{}".utf8), secretCiphertext: try secrets.seal("s"), timestamp: 1))

        // Then curl went to the checked public address, not to where the system resolver says localhost is
        #expect(!result.succeeded)
        #expect(receiver.requests.isEmpty)
        await receiver.stop()
    }

    @Test func numericHostsAndUncheckedNamesAreNotPinned() {
        #expect(CurlWebhookPoster.pins((host: "203.0.113.5", addresses: ["203.0.113.5"])) == nil)
        #expect(CurlWebhookPoster.pins((host: "hooks.example", addresses: [])) == nil)
        #expect(CurlWebhookPoster.pins((host: "hooks.example", addresses: ["203.0.113.5", "2001:db8::5"])) == ["203.0.113.5", "2001:db8::5"])
    }
}
