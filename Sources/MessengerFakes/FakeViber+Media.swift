public import Foundation

extension FakeViber {
    /// A fault for the next media downloads, as a CDN in trouble gives them.
    public enum MediaFault: Sendable, Equatable {
        /// A bare HTTP error such as 502 or 503.
        case httpError(Int)
        /// Waits this long, then answers normally.
        case slow(seconds: Double)
        /// Closes the connection without an answer.
        case dropConnection
    }

    /// One GET of a media URL and the status it got.
    public struct MediaDownload: Sendable, Equatable {
        /// The URL's path, e.g. `/media/3f…a1.jpg`.
        public var path: String
        /// The HTTP status answered (0 for a dropped connection).
        public var status: Int
        /// When it was answered, on the configured clock.
        public var at: Date
    }

    /// Hosts a file a user is about to send, as Viber's media CDN does; pass the URL to
    /// ``userSends(bot:user:message:trackingData:)`` in a `.picture`, `.video`, `.file` or `.sticker`.
    ///
    /// Anyone with the URL may GET it (no token), until it expires: then it answers 403, and an
    /// unknown URL 404.
    /// - Parameters:
    ///   - fileName: Its extension ends the URL, as on Viber (`….jpg`).
    ///   - lifetime: Seconds (on the configured clock) until the link expires; nil = until ``expireMedia(_:)``.
    /// - Returns: the absolute media URL.
    public func hostMedia(_ bytes: Data, fileName: String, contentType: String, lifetime: TimeInterval? = nil) async -> String {
        await state.hostMedia(bytes, fileName: fileName, contentType: contentType, lifetime: lifetime, baseURL: baseURL)
    }

    /// Expires a media URL now: from here on it answers 403, as an expired Viber link does.
    /// - Throws: `FakeError.invalid` when the fake does not host that URL.
    public func expireMedia(_ url: String) async throws {
        guard let path = URL(string: url)?.path, await state.expireMedia(path: path) else { throw FakeError.invalid("no such media URL") }
    }

    /// Makes the next `count` media downloads (of any URL) fail with `fault`.
    public func failNextMediaDownloads(with fault: MediaFault, count: Int = 1) async {
        await state.queueMediaFaults(Array(repeating: fault, count: count))
    }

    /// Every GET of a media URL answered so far, oldest first.
    /// - Parameter url: Only downloads of this URL, when given.
    public func mediaDownloads(of url: String? = nil) async -> [MediaDownload] {
        let path = url.flatMap { URL(string: $0)?.path }
        return await state.mediaDownloads().filter { path == nil || $0.path == path }
    }
}

extension ViberState {
    func hostMedia(_ bytes: Data, fileName: String, contentType: String, lifetime: TimeInterval?, baseURL: URL) -> String {
        let file = ViberMediaHost.File(bytes: bytes, contentType: contentType, expiresAt: lifetime.map { now.addingTimeInterval($0) })
        return baseURL.absoluteString + media.add(file, fileName: fileName)
    }

    func expireMedia(path: String) -> Bool { media.expire(path: path) }

    func queueMediaFaults(_ faults: [FakeViber.MediaFault]) { media.faults += faults }

    func mediaDownloads() -> [FakeViber.MediaDownload] { media.downloads }

    /// Answers a GET of a media URL, after an injected fault if one is due.
    func serveMedia(path: String) async -> BotResponse {
        if !media.faults.isEmpty {
            switch media.faults.removeFirst() {
            case .httpError(let code):
                media.record(path, code, at: now)
                return BotResponse(status: code, body: Data("HTTP \(code)".utf8), contentType: "text/plain")
            case .dropConnection:
                media.record(path, 0, at: now)
                return BotResponse(status: 500, body: Data(), dropConnection: true)
            case .slow(let seconds):
                try? await Task.sleep(for: .seconds(seconds))
            }
        }
        return media.serve(path: path, at: now)
    }
}
