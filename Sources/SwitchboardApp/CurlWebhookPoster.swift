import CurlHTTP
import Foundation
import Secrets
import SwitchboardCore

/// Sends webhook deliveries through the shared `HTTPTransport`: checks the address, opens the
/// endpoint's secret, signs the body and posts it with a time limit.
struct CurlWebhookPoster: WebhookPoster {
    let transport: any HTTPTransport
    let secrets: SecretBox
    let urlCheck: WebhookURLCheck
    /// The whole attempt's limit; a receiver should answer at once and do its work later.
    var timeout: Duration = .seconds(10)

    func post(_ request: WebhookPost) async -> WebhookPostResult {
        let checked: (host: String, addresses: [String])
        do {
            checked = try await urlCheck.checkedAddresses(request.url)
        } catch {
            return WebhookPostResult(statusCode: nil, error: "refused: \(error)", responseMillis: nil)
        }
        let secret: String
        do {
            secret = try secrets.open(request.secretCiphertext)
        } catch {
            return WebhookPostResult(statusCode: nil, error: "\(error)", responseMillis: nil)
        }
        let signature = WebhookSignature.sign(body: request.body, timestamp: request.timestamp) { content in
            MessageAuthentication.hmacSHA256(key: Data(secret.utf8), message: content)
        }
        let http = HTTPRequest(
            method: .post,
            url: request.url,
            headers: [("User-Agent", "Switchboard-Webhooks/1"), (WebhookSignature.headerName, signature)],
            body: .json(request.body),
            timeout: timeout,
            connectTimeout: .seconds(5),
            // SWITCHBOARD_PROXY is for messenger calls; a webhook goes where its checked address is.
            proxy: .direct,
            pinnedAddresses: Self.pins(checked)
        )
        let started = ContinuousClock.now
        do {
            let response = try await transport.send(http)
            let millis = Self.millis(since: started)
            let error = response.isSuccess ? nil : "HTTP \(response.status)"
            return WebhookPostResult(statusCode: response.status, error: error, responseMillis: millis)
        } catch {
            return WebhookPostResult(statusCode: nil, error: "\(error)", responseMillis: Self.millis(since: started))
        }
    }

    /// The checked addresses, for curl to connect to instead of asking DNS again (a hostile DNS
    /// server could answer a public address to the check and 127.0.0.1 to curl). A numeric host
    /// is its own address, and nothing checked means nothing to pin.
    static func pins(_ checked: (host: String, addresses: [String])) -> [String]? {
        guard !checked.addresses.isEmpty, checked.addresses != [checked.host], !checked.host.contains(":") else { return nil }
        return checked.addresses
    }

    private static func millis(since start: ContinuousClock.Instant) -> Int {
        let elapsed = ContinuousClock.now - start
        return Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
    }
}
