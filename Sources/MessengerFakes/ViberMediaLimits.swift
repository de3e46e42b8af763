import Foundation

/// Viber's limits on the media it fetches (`shared/reference/messenger-apis.md` §2.5): a picture of at
/// most 1 MB in JPEG, PNG or (non-animated) GIF, a video of at most 26 MB, a file of at most 50 MB.
enum ViberMediaLimits {
    static let pictureMaxBytes = 1 << 20
    static let videoMaxBytes = 26 << 20
    static let fileMaxBytes = 50 << 20
    /// What the fake keeps of a fetched body: one byte past the largest limit proves a file is too big.
    static let keepBytes = fileMaxBytes + 1

    /// Refuses fetched content Viber would not deliver; a failed fetch is recorded, not refused.
    static func check(_ fetched: FakeViber.FetchedMedia, type: String) throws(FakeViber.Rejection) {
        guard fetched.succeeded else { return }
        let count = fetched.body.count
        switch type {
        case "picture":
            guard count <= pictureMaxBytes else { throw FakeViber.Rejection(.badData, "picture is larger than 1 MB") }
            guard isPictureFormat(fetched.body) else { throw FakeViber.Rejection(.badData, "picture must be JPEG, PNG or GIF") }
        case "video":
            guard count <= videoMaxBytes else { throw FakeViber.Rejection(.badData, "video is larger than 26 MB") }
        default:
            guard count <= fileMaxBytes else { throw FakeViber.Rejection(.badData, "file is larger than 50 MB") }
        }
    }

    /// The JPEG, PNG and GIF signatures.
    static func isPictureFormat(_ data: Data) -> Bool {
        let head = [UInt8](data.prefix(8))
        return head.starts(with: [0xFF, 0xD8, 0xFF]) || head.starts(with: [0x89, 0x50, 0x4E, 0x47]) || head.starts(with: Array("GIF8".utf8))
    }

    /// A picture's `media` must name a JPEG, PNG or GIF by its extension.
    static func hasPictureExtension(_ url: String) -> Bool {
        let path = (URL(string: url)?.path ?? url).lowercased()
        return [".jpg", ".jpeg", ".png", ".gif"].contains(where: path.hasSuffix)
    }
}
