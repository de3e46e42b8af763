import Foundation
import SwitchboardCore
import Testing

/// The content-type and origin rules that keep cross-site forms away from the JSON API.
@Suite struct RequestShapeRuleTests {
    @Test func onlyApplicationJSONIsJSON() {
        #expect(JSONBodyRule.isJSON("application/json"))
        #expect(JSONBodyRule.isJSON("Application/JSON; charset=utf-8"))
        #expect(!JSONBodyRule.isJSON("text/plain"))
        #expect(!JSONBodyRule.isJSON("application/x-www-form-urlencoded"))
        #expect(!JSONBodyRule.isJSON(nil))
    }

    @Test func aBodyOfAnotherTypeIsRefusedButABodylessCallIsNot() {
        #expect(JSONBodyRule.refuses(method: "POST", contentType: "text/plain", contentLength: 12, chunked: false))
        #expect(JSONBodyRule.refuses(method: "PATCH", contentType: nil, contentLength: 12, chunked: false))
        #expect(JSONBodyRule.refuses(method: "POST", contentType: "text/plain", contentLength: nil, chunked: true))
        #expect(!JSONBodyRule.refuses(method: "POST", contentType: nil, contentLength: nil, chunked: true))
        #expect(!JSONBodyRule.refuses(method: "POST", contentType: "text/plain", contentLength: 0, chunked: false))
        #expect(!JSONBodyRule.refuses(method: "PUT", contentType: "application/json", contentLength: 12, chunked: false))
        #expect(!JSONBodyRule.refuses(method: "GET", contentType: "text/plain", contentLength: 12, chunked: false))
    }

    @Test func signInIsAcceptedOnlyFromTheDesksOwnOrigin() throws {
        let publicURL = try #require(URL(string: "https://support.example.com"))
        #expect(OriginRule.allows(origin: nil, publicURL: publicURL, host: "support.example.com"))
        #expect(OriginRule.allows(origin: "https://support.example.com", publicURL: publicURL, host: "127.0.0.1:8080"))
        #expect(OriginRule.allows(origin: "http://127.0.0.1:8080", publicURL: publicURL, host: "127.0.0.1:8080"))
        #expect(!OriginRule.allows(origin: "https://evil.example", publicURL: publicURL, host: "support.example.com"))
        #expect(!OriginRule.allows(origin: "null", publicURL: publicURL, host: "support.example.com"))
    }
}
