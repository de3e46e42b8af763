import Foundation

/// Checks a `send_message` body (or a welcome message) the way Viber does, receiver aside.
///
/// Missing mandatory fields give `missingData` (4); present but wrong ones `badData` (3).
/// Limits: VB-creators send-message and data-models/message, see `shared/reference/messenger-apis.md` §2.5.
enum ViberMessageValidator {
    typealias Rejection = FakeViber.Rejection

    /// Message types `send_message` accepts.
    static let types: Set<String> = ["text", "picture", "video", "file", "location", "contact", "sticker", "url", "rich_media"]

    /// Executable and script extensions Viber refuses in `file_name` (its "forbiddenFileFormats" list).
    static let forbiddenExtensions: Set<String> = [
        "ade", "adp", "app", "asp", "bas", "bat", "cer", "chm", "cmd", "com", "cpl", "crt", "csh", "der", "exe", "fxp", "gadget",
        "hlp", "hta", "inf", "ins", "isp", "its", "js", "jse", "ksh", "lnk", "mad", "maf", "mag", "mam", "maq", "mar", "mas",
        "mat", "mau", "mav", "maw", "mda", "mdb", "mde", "mdt", "mdw", "mdz", "msc", "msh", "msh1", "msh2", "mshxml",
        "msh1xml", "msh2xml", "msi", "msp", "mst", "ops", "pcd", "pif", "plg", "prf", "prg", "pst", "reg", "scf", "scr",
        "sct", "shb", "shs", "ps1", "ps1xml", "ps2", "ps2xml", "psc1", "psc2", "tmp", "url", "vb", "vbe", "vbs", "vsmacros",
        "vsw", "ws", "wsc", "wsf", "wsh", "xnk",
    ]

    /// Validates everything but `receiver`.
    /// - Throws: `Rejection` with status 3, 4 or 14.
    static func validate(_ body: [String: Any]) throws(Rejection) {
        try checkSender(body["sender"])
        if let tracking = try optionalString(body, "tracking_data"), tracking.utf16.count > 4000 {
            throw Rejection(.badData, "tracking_data is longer than 4000 characters")
        }
        let minApiVersion = try checkMinApiVersion(body["min_api_version"])
        if let keyboard = body["keyboard"] { try checkKeyboard(keyboard) }
        guard let type = try optionalString(body, "type") else {
            // A keyboard-only message (the SDKs' KeyboardMessage) carries no type.
            if body["keyboard"] != nil { return }
            throw Rejection(.missingData, "type is missing")
        }
        guard types.contains(type) else { throw Rejection(.badData, "unknown message type \(type)") }
        try checkContent(type: type, body, minApiVersion: minApiVersion)
    }

    private static func checkSender(_ value: Any?) throws(Rejection) {
        guard let value else { throw Rejection(.missingData, "sender is missing") }
        guard let sender = value as? [String: Any] else { throw Rejection(.badData, "sender must be an object") }
        guard let name = try optionalString(sender, "name", path: "sender.name"), !name.isEmpty else {
            throw Rejection(.missingData, "sender.name is missing")
        }
        guard name.utf16.count <= 28 else { throw Rejection(.badData, "sender.name is longer than 28 characters") }
        if let avatar = try optionalString(sender, "avatar", path: "sender.avatar") { try checkURL(avatar, field: "sender.avatar") }
    }

    private static func checkMinApiVersion(_ value: Any?) throws(Rejection) -> Int {
        guard let value else { return 1 }
        guard !(value is String), let version = JSON.int64(value), version >= 1 else {
            throw Rejection(.badData, "min_api_version must be a positive integer")
        }
        return Int(version)
    }

