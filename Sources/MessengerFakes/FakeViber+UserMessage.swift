extension FakeViber {
    /// A message a user sends to the bot, as it appears inside a `message` callback.
    public enum UserMessage: Sendable, Equatable {
        /// Plain text.
        case text(String)
        /// A photo at `url` (Viber's media URL), with an optional caption.
        case picture(url: String, caption: String? = nil, thumbnail: String? = nil)
        /// A video of `size` bytes, `duration` seconds.
        case video(url: String, size: Int64, duration: Int = 10, thumbnail: String? = nil)
        /// A file of `size` bytes named `fileName`.
        case file(url: String, size: Int64, fileName: String)
        /// A sticker; `url` is the sticker picture Viber adds as `media`.
        case sticker(id: Int64, url: String? = nil)
        /// A shared location.
        case location(lat: Double, lon: Double)
        /// A shared contact card.
        case contact(name: String, phoneNumber: String, avatar: String? = nil)
        /// A link.
        case url(String)

        /// The `message` object, without `tracking_data`.
        var json: [String: Any] {
            switch self {
            case .text(let text):
                return ["type": "text", "text": text]
            case .picture(let url, let caption, let thumbnail):
                var object: [String: Any] = ["type": "picture", "media": url, "text": caption ?? ""]
                object["thumbnail"] = thumbnail
                return object
            case .video(let url, let size, let duration, let thumbnail):
                var object: [String: Any] = ["type": "video", "media": url, "size": size, "duration": duration]
                object["thumbnail"] = thumbnail
                return object
            case .file(let url, let size, let fileName):
                return ["type": "file", "media": url, "size": size, "file_name": fileName]
            case .sticker(let id, let url):
                var object: [String: Any] = ["type": "sticker", "sticker_id": id]
                object["media"] = url
                return object
            case .location(let lat, let lon):
                return ["type": "location", "location": ["lat": lat, "lon": lon]]
            case .contact(let name, let phoneNumber, let avatar):
                var contact: [String: Any] = ["name": name, "phone_number": phoneNumber]
                contact["avatar"] = avatar
                return ["type": "contact", "contact": contact]
            case .url(let url):
                return ["type": "url", "media": url]
            }
        }
    }
}
