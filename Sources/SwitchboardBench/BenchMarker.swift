import Foundation

/// The tag that makes each benchmark message findable in the database and in stream frames.
///
/// Every message's text starts with `sbbench#N;`, N unique within a run, so a stored row or a
/// WebSocket frame names the message it carries without relying on ids the server assigns.
public enum BenchMarker {
    static let prefix = "sbbench#"

    /// The marker of message `number`, as it starts the message's text.
    public static func text(_ number: Int) -> String { "\(prefix)\(number);" }

    /// The number of the first marker in `text`, or nil when it carries none.
    public static func number(in text: Substring) -> Int? {
        guard let start = text.range(of: prefix)?.upperBound else { return nil }
        let digits = text[start...].prefix(while: \.isASCII).prefix(while: \.isNumber)
        guard !digits.isEmpty, text[start...].dropFirst(digits.count).first == ";" else { return nil }
        return Int(digits)
    }

    /// The number of the first marker in `text`, or nil when it carries none.
    public static func number(in text: String) -> Int? { number(in: text[...]) }
}
