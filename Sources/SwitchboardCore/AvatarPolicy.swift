public import Foundation

/// What an operator's avatar must be. Viber shows it as the sender's picture and recommends a JPEG
/// or PNG of at most 100 KB; a square picture of a sensible size looks right in every client.
///
/// Switchboard has no image library, so it refuses a picture that breaks a rule, with the reason,
/// instead of converting or resizing it.
public enum AvatarPolicy {
    /// Viber's recommended maximum size.
    public static let maxBytes = 100 * 1024
    /// Smallest and largest width and height in pixels.
    public static let sides = 32...1024
    /// How far from square a picture may be, as a fraction of its longer side.
    public static let squareTolerance = 0.10

    /// The header of an acceptable avatar.
    /// - Throws: `AvatarRefusal` with a sentence for the person uploading.
    public static func check(_ data: Data) throws(AvatarRefusal) -> ImageHeader {
        let advice = "Switchboard does not resize pictures: resize it (720×720 JPEG recommended) and upload again"
        guard ImageHeader.format(of: data) != nil else { throw AvatarRefusal("an avatar must be a JPEG or PNG image") }
        guard data.count <= maxBytes else {
            throw AvatarRefusal("the avatar is \((data.count + 1023) / 1024) KB; at most 100 KB is accepted (Viber's limit). \(advice)")
        }
        let header: ImageHeader
        do {
            header = try ImageHeader.read(data)
        } catch {
            throw AvatarRefusal("the image's size could not be read from its header; save it again as a plain JPEG or PNG")
        }
        guard sides.contains(header.width), sides.contains(header.height) else {
            throw AvatarRefusal(
                "the avatar is \(header.width)×\(header.height) px; width and height must be between \(sides.lowerBound) and \(sides.upperBound) px. \(advice)"
            )
        }
        let longer = Double(max(header.width, header.height))
        guard Double(abs(header.width - header.height)) <= longer * squareTolerance else {
            throw AvatarRefusal("the avatar is \(header.width)×\(header.height) px; it must be square (within 10%). Crop it and upload again")
        }
        return header
    }
}

/// Why an avatar was refused, worded for the person uploading.
public struct AvatarRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    public let description: String

    /// Creates a refusal.
    public init(_ description: String) {
        self.description = description
    }
}
