import SwitchboardCore
import Testing

/// What a sign-in request's login and address may be before anything looks them up.
@Suite struct SignInInputTests {
    @Test func aLoginOver100CharactersIsNotAcceptable() {
        #expect(LoginText.isAcceptable(String(repeating: "a", count: 100)))
        #expect(!LoginText.isAcceptable(String(repeating: "a", count: 101)))
        #expect(!LoginText.isAcceptable(""))
    }

    @Test func theLogFormIsShortAndEscaped() {
        #expect(LoginText.logForm("maria") == "maria")
        #expect(LoginText.logForm("a\nb\"") == "a\\u{a}b\\u{22}")
        let long = LoginText.logForm(String(repeating: "x", count: 16_384))
        #expect(long == String(repeating: "x", count: 32) + "…(16384 chars)")
    }

    @Test func forwardedForIsTrustedOnlyFromALoopbackPeer() {
        #expect(ClientAddress.resolve(peer: "127.0.0.1", forwardedFor: "6.6.6.6, 198.51.100.7") == "198.51.100.7")
        #expect(ClientAddress.resolve(peer: "::1", forwardedFor: "198.51.100.7") == "198.51.100.7")
        #expect(ClientAddress.resolve(peer: "203.0.113.9", forwardedFor: "198.51.100.7") == "203.0.113.9")
        #expect(ClientAddress.resolve(peer: "127.0.0.1", forwardedFor: nil) == "127.0.0.1")
        #expect(ClientAddress.resolve(peer: nil, forwardedFor: nil) == "unknown")
    }
}
