public import Foundation

/// The signature of a delivery: `X-Switchboard-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "t.body">`.
///
/// The HMAC itself comes in as a function (the composition root passes swift-crypto's), so the
/// rule stays here without a crypto dependency in the domain.
public enum WebhookSignature {
    /// The header's name.
    public static let headerName = "X-Switchboard-Signature"
    /// How far a receiver should accept `t` from its own clock; older deliveries are replays.
    public static let defaultTolerance: TimeInterval = 300

    /// What is signed: the timestamp, a dot, and the body's bytes exactly as sent.
    public static func signedContent(timestamp: Int64, body: Data) -> Data {
        Data("\(timestamp).".utf8) + body
    }

    /// The header value for a timestamp and the HMAC of `signedContent`.
    public static func headerValue(timestamp: Int64, mac: Data) -> String {
        "t=\(timestamp),v1=\(LowercaseHex.encode(mac))"
    }

    /// The header of a delivery.
    /// - Parameter hmac: HMAC-SHA256 under the endpoint's secret.
    public static func sign(body: Data, timestamp: Int64, hmac: (Data) -> Data) -> String {
        headerValue(timestamp: timestamp, mac: hmac(signedContent(timestamp: timestamp, body: body)))
    }

    /// Checks a header as a receiver does: a `v1` matches the body's HMAC and `t` is within
    /// `tolerance` of `now`.
    public static func verify(
        header: String,
        body: Data,
        now: Date,
        tolerance: TimeInterval = defaultTolerance,
        hmac: (Data) -> Data
    ) -> Bool {
        var timestamp: Int64?
        var signatures: [String] = []
        for part in header.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2 else { continue }
            if pair[0] == "t" { timestamp = Int64(pair[1]) }
            if pair[0] == "v1" { signatures.append(pair[1].lowercased()) }
        }
        guard let timestamp, abs(now.timeIntervalSince1970 - Double(timestamp)) <= tolerance else { return false }
        let expected = LowercaseHex.encode(hmac(signedContent(timestamp: timestamp, body: body)))
        return signatures.contains { constantTimeEqual($0, expected) }
    }

    // Comparing every byte whatever the first difference, so timing does not reveal the prefix.
    private static func constantTimeEqual(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8)
        let right = Array(rhs.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}
