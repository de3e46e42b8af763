import Crypto
import Foundation

/// `X-Viber-Content-Signature`: lowercase hex HMAC-SHA256 of the exact body bytes, keyed by the auth token.
enum ViberSignature {
    /// The signature of `body` under `key`.
    static func sign(_ body: Data, key: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(key.utf8)))
        return mac.map { String(format: "%02x", $0) }.joined()
    }

    /// The header value a callback carries for the chosen signing mode; nil = no header.
    static func header(_ mode: FakeViber.Signature, body: Data, key: String) -> String? {
        switch mode {
        case .valid: sign(body, key: key)
        // Right shape, wrong key: only a real verification catches it.
        case .forged: sign(body, key: key + "-forged")
        case .missing: nil
        case .custom(let value): value
        }
    }
}
