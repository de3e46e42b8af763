/// What each messenger accepts in each direction: the one table the upload check, the inbox and the
/// README use (see `shared/reference/messenger-apis.md` §1.5 and §2.5 for the sources).
public enum MessengerMediaLimits {
    /// Viber's `picture`: at most 1 MB, and only JPEG or PNG as Switchboard sends it (Viber refuses animated GIFs).
    public static let viberPictureMaxBytes: Int64 = 1 << 20
    /// Viber's `video`: MP4 (H.264) of at most 26 MB.
    public static let viberVideoMaxBytes: Int64 = 26 << 20
    /// Viber's `file`: at most 50 MB.
    public static let viberFileMaxBytes: Int64 = 50 << 20
    /// Telegram's `sendPhoto`: at most 10 MB.
    public static let telegramPhotoMaxBytes: Int64 = 10 << 20
    /// Telegram's uploads of other files (`sendDocument`, `sendVideo`, `sendAudio`): at most 50 MB.
    public static let telegramFileMaxBytes: Int64 = 50 << 20
    /// Telegram's `getFile`: bots cannot download a client's file above 20 MB.
    public static let telegramDownloadMaxBytes: Int64 = 20 << 20

    /// Executable and script extensions Viber refuses in a `file` message ("forbiddenFileFormats").
    public static let viberForbiddenExtensions: Set<String> = [
        "ade", "adp", "app", "asp", "bas", "bat", "cer", "chm", "cmd", "com", "cpl", "crt", "csh", "der", "exe", "fxp", "gadget",
        "hlp", "hta", "inf", "ins", "isp", "its", "js", "jse", "ksh", "lnk", "mad", "maf", "mag", "mam", "maq", "mar", "mas",
        "mat", "mau", "mav", "maw", "mda", "mdb", "mde", "mdt", "mdw", "mdz", "msc", "msh", "msh1", "msh2", "mshxml",
        "msh1xml", "msh2xml", "msi", "msp", "mst", "ops", "pcd", "pif", "plg", "prf", "prg", "pst", "reg", "scf", "scr",
        "sct", "shb", "shs", "ps1", "ps1xml", "ps2", "ps2xml", "psc1", "psc2", "tmp", "url", "vb", "vbe", "vbs", "vsmacros",
        "vsw", "ws", "wsc", "wsf", "wsh", "xnk",
    ]

    /// What `kind` accepts in `direction`, one row per sort of file.
    public static func allowances(for kind: ChannelKind, _ direction: MediaDirection) -> [MediaAllowance] {
        switch (kind, direction) {
        case (.telegram, .outbound):
            [
                MediaAllowance(
                    sort: "Photos",
                    sentAs: "sendPhoto",
                    formats: "JPEG, PNG, WEBP",
                    maxBytes: telegramPhotoMaxBytes,
                    note: "width + height at most 10000, sides at most 20:1; a bigger photo goes as a file"
                ),
                MediaAllowance(sort: "Videos", sentAs: "sendVideo", formats: "MP4", maxBytes: telegramFileMaxBytes),
                MediaAllowance(
                    sort: "Voice notes",
                    sentAs: "sendVoice",
                    formats: "OGG Opus",
                    maxBytes: telegramFileMaxBytes,
                    note: "shown as a voice note up to 1 MB, as a file above"
                ),
                MediaAllowance(sort: "Other files", sentAs: "sendDocument", formats: "any", maxBytes: telegramFileMaxBytes),
            ]
        case (.telegram, .inbound):
            [
                MediaAllowance(
                    sort: "Photos, videos, voice, audio, files, stickers",
                    sentAs: "message",
                    formats: "any",
                    maxBytes: telegramDownloadMaxBytes,
                    note: "bigger files cannot be downloaded by bots; the inbox says so"
                ),
                MediaAllowance(sort: "Locations, contacts", sentAs: "message", formats: "-", maxBytes: nil),
            ]
        case (.viber, .outbound):
            [
                MediaAllowance(
                    sort: "Pictures",
                    sentAs: "picture, with the text",
                    formats: "JPEG, PNG",
                    maxBytes: viberPictureMaxBytes,
                    note: "a text of up to 120 characters is the caption, a longer one goes before it"
                ),
                MediaAllowance(sort: "Videos", sentAs: "video", formats: "MP4", maxBytes: viberVideoMaxBytes),
                MediaAllowance(
                    sort: "Other files",
                    sentAs: "file",
                    formats: "any but executables and scripts",
                    maxBytes: viberFileMaxBytes,
                    note: "refused: .exe, .bat, .js, .msi, .vbs and the rest of Viber's list; needs SWITCHBOARD_PUBLIC_URL"
                ),
            ]
        case (.viber, .inbound):
            [
                MediaAllowance(
                    sort: "Pictures, videos, files",
                    sentAs: "picture, video, file",
                    formats: "as Viber sends them",
                    maxBytes: nil,
                    note: "fetched from Viber's media URL into the media folder (SWITCHBOARD_MEDIA_MAX_BYTES)"
                ),
                MediaAllowance(sort: "Stickers, locations, contacts, links", sentAs: "sticker, location, contact, url", formats: "-", maxBytes: nil),
            ]
        }
    }

    /// One sentence for the composer: what an operator may attach for a client on `kind`.
    public static func outboundSummary(for kind: ChannelKind) -> String {
        let parts = allowances(for: kind, .outbound).map { allowance in
            let formats = allowance.formats == "any" ? "" : " (\(allowance.formats))"
            return "\(allowance.sort.lowercased())\(formats) up to \(allowance.maxSizeText)"
        }
        let name = kind == .telegram ? "Telegram" : "Viber"
        return "\(name) takes " + parts.joined(separator: ", ") + "."
    }
}
