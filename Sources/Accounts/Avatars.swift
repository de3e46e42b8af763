public import Foundation
import SwitchboardCore

/// Operator avatars and bot logos, kept in `<media>/avatars/` and served publicly at `/avatars/{name}`.
///
/// Viber shows `sender.avatar` from a public URL and recommends JPEG or PNG of at most 100 KB, so
/// only such files are accepted; a bigger one is refused with the reason, never served. The format
/// and size rules are Core's (`ImageHeader`, `AvatarPolicy`); this type adds the folder and names.
public enum Avatars {
    /// Viber's recommended maximum avatar size.
    public static let maxBytes = AvatarPolicy.maxBytes

    /// Why an avatar file was refused.
    public struct Refusal: Error, CustomStringConvertible, Equatable {
        public let description: String
    }

    /// The folder inside the media directory.
    public static func directory(in mediaDirectory: URL) -> URL {
        mediaDirectory.appendingPathComponent("avatars", isDirectory: true)
    }

    /// Whether `name` is a plain file name with an image extension (no paths, no hidden files).
    public static func isValidName(_ name: String) -> Bool {
        name.range(of: #"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}\.(jpg|jpeg|png)$"#, options: .regularExpression) != nil
    }

    /// The content type of JPEG or PNG bytes, nil for anything else.
    public static func imageType(_ data: Data) -> String? {
        ImageHeader.format(of: data)?.mimeType
    }

    /// Checks an avatar the way Viber wants it.
    /// - Throws: `Refusal` naming the problem (format or size).
    public static func validate(_ data: Data) throws(Refusal) {
        guard imageType(data) != nil else { throw Refusal(description: "an avatar must be a JPEG or PNG image") }
        guard data.count <= maxBytes else {
            throw Refusal(description: "the avatar is \(data.count / 1024) KB; Viber accepts at most 100 KB (720×720 JPEG recommended)")
        }
    }

    /// Validates and stores an avatar.
    /// - Returns: The public URL under `publicURL`.
    /// - Throws: `Refusal`, or the file system's error.
    public static func store(_ data: Data, name: String, mediaDirectory: URL, publicURL: URL) throws -> String {
        guard isValidName(name) else { throw Refusal(description: "avatar names look like maria.jpg or logo.png (a-z, 0-9, '-', '_')") }
        try validate(data)
        let folder = directory(in: mediaDirectory)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try data.write(to: folder.appendingPathComponent(name), options: .atomic)
        let base = publicURL.absoluteString.hasSuffix("/") ? String(publicURL.absoluteString.dropLast()) : publicURL.absoluteString
        return "\(base)/avatars/\(name)"
    }
}
