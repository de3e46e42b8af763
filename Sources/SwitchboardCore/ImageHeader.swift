public import Foundation

/// The format and pixel size of a JPEG or PNG, read from its header alone (no image library:
/// the PNG `IHDR` chunk, or the first JPEG start-of-frame segment).
public struct ImageHeader: Sendable, Equatable {
    /// The formats avatars may have.
    public enum Format: String, Sendable {
        case jpeg
        case png

        /// The MIME type.
        public var mimeType: String { "image/\(rawValue)" }
        /// The file extension avatars are stored with.
        public var fileExtension: String { self == .jpeg ? "jpg" : "png" }
    }

    public var format: Format
    public var width: Int
    public var height: Int

    /// Creates a value.
    public init(format: Format, width: Int, height: Int) {
        self.format = format
        self.width = width
        self.height = height
    }

    /// Why a header could not be read.
    public enum Problem: Error, Equatable, Sendable {
        /// Neither the JPEG nor the PNG signature.
        case unknownFormat
        /// The signature is there but the size is not where the format puts it.
        case unreadable(Format)
    }

    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Reads the header of `data`.
    /// - Throws: `Problem`.
    public static func read(_ data: Data) throws(Problem) -> ImageHeader {
        let bytes = [UInt8](data)
        switch format(of: data) {
        case .png: return try png(bytes)
        case .jpeg: return try jpeg(bytes)
        case nil: throw .unknownFormat
        }
    }

    /// The format its signature says `data` has, nil when neither.
    public static func format(of data: Data) -> Format? {
        if data.starts(with: pngSignature) { return .png }
        if data.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        return nil
    }

    /// The first chunk of a PNG must be `IHDR`: width and height as big-endian 32-bit numbers.
    private static func png(_ bytes: [UInt8]) throws(Problem) -> ImageHeader {
        guard bytes.count >= 24, Array(bytes[12..<16]) == Array("IHDR".utf8) else { throw .unreadable(.png) }
        let width = bigEndian(bytes, at: 16, count: 4)
        let height = bigEndian(bytes, at: 20, count: 4)
        guard width > 0, height > 0 else { throw .unreadable(.png) }
        return ImageHeader(format: .png, width: width, height: height)
    }

    /// Walks the JPEG segments up to the first start-of-frame (SOF0…SOF15 except DHT, JPG and DAC),
    /// whose payload is precision, height, width.
    private static func jpeg(_ bytes: [UInt8]) throws(Problem) -> ImageHeader {
        var position = 2
        while position + 1 < bytes.count {
            guard bytes[position] == 0xFF else { throw .unreadable(.jpeg) }
            let marker = bytes[position + 1]
            position += 2
            // Fill bytes, and markers that stand alone without a length.
            if marker == 0xFF {
                position -= 1
                continue
            }
            if marker == 0x01 || (0xD0...0xD8).contains(marker) { continue }
            // End of image or start of scan before any frame header: no size to read.
            if marker == 0xD9 || marker == 0xDA { throw .unreadable(.jpeg) }
            guard position + 1 < bytes.count else { throw .unreadable(.jpeg) }
            let length = bigEndian(bytes, at: position, count: 2)
            guard length >= 2 else { throw .unreadable(.jpeg) }
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                guard length >= 7, position + 6 < bytes.count else { throw .unreadable(.jpeg) }
                let height = bigEndian(bytes, at: position + 3, count: 2)
                let width = bigEndian(bytes, at: position + 5, count: 2)
                guard width > 0, height > 0 else { throw .unreadable(.jpeg) }
                return ImageHeader(format: .jpeg, width: width, height: height)
            }
            position += length
        }
        throw .unreadable(.jpeg)
    }

    private static func bigEndian(_ bytes: [UInt8], at offset: Int, count: Int) -> Int {
        bytes[offset..<(offset + count)].reduce(0) { $0 << 8 | Int($1) }
    }
}
