import Foundation

/// Why a location or contact an operator wants to send cannot be sent.
public struct InvalidSharedItem: Error, Equatable, Sendable {
    /// Shown to the operator.
    public var reason: String
}

extension Attachment {
    /// Whether replies on a channel of this kind may carry locations and contacts: the Viber adapter
    /// sends text and files only, so such a reply is refused before it is stored rather than failing later.
    public static func sharedItemsReach(_ kind: ChannelKind) -> Bool {
        kind == .telegram
    }

    /// A map point for the client, with the same detail keys as a client's location.
    /// - Throws: `InvalidSharedItem` for coordinates off the globe.
    public static func location(latitude: Double, longitude: Double) throws(InvalidSharedItem) -> Attachment {
        guard latitude.isFinite, (-90...90).contains(latitude) else { throw InvalidSharedItem(reason: "latitude must be between -90 and 90") }
        guard longitude.isFinite, (-180...180).contains(longitude) else {
            throw InvalidSharedItem(reason: "longitude must be between -180 and 180")
        }
        return Attachment(kind: .location, details: ["latitude": "\(latitude)", "longitude": "\(longitude)"])
    }

    /// A contact card for the client, with the same detail keys as a client's contact.
    /// - Throws: `InvalidSharedItem` without a first name or a phone number that is one.
    public static func contact(phone: String, firstName: String, lastName: String?) throws(InvalidSharedItem) -> Attachment {
        let phone = phone.trimmingCharacters(in: .whitespaces)
        let digits = phone.filter(\.isASCII).filter(\.isNumber)
        let allowed = CharacterSet(charactersIn: "+0123456789 -()")
        guard (3...20).contains(digits.count), phone.count <= 32, phone.unicodeScalars.allSatisfy(allowed.contains) else {
            throw InvalidSharedItem(reason: "phone must be a phone number (3 to 20 digits)")
        }
        let first = firstName.trimmingCharacters(in: .whitespacesAndNewlines)
        let last = lastName?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard (1...64).contains(first.count) else { throw InvalidSharedItem(reason: "firstName must be 1 to 64 characters") }
        guard last.count <= 64 else { throw InvalidSharedItem(reason: "lastName must be at most 64 characters") }
        var details = ["phone": phone, "first_name": first]
        if !last.isEmpty { details["last_name"] = last }
        return Attachment(kind: .contact, details: details)
    }
}
