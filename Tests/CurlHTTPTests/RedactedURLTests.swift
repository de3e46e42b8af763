import Testing

@testable import CurlHTTP

/// The scrubbing that keeps bot tokens out of error messages, checked on messages libcurl could produce.
@Suite struct RedactedURLTests {
    @Test func scrubRemovesPathQueryAndCredentials() {
        let url = "https://user:hunter2@api.telegram.org/bot123456:SECRET-token/sendMessage?chat_id=777"
        let message = "failed on \(url); path /bot123456:SECRET-token/sendMessage?chat_id=777; query chat_id=777; pass hunter2"

        let scrubbed = RedactedURL.scrub(message, removing: [url])

        #expect(!scrubbed.contains("SECRET"))
        #expect(!scrubbed.contains("777"))
        #expect(!scrubbed.contains("hunter2"))
        #expect(scrubbed.hasPrefix("failed on <redacted>"))
    }

    @Test func originKeepsOnlySchemeHostAndPort() {
        #expect(RedactedURL.origin(of: "socks5h://user:pw@10.0.0.1:1080/x?y") == "socks5h://10.0.0.1:1080")
        #expect(RedactedURL.origin(of: "https://api.telegram.org/bot1:ABC/getMe") == "https://api.telegram.org")
        #expect(RedactedURL.origin(of: "not a url") == "<url>")
    }
}
