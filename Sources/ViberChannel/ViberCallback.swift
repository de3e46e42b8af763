import Foundation

/// A Viber callback as it arrives: every field optional except `event`, since each event carries
/// a different subset (`shared/reference/messenger-apis.md` §2.3).
struct ViberCallback: Decodable {
    /// The `user` / `sender` object.
    struct User: Decodable {
        var id: String
        var name: String?
        var avatar: String?
        var language: String?
        var country: String?
    }

    /// The `message` object of a `message` callback.
    struct Message: Decodable {
        struct Location: Decodable {
            var lat: Double
            var lon: Double
        }

        struct Contact: Decodable {
            var name: String?
            var phoneNumber: String?

            enum CodingKeys: String, CodingKey {
                case name
                case phoneNumber = "phone_number"
            }
        }

        var type: String
        var text: String?
        var media: String?
        var thumbnail: String?
        var fileName: String?
        var size: Int64?
        var duration: Int?
        var location: Location?
        var contact: Contact?
        var stickerID: Int64?
        /// The `tracking_data` of our latest message to the user, echoed back.
        var trackingData: String?

        enum CodingKeys: String, CodingKey {
            case type, text, media, thumbnail, size, duration, location, contact
            case fileName = "file_name"
            case stickerID = "sticker_id"
            case trackingData = "tracking_data"
        }
    }

    var event: String
    /// Epoch milliseconds.
    var timestamp: Int64?
    /// Kept as text: tokens exceed 2^53, and the same text is our messages' external id.
    var messageToken: String?
    var user: User?
    var sender: User?
    var userID: String?
    var message: Message?
    var context: String?
    var desc: String?

    enum CodingKeys: String, CodingKey {
        case event, timestamp, user, sender, message, context, desc
        case messageToken = "message_token"
        case userID = "user_id"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        event = try container.decode(String.self, forKey: .event)
        timestamp = try? container.decodeIfPresent(Int64.self, forKey: .timestamp)
        // Viber sends a JSON integer; a string is accepted too, so no digit is ever lost to a Double.
        if let number = try? container.decodeIfPresent(Int64.self, forKey: .messageToken) {
            messageToken = String(number)
        } else if let number = try? container.decodeIfPresent(UInt64.self, forKey: .messageToken) {
            messageToken = String(number)
        } else {
            messageToken = try? container.decodeIfPresent(String.self, forKey: .messageToken)
        }
        user = try container.decodeIfPresent(User.self, forKey: .user)
        sender = try container.decodeIfPresent(User.self, forKey: .sender)
        userID = try container.decodeIfPresent(String.self, forKey: .userID)
        message = try container.decodeIfPresent(Message.self, forKey: .message)
        context = try container.decodeIfPresent(String.self, forKey: .context)
        desc = try container.decodeIfPresent(String.self, forKey: .desc)
    }
}
