/// What a new password must be, for the web API, the settings page and the CLI alike.
public enum PasswordRule {
    /// Fewest characters.
    public static let minCharacters = 8
    /// bcrypt reads only the first 72 bytes; a longer password would be silently cut, so it is refused.
    public static let maxBytes = 72

    /// Why a password is refused.
    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case tooShort
        case tooLong
        case containsNUL

        /// A sentence the UI, the API and the CLI show as is.
        public var description: String {
            switch self {
            case .tooShort: "A password has at least \(PasswordRule.minCharacters) characters."
            case .tooLong: "A password has at most \(PasswordRule.maxBytes) bytes in UTF-8 (72 Latin letters, fewer in other scripts)."
            case .containsNUL: "A password cannot contain the NUL character."
            }
        }
    }

    /// The problem with `password`, nil when it may be set.
    public static func problem(_ password: String) -> Problem? {
        if password.unicodeScalars.contains("\u{0}") { return .containsNUL }
        if password.count < minCharacters { return .tooShort }
        if password.utf8.count > maxBytes { return .tooLong }
        return nil
    }
}
