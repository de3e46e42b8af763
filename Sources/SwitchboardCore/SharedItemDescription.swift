public import Foundation

/// How a sticker or a shared location reads in the inbox, whichever messenger it came from.
///
/// Neither is text, yet an operator must see what the client meant: a sticker shows as its
/// picture (fetched like any file) with a label for when there is none, a location as its
/// coordinates with a link that opens them on a map.
public enum SharedItemDescription {
    /// The detail key of the text the inbox shows for the item.
    public static let labelKey = "label"
    /// The detail key of a location's map link.
    public static let mapURLKey = "map_url"

    /// A shared location: its coordinates (as sent), a label and an OpenStreetMap link.
    /// - Parameter name: A place's name (a venue), shown before the coordinates.
    public static func location(latitude: Double, longitude: Double, name: String? = nil) -> Attachment {
        let coordinates = "\(format(latitude)), \(format(longitude))"
        let label = [name, coordinates].compactMap { $0 }.joined(separator: " · ")
        return Attachment(
            kind: .location,
            details: [
                "latitude": String(latitude),
                "longitude": String(longitude),
                labelKey: "Location: \(label)",
                mapURLKey: mapURL(latitude: latitude, longitude: longitude),
            ]
        )
    }

    /// A sticker: its picture's URL is the file to fetch; without one the label says where to see it.
    /// - Parameters:
    ///   - id: The messenger's sticker id.
    ///   - imageURL: Where the messenger hosts the sticker's picture, if it says.
    ///   - messenger: The messenger's name, for the label.
    public static func sticker(id: String?, imageURL: String?, messenger: String) -> Attachment {
        var details = [labelKey: imageURL == nil ? "Sticker (the picture is only in \(messenger))" : "Sticker"]
        details["sticker_id"] = id
        return Attachment(kind: .sticker, externalFileID: imageURL, mimeType: nil, details: details)
    }

    /// The OpenStreetMap page centred on a point, with a marker.
    public static func mapURL(latitude: Double, longitude: Double) -> String {
        let lat = format(latitude)
        let lon = format(longitude)
        return "https://www.openstreetmap.org/?mlat=\(lat)&mlon=\(lon)#map=16/\(lat)/\(lon)"
    }

    /// Five decimals: about a metre, as precise as a phone's fix is.
    private static func format(_ degrees: Double) -> String {
        String(format: "%.5f", degrees)
    }
}
