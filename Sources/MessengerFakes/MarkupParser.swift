import Foundation

/// Simplified versions of the server's MarkdownV2 and HTML entity parsers.
///
/// They accept what the real parsers accept for everyday formatting and reject the common mistakes
/// (unescaped reserved characters, unknown or unclosed tags) with the server's wording, returning
/// the text with the markup removed so lengths can be checked "after entity parsing".
enum MarkupParser {
    /// Strips markup according to `parseMode` (nil or unknown = plain text).
    /// - Throws: `BotAPIError` 400 "can't parse entities: …".
    static func plainText(_ text: String, parseMode: String?) throws -> String {
        switch parseMode?.lowercased() {
        case "markdownv2": try markdownV2(text)
        case "html": try html(text)
        default: text
        }
    }

    private static func entityError(_ detail: String) -> BotAPIError { .badRequest("can't parse entities: \(detail)") }

    private static let markdownEntityNames = [
        "*": "Bold", "_": "Italic", "__": "Underline", "~": "Strikethrough", "||": "Spoiler", "`": "Code", "```": "Pre",
        "[": "TextUrl",
    ]

    /// MarkdownV2: every reserved character outside an entity delimiter must be escaped.
    static func markdownV2(_ text: String) throws -> String {
        let chars = Array(text)
        var output = ""
        var open: [(marker: String, offset: Int)] = []
        var index = 0
        var atLineStart = true
        func toggle(_ marker: String) {
            if open.last?.marker == marker { open.removeLast() } else { open.append((marker, output.utf8.count)) }
        }
        while index < chars.count {
            let char = chars[index]
            let next = index + 1 < chars.count ? chars[index + 1] : nil
            let inCode = open.last.map { $0.marker == "`" || $0.marker == "```" } ?? false
            defer { atLineStart = char == "\n" }
            if char == "\\" {
                guard let next else { throw entityError("Character '\\' is reserved and must be escaped with the preceding '\\'") }
                output.append(next)
                index += 2
                continue
            }
            if inCode && char != "`" {
                output.append(char)
                index += 1
                continue
            }
            switch char {
            case "`":
                let isPre = next == "`" && index + 2 < chars.count && chars[index + 2] == "`"
                toggle(isPre ? "```" : "`")
                index += isPre ? 3 : 1
            case "*", "~":
                toggle(String(char))
                index += 1
            case "_":
                toggle(next == "_" ? "__" : "_")
                index += next == "_" ? 2 : 1
            case "|" where next == "|":
                toggle("||")
                index += 2
            case "[":
                open.append(("[", output.utf8.count))
                index += 1
            case "]" where open.last?.marker == "[" && next == "(":
                open.removeLast()
                index += 2
                // Inside the URL only ')' and '\' need escaping.
                while index < chars.count && chars[index] != ")" { index += chars[index] == "\\" ? 2 : 1 }
                guard index < chars.count else { throw entityError("Can't find end of a URL at byte offset \(output.utf8.count)") }
                index += 1
            case ">" where atLineStart:
                index += 1
            case "]", "(", ")", ">", "#", "+", "-", "=", "|", "{", "}", ".", "!":
                throw entityError("Character '\(char)' is reserved and must be escaped with the preceding '\\'")
            default:
                output.append(char)
                index += 1
            }
        }
        if let unclosed = open.last {
            let name = markdownEntityNames[unclosed.marker] ?? unclosed.marker
            throw entityError("Can't find end of \(name) entity at byte offset \(unclosed.offset)")
        }
        return output
    }

    private static let htmlTags: Set<String> = [
        "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "code", "pre",
        "blockquote", "tg-emoji",
    ]

    private static let htmlEntities = ["lt": "<", "gt": ">", "amp": "&", "quot": "\""]

    /// HTML: only the supported tags, properly nested and closed; `&lt;`-style entities decoded.
    static func html(_ text: String) throws -> String {
        var output = ""
        var open: [String] = []
        var rest = Substring(text)
        while let char = rest.first {
            if char == "<" {
                let offset = output.utf8.count
                guard let close = rest.firstIndex(of: ">") else { throw entityError("Unclosed start tag at byte offset \(offset)") }
                let body = rest[rest.index(after: rest.startIndex)..<close]
                rest = rest[rest.index(after: close)...]
                if body.hasPrefix("/") {
                    let name = body.dropFirst().trimmingCharacters(in: .whitespaces).lowercased()
                    guard let last = open.last else { throw entityError("Unexpected end tag at byte offset \(offset)") }
                    guard last == name else {
                        throw entityError("Unmatched end tag at byte offset \(offset), expected \"</\(last)>\", found \"</\(name)>\"")
                    }
                    open.removeLast()
                } else {
                    let name = String(body.prefix { !$0.isWhitespace }).lowercased()
                    guard htmlTags.contains(name) else { throw entityError("Unsupported start tag \"\(name)\" at byte offset \(offset)") }
                    open.append(name)
                }
            } else if char == "&", let semicolon = rest.prefix(10).firstIndex(of: ";") {
                let name = String(rest[rest.index(after: rest.startIndex)..<semicolon])
                if let decoded = htmlEntities[name] ?? numericEntity(name) {
                    output += decoded
                    rest = rest[rest.index(after: semicolon)...]
                } else {
                    output.append(char)
                    rest = rest.dropFirst()
                }
            } else {
                output.append(char)
                rest = rest.dropFirst()
            }
        }
        if let unclosed = open.last { throw entityError("Can't find end tag corresponding to start tag \"\(unclosed)\"") }
        return output
    }

    private static func numericEntity(_ name: String) -> String? {
        guard name.hasPrefix("#") else { return nil }
        let digits = name.dropFirst()
        let value = digits.hasPrefix("x") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
        return value.flatMap(Unicode.Scalar.init).map { String(Character($0)) }
    }
}
