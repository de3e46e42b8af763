public import Foundation

extension FakeViber {
    /// What the fake got when it fetched the `media` URL of a picture, video or file message, as Viber does
    /// on receiving one (there is no upload endpoint: Viber only takes media by URL).
    public struct FetchedMedia: Sendable {
        /// The URL fetched.
        public var url: String
        /// The HTTP status, or nil when no answer came (the error says why).
        public var status: Int?
        /// `Content-Type` of the answer.
        public var contentType: String?
        /// The bytes received (cut past the largest file Viber takes).
        public var body: Data
        /// Why nothing came back: connection refused, unsupported URL (the fake fetches plain http only).
        public var error: String?

        /// Whether the fetch gave the file.
        public var succeeded: Bool { status.map { (200..<300).contains($0) } ?? false }
    }
}
