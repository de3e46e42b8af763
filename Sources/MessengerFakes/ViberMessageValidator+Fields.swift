import Foundation

extension ViberMessageValidator {
    /// Types whose content is an object or id rather than text and media.
    static func checkStructured(type: String, _ body: [String: Any], minApiVersion: Int) throws(Rejection) {
        switch type {
        case "location":
            guard let location = body["location"] else { throw Rejection(.missingData, "location is missing") }
            guard let object = location as? [String: Any], let lat = number(object["lat"]), let lon = number(object["lon"]),
                (-90...90).contains(lat), (-180...180).contains(lon)
            else { throw Rejection(.badData, "location needs lat (−90…90) and lon (−180…180)") }
        case "contact":
            guard let contact = body["contact"] else { throw Rejection(.missingData, "contact is missing") }
            guard let object = contact as? [String: Any] else { throw Rejection(.badData, "contact must be an object") }
            let name = try requiredString(object, "name", path: "contact.name")
            let phone = try requiredString(object, "phone_number", path: "contact.phone_number")
            guard name.utf16.count <= 28 else { throw Rejection(.badData, "contact.name is longer than 28 characters") }
            guard phone.utf16.count <= 18 else { throw Rejection(.badData, "contact.phone_number is longer than 18 characters") }
        case "sticker":
            guard let sticker = body["sticker_id"] else { throw Rejection(.missingData, "sticker_id is missing") }
            guard !(sticker is String), JSON.int64(sticker) != nil else { throw Rejection(.badData, "sticker_id must be an integer") }
        default:
            try checkRichMedia(body, minApiVersion: minApiVersion)
        }
    }

    /// rich_media (carousel content): the object plus `min_api_version` ≥ 2, which the feature needs.
    private static func checkRichMedia(_ body: [String: Any], minApiVersion: Int) throws(Rejection) {
        guard let richMedia = body["rich_media"] else { throw Rejection(.missingData, "rich_media is missing") }
        guard let object = richMedia as? [String: Any], let buttons = object["Buttons"] as? [Any], !buttons.isEmpty else {
            throw Rejection(.badData, "rich_media.Buttons must be a non-empty array")
        }
        if let columns = object["ButtonsGroupColumns"], !(1...6).contains(JSON.int64(columns) ?? 0) {
            throw Rejection(.badData, "rich_media.ButtonsGroupColumns must be 1–6")
        }
        if let rows = object["ButtonsGroupRows"], !(1...7).contains(JSON.int64(rows) ?? 0) {
            throw Rejection(.badData, "rich_media.ButtonsGroupRows must be 1–7")
        }
        guard minApiVersion >= 2 else { throw Rejection(.incompatibleWithVersion, "rich_media needs min_api_version 2 or higher") }
    }

    /// A string field that must be present and non-empty.
    static func requiredString(_ object: [String: Any], _ key: String, path: String? = nil) throws(Rejection) -> String {
        guard let value = try optionalString(object, key, path: path), !value.isEmpty else {
            throw Rejection(.missingData, "\(path ?? key) is missing")
        }
        return value
    }

    /// A string field that may be absent; any other JSON type is `badData`.
    static func optionalString(_ object: [String: Any], _ key: String, path: String? = nil) throws(Rejection) -> String? {
        guard let value = object[key], !(value is NSNull) else { return nil }
        guard let string = value as? String else { throw Rejection(.badData, "\(path ?? key) must be a string") }
        return string
    }

    /// An absolute http(s) URL; Viber fetches media itself, so anything else cannot work.
    static func checkURL(_ text: String, field: String) throws(Rejection) {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            url.host?.isEmpty == false
        else { throw Rejection(.badData, "\(field) must be an http(s) URL") }
    }

    /// A JSON number as Double; numeric strings are not numbers here.
    static func number(_ value: Any?) -> Double? {
        guard let value, !(value is String) else { return nil }
        return (value as? NSNumber)?.doubleValue
    }
}
