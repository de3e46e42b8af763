import Foundation
import Secrets
import Testing

@Suite struct MessageAuthenticationTests {
    /// RFC 4231, test case 2: the published HMAC-SHA256 of "what do ya want for nothing?" under "Jefe".
    @Test func hmacSHA256MatchesTheRFCVector() {
        let mac = MessageAuthentication.hmacSHA256(key: Data("Jefe".utf8), message: Data("what do ya want for nothing?".utf8))
        let hex = mac.map { String($0, radix: 16) }.map { $0.count == 1 ? "0" + $0 : $0 }.joined()
        #expect(hex == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }
}
