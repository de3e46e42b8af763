import Crypto
public import Foundation

/// `X-Viber-Content-Signature`: lowercase hex HMAC-SHA256 of the raw body, keyed by the bot's token.
public enum ViberSignature {
    /// The signature Viber computes for `body`.
    public static func sign(_ body: Data, token: String) -> String {
        HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(token.utf8))).map { String(format: "%02x", $0) }.joined()
    }

    /// Whether `presented` is the signature of `body`, compared in constant time by swift-crypto.
    ///
    /// Hex decoding depends only on the presented value, never on the secret, so it leaks nothing.
    public static func isValid(_ presented: String, body: Data, token: String) -> Bool {
        guard let mac = hexBytes(presented), mac.count == SHA256.byteCount else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: body, using: SymmetricKey(data: Data(token.utf8)))
    }

    private static func hexBytes(_ text: String) -> Data? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes = Data(capacity: digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
