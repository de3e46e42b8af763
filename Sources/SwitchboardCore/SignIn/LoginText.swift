/// Rules for the login a client sends to sign in, before anything looks it up.
public enum LoginText {
    /// Logins are at most this many characters; longer input is refused before any lookup.
    public static let maxLength = 100

    /// Whether `login` may be looked up at all.
    public static func isAcceptable(_ login: String) -> Bool {
        !login.isEmpty && login.count <= maxLength
    }

    /// A form safe for a log line: at most 32 characters, control and non-ASCII characters escaped,
    /// and the original length when it was cut, so attacker text never floods or forges log lines.
    public static func logForm(_ login: String) -> String {
        let kept = login.prefix(32).unicodeScalars.map { scalar -> String in
            if scalar.isASCII, scalar.value >= 0x20, scalar.value != 0x7F, scalar != "\\", scalar != "\"" {
                return String(scalar)
            }
            return "\\u{\(String(scalar.value, radix: 16))}"
        }
        let text = kept.joined()
        return login.count > 32 ? "\(text)…(\(login.count) chars)" : text
    }
}