    private static func checkKeyboard(_ value: Any) throws(Rejection) {
        guard let keyboard = value as? [String: Any], keyboard["Type"] as? String == "keyboard" else {
            throw Rejection(.badData, "keyboard must be an object with Type \"keyboard\"")
        }
        guard let buttons = keyboard["Buttons"] as? [Any], !buttons.isEmpty, buttons.allSatisfy({ $0 is [String: Any] }) else {
            throw Rejection(.badData, "keyboard.Buttons must be a non-empty array of objects")
        }
        for case let button as [String: Any] in buttons {
            guard let body = button["ActionBody"] as? String, !body.isEmpty else {
                throw Rejection(.badData, "every keyboard button needs a non-empty ActionBody")
            }
            if let type = button["ActionType"] {
                guard let type = type as? String, keyboardActionTypes.contains(type) else {
                    throw Rejection(.badData, "unknown keyboard ActionType")
                }
            }
            for (field, range) in [("Columns", 1...6), ("Rows", 1...2)] {
                if let value = button[field] {
                    guard !(value is String), let number = JSON.int64(value), range.contains(Int(number)) else {
                        throw Rejection(.badData, "keyboard button \(field) must be \(range.lowerBound)–\(range.upperBound)")
                    }
                }
            }
        }
    }

    /// Viber's keyboard button action types.
    private static let keyboardActionTypes: Set<String> = ["reply", "open-url", "location-picker", "share-phone", "none"]

    private static func checkContent(type: String, _ body: [String: Any], minApiVersion: Int) throws(Rejection) {
        switch type {
        case "text":
            guard let text = try optionalString(body, "text"), !text.isEmpty else { throw Rejection(.missingData, "text is missing") }
            guard text.utf16.count <= 7000 else { throw Rejection(.badData, "text is longer than 7000 characters") }
        case "picture":
            let media = try requiredString(body, "media")
            try checkURL(media, field: "media")
            guard ViberMediaLimits.hasPictureExtension(media) else {
                throw Rejection(.badData, "picture media must end with .jpg, .jpeg, .png or .gif")
            }
            if let caption = try optionalString(body, "text"), caption.utf16.count > 768 {
                throw Rejection(.badData, "text is longer than 768 characters")
            }
            if let thumbnail = try optionalString(body, "thumbnail") { try checkURL(thumbnail, field: "thumbnail") }
        case "video":
            try checkURL(try requiredString(body, "media"), field: "media")
            try checkSize(body, max: 26 * 1024 * 1024)
            if let duration = body["duration"] {
                guard let seconds = JSON.int64(duration), (0...180).contains(seconds) else {
                    throw Rejection(.badData, "duration must be 0–180 seconds")
                }
            }
        case "file":
            try checkURL(try requiredString(body, "media"), field: "media")
            try checkSize(body, max: 50 * 1024 * 1024)
            try checkFileName(try requiredString(body, "file_name"))
        case "url":
            let url = try requiredString(body, "media")
            guard url.utf16.count <= 2000 else { throw Rejection(.badData, "media is longer than 2000 characters") }
            try checkURL(url, field: "media")
        default:
            try checkStructured(type: type, body, minApiVersion: minApiVersion)
        }
    }

    private static func checkSize(_ body: [String: Any], max: Int64) throws(Rejection) {
        guard let raw = body["size"] else { throw Rejection(.missingData, "size is missing") }
        guard !(raw is String), let size = JSON.int64(raw), size > 0, size <= max else {
            throw Rejection(.badData, "size must be 1–\(max) bytes")
        }
    }

    private static func checkFileName(_ name: String) throws(Rejection) {
        guard !name.isEmpty, name.utf16.count <= 256 else { throw Rejection(.badData, "file_name must be 1–256 characters") }
        guard let dot = name.lastIndex(of: "."), dot != name.index(before: name.endIndex) else {
            throw Rejection(.badData, "file_name must include an extension")
        }
        let ext = name[name.index(after: dot)...].lowercased()
        guard !forbiddenExtensions.contains(ext) else { throw Rejection(.badData, "file type .\(ext) is forbidden") }
    }
}
