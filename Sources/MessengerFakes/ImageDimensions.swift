import Foundation

/// Width and height of a PNG (its `IHDR` chunk) or JPEG (its first start-of-frame segment), as
/// Telegram reads them to check a photo; nil for anything else. The fake depends on no app module,
/// so it reads headers itself.
struct ImageDimensions: Equatable {
    var width: Int
    var height: Int

    init?(_ data: Data) {
        let bytes = [UInt8](data.prefix(256 * 1024))
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]), bytes.count >= 24, Array(bytes[12..<16]) == Array("IHDR".utf8) {
            width = Self.number(bytes, 16, 4)
            height = Self.number(bytes, 20, 4)
            return
        }
        guard bytes.starts(with: [0xFF, 0xD8]) else { return nil }
        var position = 2
        while position + 8 < bytes.count, bytes[position] == 0xFF {
            let marker = bytes[position + 1]
            if marker == 0xFF || marker == 0x01 || (0xD0...0xD8).contains(marker) {
                position += marker == 0xFF ? 1 : 2
                continue
            }
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                height = Self.number(bytes, position + 5, 2)
                width = Self.number(bytes, position + 7, 2)
                return
            }
            position += 2 + Self.number(bytes, position + 2, 2)
        }
        return nil
    }

    /// Telegram's photo rule: width + height at most 10000, and neither side more than 20 times the other.
    var fitsPhoto: Bool {
        width > 0 && height > 0 && width + height <= 10_000 && max(width, height) <= 20 * min(width, height)
    }

    private static func number(_ bytes: [UInt8], _ offset: Int, _ count: Int) -> Int {
        bytes[offset..<(offset + count)].reduce(0) { $0 << 8 | Int($1) }
    }
}
