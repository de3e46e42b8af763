public import Foundation

/// Image files small enough to write inline: the real headers of a PNG or JPEG of a given size,
/// padded to a given length (the avatar rules read only headers and byte counts).
public enum TestImages {
    /// A PNG: signature, then an `IHDR` chunk with `width` and `height`.
    public static func png(width: Int, height: Int, bytes: Int = 200) -> Data {
        var data = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13])
        data.append(contentsOf: Array("IHDR".utf8))
        data.append(contentsOf: bigEndian(width, 4) + bigEndian(height, 4))
        data.append(contentsOf: [8, 6, 0, 0, 0, 0, 0, 0, 0])
        return padded(data, to: bytes)
    }

    /// A JPEG: start of image, a JFIF APP0 segment, a comment, then a baseline start-of-frame (SOF0).
    public static func jpeg(width: Int, height: Int, bytes: Int = 200) -> Data {
        var data = Data([0xFF, 0xD8])
        data.append(contentsOf: [0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00])
        let comment = Array("made by a test".utf8)
        data.append(contentsOf: [0xFF, 0xFE] + bigEndian(comment.count + 2, 2) + comment)
        data.append(contentsOf: [0xFF, 0xC0, 0x00, 0x11, 0x08] + bigEndian(height, 2) + bigEndian(width, 2))
        data.append(contentsOf: [0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01])
        return padded(data, to: bytes)
    }

    /// A GIF header, for "not a JPEG or PNG".
    public static let gif = Data(Array("GIF89a".utf8) + [0x40, 0x00, 0x40, 0x00, 0x00, 0x00, 0x00])

    private static func bigEndian(_ value: Int, _ count: Int) -> [UInt8] {
        (0..<count).reversed().map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) }
    }

    private static func padded(_ data: Data, to bytes: Int) -> Data {
        data.count >= bytes ? data : data + Data(repeating: 0, count: bytes - data.count)
    }
}
