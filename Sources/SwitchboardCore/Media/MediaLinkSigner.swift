public import Foundation

/// The rule of signed, expiring public links to outgoing files (Viber fetches media by URL, with no
/// session): `<base>/files/<expires>/<signature>/<file>`, where `signature` is the lowercase hex MAC of
/// `files/<file>\n<expires>` and `expires` is a Unix time in seconds.
///
/// A link answers only while `now <= expires` and only with its own signature; any other file name,
/// expiry or signature is refused. The MAC is injected (HMAC-SHA256 under a key derived from the
/// secret key, see `Secrets`), so the rule stays pure and testable.
public struct MediaLinkSigner: Sendable {
    /// How long a link answers when `SWITCHBOARD_MEDIA_LINK_TTL` is not set: a day, so a fetch Viber
    /// makes late (a retried send, a phone that was offline) still works, and the link dies soon after.
    public static let defaultLifetime: TimeInterval = 86_400
    /// The first path segment of every link.
    public static let routePrefix = "files"

    /// Where Switchboard is reachable from the internet (`SWITCHBOARD_PUBLIC_URL`).
    public let baseURL: URL
    /// Seconds a new link stays valid.
    public let lifetime: TimeInterval
    private let authenticate: @Sendable (Data) -> Data

    /// Creates a signer.
    /// - Parameters:
    ///   - baseURL: `SWITCHBOARD_PUBLIC_URL`.
    ///   - lifetime: Seconds a new link stays valid.
    ///   - authenticate: The MAC of a message under the links' key.
    public init(baseURL: URL, lifetime: TimeInterval = Self.defaultLifetime, authenticate: @escaping @Sendable (Data) -> Data) {
        self.baseURL = baseURL
        self.lifetime = lifetime
        self.authenticate = authenticate
    }

    /// The public URL of `file` (one path segment, e.g. `3f2c….pdf`) issued at `now`.
    public func url(for file: String, now: Date) -> String {
        let expires = Int64(now.timeIntervalSince1970.rounded(.down)) + Int64(lifetime.rounded(.up))
        let base = baseURL.absoluteString.hasSuffix("/") ? String(baseURL.absoluteString.dropLast()) : baseURL.absoluteString
        return "\(base)/\(Self.routePrefix)/\(expires)/\(signature(file: file, expires: expires))/\(file)"
    }

    /// Whether a request for `file` with these path segments may be answered at `now`.
    /// - Parameters:
    ///   - expires: The link's expiry segment, as received.
    ///   - signature: The link's signature segment, as received.
    public func allows(file: String, expires: String, signature: String, now: Date) -> Bool {
        // Digits only: "+5" or " 5" would parse yet sign differently from what was issued.
        guard !expires.isEmpty, expires.utf8.count <= 12, expires.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
            let expiry = Int64(expires), now.timeIntervalSince1970 <= Double(expiry)
        else { return false }
        return Self.constantTimeEqual(Array(signature.utf8), Array(self.signature(file: file, expires: expiry).utf8))
    }

    /// The signed message: the path and the expiry, so neither can be changed without the key.
    public static func message(file: String, expires: Int64) -> Data {
        Data("\(routePrefix)/\(file)\n\(expires)".utf8)
    }

    private func signature(file: String, expires: Int64) -> String {
        authenticate(Self.message(file: file, expires: expires)).map { byte in
            let hex = String(byte, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
    }

    /// Compares without stopping at the first difference, so timing tells nothing about the right signature.
    static func constantTimeEqual(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}
