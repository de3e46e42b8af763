import Foundation

// Bot API objects, only the fields the bridge reads. Decoded with `TelegramJSON.decoder`
// (snake_case keys); unknown fields are ignored, as the Bot API asks clients to do.

/// `User`.
struct TGUser: Decodable, Sendable {
    var id: Int64
    var isBot: Bool?
    var firstName: String
    var lastName: String?
    var username: String?
    var languageCode: String?

    /// First and last name, as the client's Telegram shows it.
    var fullName: String {
        [firstName, lastName ?? ""].filter { !$0.isEmpty }.joined(separator: " ")
    }
}

/// `Chat`.
struct TGChat: Decodable, Sendable {
    var id: Int64
    var type: String
    var title: String?
    var username: String?
    var firstName: String?
    var lastName: String?
}

/// `PhotoSize`.
struct TGPhotoSize: Decodable, Sendable {
    var fileId: String
    var fileUniqueId: String
    var width: Int
    var height: Int
    var fileSize: Int64?
}

/// The shape shared by `Document`, `Voice`, `Audio`, `Video`, `VideoNote`, `Sticker` and `Animation`.
struct TGFile: Decodable, Sendable {
    var fileId: String
    var fileUniqueId: String
    var fileSize: Int64?
    var fileName: String?
    var mimeType: String?
    var duration: Int?
    var width: Int?
    var height: Int?
    var title: String?
    var performer: String?
    var emoji: String?
    var setName: String?
}

/// `Location`.
struct TGLocation: Decodable, Sendable {
    var latitude: Double
    var longitude: Double
}

/// `Venue`.
struct TGVenue: Decodable, Sendable {
    var location: TGLocation
    var title: String
    var address: String
}

/// `Contact`.
struct TGContact: Decodable, Sendable {
    var phoneNumber: String
    var firstName: String
    var lastName: String?
    var userId: Int64?
    var vcard: String?
}

/// `Message`.
struct TGMessage: Decodable, Sendable {
    var messageId: Int64
    var from: TGUser?
    var chat: TGChat
    var date: Int64
    var editDate: Int64?
    var text: String?
    var caption: String?
    var photo: [TGPhotoSize]?
    var document: TGFile?
    var voice: TGFile?
    var audio: TGFile?
    var video: TGFile?
    var videoNote: TGFile?
    var sticker: TGFile?
    var animation: TGFile?
    var location: TGLocation?
    var venue: TGVenue?
    var contact: TGContact?
    /// The album the message is one item of; each item comes as its own update.
    var mediaGroupId: String?
    /// Entities of `text` (offsets in UTF-16 code units): mentions and commands are read from them.
    var entities: [TGEntity]?
    var captionEntities: [TGEntity]?
    /// The message this one replies to; only its author is read.
    var replyToMessage: TGRepliedMessage?
    /// Service message in the old group: it became the supergroup with this id.
    var migrateToChatId: Int64?
    /// Service message in the new supergroup: it was the group with this id.
    var migrateFromChatId: Int64?

    /// `chat_id:message_id`: unique per bot, the external id of stored and sent messages alike.
    var externalID: String { "\(chat.id):\(messageId)" }
}

/// `MessageEntity`.
struct TGEntity: Decodable, Sendable {
    var type: String
    var offset: Int
    var length: Int
    /// For `text_mention`: the user mentioned.
    var user: TGUser?
}

/// `reply_to_message`, reduced to what says whom it answers.
struct TGRepliedMessage: Decodable, Sendable {
    var from: TGUser?
}

/// `CallbackQuery`; `message` may be an inaccessible stub, which still has `chat` and `message_id`.
struct TGCallbackQuery: Decodable, Sendable {
    var id: String
    var from: TGUser
    var message: TGMessage?
    var data: String?
    var gameShortName: String?
}

/// `ChatMemberUpdated` (`my_chat_member`): the bot's own membership in a chat changed.
struct TGChatMemberUpdated: Decodable, Sendable {
    struct Member: Decodable, Sendable {
        var status: String
    }

    var chat: TGChat
    var from: TGUser
    var date: Int64
    var newChatMember: Member
}

/// `Update`, with the kinds the bridge maps; anything else is carried as raw JSON.
struct TGUpdate: Decodable, Sendable {
    var updateId: Int64
    var message: TGMessage?
    var editedMessage: TGMessage?
    var callbackQuery: TGCallbackQuery?
    var myChatMember: TGChatMemberUpdated?
}

/// `File` from getFile.
struct TGFileInfo: Decodable, Sendable {
    var fileId: String
    var fileUniqueId: String?
    var fileSize: Int64?
    var filePath: String?
}

/// Decoders for Bot API objects.
enum TelegramJSON {
    /// snake_case keys to camelCase properties.
    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }
}
