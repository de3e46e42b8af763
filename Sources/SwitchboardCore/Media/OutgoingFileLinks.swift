public import Foundation

/// Publishes operators' uploads at signed, expiring public URLs, and checks the links that come back.
///
/// The channel adapter asks for a link when it sends (so each attempt gets a fresh expiry); the public
/// file route asks which stored file a link names. Both go through ``MediaLinkSigner``.
public struct OutgoingFileLinks: Sendable {
    /// The signing rule.
    public let signer: MediaLinkSigner
    private let clock: any WallClock

    /// Creates the links.
    public init(signer: MediaLinkSigner, clock: any WallClock) {
        self.signer = signer
        self.clock = clock
    }

    /// The public URL of an uploaded attachment, valid from now for the signer's lifetime; nil for anything not uploaded.
    public func url(for attachment: Attachment) -> String? {
        guard let segment = PublicFileName.segment(for: attachment) else { return nil }
        return signer.url(for: segment, now: clock.now())
    }

    /// The stored path a link's segments name, or nil when the link is expired, altered or names no upload.
    public func storedPath(file: String, expires: String, signature: String) -> String? {
        guard let path = PublicFileName.storedPath(forSegment: file),
            signer.allows(file: file, expires: expires, signature: signature, now: clock.now())
        else { return nil }
        return path
    }
}
