import Foundation

/// The fake's stand-in for Viber's media CDN: the files users send, each at an unguessable URL
/// that stops working once it expires, as Viber's signed media links do.
///
/// Viber does not publish how long a link lives; a bridge must copy the file promptly
/// (`shared/reference/messenger-apis.md` §2.5), so the fake lets tests expire links at will.
struct ViberMediaHost: Sendable {
    /// One hosted file.
    struct File: Sendable {
        var bytes: Data
        var contentType: String
        /// After this moment the link answers 403; nil for a link that lives until expired by hand.
        var expiresAt: Date?
        var expired = false
    }

    /// The path prefix media URLs live under.
    static let pathPrefix = "/media/"

    private(set) var files: [String: File] = [:]
    /// Faults waiting for the next downloads, oldest first.
    var faults: [FakeViber.MediaFault] = []
    /// Every download answered, oldest first.
    private(set) var downloads: [FakeViber.MediaDownload] = []

    /// Hosts `file` under a fresh name ending in the file name's extension, like Viber's links.
    /// - Returns: the path of its URL.
    mutating func add(_ file: File, fileName: String) -> String {
        let suffix = fileName.split(separator: ".").count > 1 ? fileName.split(separator: ".").last.map { ".\($0)" } ?? "" : ""
        let name = (0..<4).map { _ in String(format: "%016llx", UInt64.random(in: 0...UInt64.max)) }.joined() + suffix
        files[name] = file
        return Self.pathPrefix + name
    }

    /// Makes the link of `path` answer 403 from now on; false when no such file is hosted.
    mutating func expire(path: String) -> Bool {
        let name = String(path.dropFirst(Self.pathPrefix.count))
        guard files[name] != nil else { return false }
        files[name]?.expired = true
        return true
    }

    /// Answers a GET of `path` at `now`: the bytes, 403 once expired, 404 for an unknown link.
    mutating func serve(path: String, at now: Date) -> BotResponse {
        let name = String(path.dropFirst(Self.pathPrefix.count))
        let answer: BotResponse
        if let file = files[name] {
            if file.expired || file.expiresAt.map({ now >= $0 }) == true {
                answer = BotResponse(status: 403, body: Data("Forbidden".utf8), contentType: "text/plain")
            } else {
                answer = BotResponse(status: 200, body: file.bytes, contentType: file.contentType)
            }
        } else {
            answer = BotResponse(status: 404, body: Data("Not Found".utf8), contentType: "text/plain")
        }
        record(path, answer.status, at: now)
        return answer
    }

    /// Notes one answered download for the tests.
    mutating func record(_ path: String, _ status: Int, at now: Date) {
        downloads.append(.init(path: path, status: status, at: now))
    }
}
