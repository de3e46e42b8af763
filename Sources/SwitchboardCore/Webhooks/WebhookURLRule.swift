public import Foundation

/// Which webhook URLs are acceptable, so the feature is no door into the server's own network
/// (SSRF): `http` or `https` only, and no private, loopback, link-local or otherwise internal
/// address unless the operator of the server allowed them.
public enum WebhookURLRule {
    /// Why a URL is refused.
    public enum Refusal: Error, Equatable, CustomStringConvertible {
        case malformed
        case scheme(String)
        case credentials
        case unresolved(String)
        case internalAddress(String)

        public var description: String {
            switch self {
            case .malformed: "the URL is not an absolute http or https URL with a host"
            case .scheme(let scheme): "only http and https URLs are allowed, not \(scheme)"
            case .credentials: "the URL must not carry a user name or password"
            case .unresolved(let host): "the host \(host) does not resolve"
            case .internalAddress(let address):
                "the host resolves to \(address), a private, loopback or link-local address (set SWITCHBOARD_WEBHOOKS_ALLOW_PRIVATE=1 to allow)"
            }
        }
    }

    /// The host of an acceptable URL, to be resolved before `check(addresses:)`.
    /// - Throws: `Refusal` for a URL of another scheme, without a host or with credentials.
    public static func host(of text: String) throws -> String {
        guard let components = URLComponents(string: text.trimmingCharacters(in: .whitespaces)), let scheme = components.scheme?.lowercased()
        else { throw Refusal.malformed }
        guard scheme == "http" || scheme == "https" else { throw Refusal.scheme(scheme) }
        guard components.user == nil && components.password == nil else { throw Refusal.credentials }
        guard let host = components.host, !host.isEmpty else { throw Refusal.malformed }
        return host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
    }

    /// Checks the addresses the host resolved to: every one must be public unless `allowPrivate`.
    /// - Throws: `Refusal.unresolved` for no address, `.internalAddress` naming the first internal one.
    public static func check(host: String, addresses: [String], allowPrivate: Bool) throws {
        guard !addresses.isEmpty else { throw Refusal.unresolved(host) }
        guard !allowPrivate else { return }
        if let blocked = addresses.first(where: isInternal) { throw Refusal.internalAddress(blocked) }
    }

    /// Whether a numeric IPv4 or IPv6 address is not on the public internet. Text that is not an
    /// address counts as internal: refusing is the safe answer.
    public static func isInternal(_ address: String) -> Bool {
        if let v4 = IPAddressText.ipv4(address) { return isInternalIPv4(v4) }
        guard let v6 = IPAddressText.ipv6(address) else { return true }
        // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible forms carry an IPv4 address.
        if v6[0..<10].allSatisfy({ $0 == 0 }) && (v6[10...11] == [0xff, 0xff] || v6[10...11] == [0, 0]) {
            return isInternalIPv4(Array(v6[12...15]))
        }
        if v6[0] & 0xfe == 0xfc { return true }  // fc00::/7 unique local
        if v6[0] == 0xfe && v6[1] & 0xc0 == 0x80 { return true }  // fe80::/10 link-local
        if v6[0] == 0xfe && v6[1] & 0xc0 == 0xc0 { return true }  // fec0::/10 old site-local
        if v6[0] == 0xff { return true }  // multicast
        if v6[0] == 0x20 && v6[1] == 0x01 && v6[2] == 0x0d && v6[3] == 0xb8 { return true }  // documentation
        return false
    }

    private static func isInternalIPv4(_ bytes: [UInt8]) -> Bool {
        let (a, b) = (bytes[0], bytes[1])
        return a == 0 || a == 10 || a == 127  // this network, private, loopback
            || (a == 100 && b & 0xc0 == 64)  // 100.64/10 carrier-grade NAT
            || (a == 169 && b == 254)  // link-local, where cloud metadata services live
            || (a == 172 && b & 0xf0 == 16) || (a == 192 && b == 168)  // private
            || (a == 192 && b == 0 && bytes[2] == 0)  // protocol assignments
            || (a == 198 && b & 0xfe == 18)  // benchmarking
            || a >= 224  // multicast, reserved, broadcast
    }
}
