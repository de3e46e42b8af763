import SwitchboardCore
import Testing

/// The one password rule the API, the settings page and the CLI apply.
@Suite struct PasswordRuleTests {
    @Test func aPasswordOf8CharactersTo72BytesIsAccepted() {
        #expect(PasswordRule.problem("12345678") == nil)
        #expect(PasswordRule.problem(String(repeating: "a", count: 72)) == nil)
    }

    @Test func aPasswordBcryptWouldCutIsRefused() {
        #expect(PasswordRule.problem(String(repeating: "a", count: 73)) == .tooLong)
        // 37 Cyrillic letters are 74 bytes in UTF-8
        #expect(PasswordRule.problem(String(repeating: "я", count: 37)) == .tooLong)
    }

    @Test func aPasswordWithNULOrTooShortIsRefused() {
        #expect(PasswordRule.problem("password\u{0}123") == .containsNUL)
        #expect(PasswordRule.problem("1234567") == .tooShort)
        #expect(PasswordRule.Problem.tooLong.description.contains("72 bytes"))
    }
}
