import Foundation
import MultipartForm
import Testing

@testable import MessengerFakes

@Suite("Markup and multipart parsers")
struct ParserTests {
    @Test func markdownV2AcceptsEntitiesAndEscapes() throws {
        #expect(try MarkupParser.markdownV2("*bold* _it_ __u__ ~s~ ||sp|| `a.b` [link](https://x.y/a_b)") == "bold it u s sp a.b link")
        #expect(try MarkupParser.markdownV2("> quote\n1\\+1\\=2") == " quote\n1+1=2")
    }

    @Test func markdownV2RejectsReservedAndUnclosed() {
        #expect(throws: BotAPIError.self) { try MarkupParser.markdownV2("a-b") }
        #expect(throws: BotAPIError.badRequest("can't parse entities: Can't find end of Bold entity at byte offset 0")) {
            try MarkupParser.markdownV2("*bold")
        }
    }

    @Test func htmlChecksNesting() throws {
        #expect(try MarkupParser.html("<b><i>x</i></b> &amp; &#65;") == "x & A")
        #expect(throws: BotAPIError.self) { try MarkupParser.html("<b><i>x</b></i>") }
        #expect(throws: BotAPIError.self) { try MarkupParser.html("a < b") }
    }

    @Test func multipartSplitsTextAndFileParts() throws {
        let body = Data(
            "--XyZ\r\nContent-Disposition: form-data; name=\"chat_id\"\r\n\r\n-1001234567890\r\n--XyZ\r\nContent-Disposition: form-data; name=\"doc\"; filename=\"a;b.txt\"\r\nContent-Type: text/plain\r\n\r\nline1\r\nline2\r\n--XyZ--\r\n"
                .utf8
        )
        let boundary = try MultipartParser.boundary(fromContentType: "multipart/form-data; boundary=\"XyZ\"")
        let parts = try MultipartParser.parse(body, boundary: boundary)
        #expect(parts.map(\.name) == ["chat_id", "doc"])
        #expect(String(decoding: parts[0].body, as: UTF8.self) == "-1001234567890")
        #expect(parts[1].fileName == "a;b.txt")
        #expect(parts[1].contentType == "text/plain")
        #expect(String(decoding: parts[1].body, as: UTF8.self) == "line1\r\nline2")
    }

    @Test func bundledSpecKnowsMethodsCaseInsensitively() throws {
        let spec = try TelegramSpec.bundled()
        #expect(spec.method(named: "SENDMESSAGE")?.name == "sendMessage")
        #expect(spec.method(named: "getUpdates")?.fields.map(\.name) == ["offset", "limit", "timeout", "allowed_updates"])
    }
}

@Suite("JSON field decoding")
struct JSONFieldTests {
    @Test func jsonValuesBecomeTheTextAFormFieldWouldCarry() throws {
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(#"{"a":true,"b":-1001234567890,"c":"x","d":[1,2],"e":false}"#.utf8))
                as? [String: Any]
        )
        #expect(JSON.fieldText(object["a"]!) == "true")
        #expect(JSON.fieldText(object["b"]!) == "-1001234567890")
        #expect(JSON.fieldText(object["c"]!) == "x")
        #expect(JSON.fieldText(object["d"]!) == "[1,2]")
        #expect(JSON.fieldText(object["e"]!) == "false")
    }
}
