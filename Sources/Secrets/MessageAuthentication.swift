internal import Crypto
public import Foundation

/// Message authentication codes, for signing what Switchboard sends (outgoing webhooks).
public enum MessageAuthentication {
    /// HMAC-SHA256 of `message` under `key`.
    public static func hmacSHA256(key: Data, message: Data) -> Data {
        Data(HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key)))
    }
}
