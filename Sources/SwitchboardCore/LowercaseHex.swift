/// Bytes as lowercase hexadecimal text, two digits a byte: how signatures and tags are written.
public enum LowercaseHex {
    private static let digits = Array("0123456789abcdef".utf8)

    /// The hex text of `bytes`.
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
