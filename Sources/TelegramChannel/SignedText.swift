import SwitchboardCore

/// A reply's text headed by the operator's name, with the bold entity that marks the name.
///
/// Entities instead of a parse mode: the operator's text is sent byte for byte, so `<b>`,
/// `*_[` and friends arrive exactly as typed, and there is nothing to escape.
struct SignedText {
    /// The whole text to send.
    let text: String
    /// `[{"type":"bold","offset":0,"length":…}]` when signed; offsets are UTF-16 units as Telegram counts.
    let entities: JSONValue?

    init(signature: String?, body: String) {
        guard let signature else {
            text = body
            entities = nil
            return
        }
        text = body.isEmpty ? signature : signature + "\n" + body
        entities = .array([.object(["type": "bold", "offset": 0, "length": .int(Int64(signature.utf16.count))])])
    }
}
