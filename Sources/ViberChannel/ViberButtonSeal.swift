import Crypto
public import Foundation
public import SwitchboardCore

/// Seals the `ActionBody` of our keyboard buttons, so a tap can be told apart from typed text.
///
/// Viber delivers a tap on a `reply` button as an ordinary text message whose text is the button's
/// `ActionBody`, with nothing else we could verify. Each body therefore ends in a tag, an HMAC of
/// the button's wire data keyed by the bot's token, which a client cannot compute; a text whose tag
/// does not verify (such as a typed `sb:dept:1`) stays the client's own message.
public struct ViberButtonSeal: Sendable {
    /// Separates the button's wire data from its tag.
    static let separator = "#"
    static let separatorByte = UInt8(ascii: "#")
    /// Hex digits of the tag: 64 bits are beyond guessing and keep the body short.
    static let tagLength = 16

    /// The HMAC key's bytes (`SymmetricKey` is not `Sendable`).
    private let keyBytes: Data

    /// Creates the seal of one bot.
    /// - Parameter token: The bot's auth token; only Switchboard and Viber know it.
    public init(token: String) {
        keyBytes = Data("switchboard viber button\n\(token)".utf8)
    }

    /// The `ActionBody` of `button`: its wire data and the tag.
    public func actionBody(for button: ReplyButton) -> String {
        button.wireData + Self.separator + tag(button.wireData)
    }

    /// The action of a tapped button, or nil when `text` is not a body this bot sealed.
    public func action(fromActionBody text: String) -> String? {
        // A sealed body ends in the separator and a tag of lowercase hex digits. Any other text (most
        // client messages) is told apart by its last bytes alone, without computing a MAC; the shape
        // of a tag is public, so checking it first gives nothing away.
        let bytes = text.utf8
        guard bytes.count > Self.tagLength else { return nil }
        let tagStart = bytes.index(bytes.endIndex, offsetBy: -Self.tagLength)
        let separator = bytes.index(before: tagStart)
        guard bytes[separator] == Self.separatorByte, bytes[tagStart...].allSatisfy(Self.isLowercaseHex) else { return nil }
        let wireData = String(text[..<separator])
        let presented = Data(bytes[tagStart...])
        let expected = Data(tag(wireData).utf8)
        guard constantTimeEqual(presented, expected) else { return nil }
        return ReplyButton.action(fromWire: wireData)
    }

    private func tag(_ wireData: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(wireData.utf8), using: SymmetricKey(data: keyBytes))
        return LowercaseHex.encode(Data(mac).prefix(Self.tagLength / 2))
    }

    private static func isLowercaseHex(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }

    private func constantTimeEqual(_ left: Data, _ right: Data) -> Bool {
        zip(left, right).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
