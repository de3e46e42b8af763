import Foundation

/// Parses numeric IP addresses from text without the C library, so the URL rule stays pure.
enum IPAddressText {
    /// The four bytes of dotted IPv4 text, or nil.
    static func ipv4(_ text: String) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var bytes: [UInt8] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy(\.isASCII), let value = UInt8(part) else { return nil }
            bytes.append(value)
        }
        return bytes
    }

    /// The sixteen bytes of IPv6 text (with `::` and a trailing dotted IPv4 allowed), or nil.
    static func ipv6(_ text: String) -> [UInt8]? {
        // A zone (`fe80::1%eth0`) does not change which network the address is on.
        let address = text.split(separator: "%", maxSplits: 1).first.map(String.init) ?? text
        let halves = address.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        guard let head = groups(halves[0]) else { return nil }
        let tail = halves.count == 2 ? groups(halves[1]) : []
        guard let tail else { return nil }
        let missing = 16 - head.count - tail.count
        if halves.count == 2 {
            guard missing >= 2 else { return nil }
            return head + Array(repeating: 0, count: missing) + tail
        }
        return missing == 0 ? head : nil
    }

    private static func groups(_ text: String) -> [UInt8]? {
        guard !text.isEmpty else { return [] }
        var bytes: [UInt8] = []
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        for (index, part) in parts.enumerated() {
            if index == parts.count - 1, part.contains("."), let v4 = ipv4(String(part)) {
                bytes += v4
                continue
            }
            guard (1...4).contains(part.count), let value = UInt16(part, radix: 16) else { return nil }
            bytes += [UInt8(value >> 8), UInt8(value & 0xff)]
        }
        return bytes
    }
}
