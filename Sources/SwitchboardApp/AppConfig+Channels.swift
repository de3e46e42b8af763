import Foundation

extension AppConfig {
    /// The settings the channel bridges need, validated.
    struct ChannelSettings {
        var mediaDirectory: String?
        var mediaMaxBytes: Int64 = 5 << 30
        var secretKey: String?
        var secretKeyFile: String?
        var proxy: String?
    }

    /// Reads media, secret key and proxy settings; problems never quote the key itself.
    static func loadChannelSettings(_ value: (String) -> String?, problems: inout [String]) -> ChannelSettings {
        var settings = ChannelSettings()
        settings.mediaDirectory = value("SWITCHBOARD_MEDIA_DIR")
        if settings.mediaDirectory?.isEmpty == true { problems.append("SWITCHBOARD_MEDIA_DIR: must not be empty") }
        if let raw = value("SWITCHBOARD_MEDIA_MAX_BYTES") {
            if let parsed = Int64(raw), parsed > 0 {
                settings.mediaMaxBytes = parsed
            } else {
                problems.append("SWITCHBOARD_MEDIA_MAX_BYTES: '\(raw)' is not a positive number of bytes")
            }
        }
        if let raw = value("SWITCHBOARD_SECRET_KEY") {
            if let key = Data(base64Encoded: raw.trimmingCharacters(in: .whitespaces)), key.count == 32 {
                settings.secretKey = raw
            } else {
                problems.append("SWITCHBOARD_SECRET_KEY: must be base64 of exactly 32 bytes (e.g. `openssl rand -base64 32`)")
            }
        }
        settings.secretKeyFile = value("SWITCHBOARD_SECRET_KEY_FILE")
        if settings.secretKeyFile?.isEmpty == true { problems.append("SWITCHBOARD_SECRET_KEY_FILE: must not be empty") }
        if let raw = value("SWITCHBOARD_PROXY"), !raw.isEmpty {
            let scheme = URLComponents(string: raw)?.scheme?.lowercased() ?? ""
            if ["socks5h", "socks5", "http", "https"].contains(scheme), URLComponents(string: raw)?.host?.isEmpty == false {
                settings.proxy = raw
            } else {
                problems.append("SWITCHBOARD_PROXY: expected socks5h://host:port, socks5://, http:// or https://")
            }
        }
        return settings
    }
}
