public import Foundation
public import SwitchboardCore

/// A `send_message` body (or, without `receiver`, the welcome message answering `conversation_started`).
///
/// Optional fields are left out of the JSON when nil, so each type carries only what Viber expects.
public struct ViberMessageBody: Sendable, Equatable, Encodable {
    /// `sender`: who the client sees as the author of this one message.
    public struct Sender: Sendable, Equatable, Encodable {
        /// Viber refuses sender names longer than this (UTF-16 units, as its validator counts).
        public static let nameLimit = 28

        public var name: String
        public var avatar: String?

        /// Creates a sender, cutting the name to Viber's limit on a character boundary.
        public init(name: String, avatar: String?) {
            let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
            var cut = ""
            for character in trimmed {
                guard cut.utf16.count + character.utf16.count <= Self.nameLimit else { break }
                cut.append(character)
            }
            self.name = cut.trimmingCharacters(in: .whitespaces).isEmpty ? "Support" : cut.trimmingCharacters(in: .whitespaces)
            self.avatar = avatar.flatMap { $0.isEmpty ? nil : $0 }
        }
    }

    public var receiver: String?
    /// `text`, `picture`, `file`, `url`; nil for a keyboard-only message.
    public var type: String?
    public var sender: Sender
    /// Our message id: Viber echoes it on the client's next message.
    public var trackingData: String?
    public var minAPIVersion: Int?
    public var text: String?
    public var media: String?
    public var thumbnail: String?
    public var size: Int64?
    public var fileName: String?
    public var keyboard: ViberKeyboard?

    /// Creates a body; set the type-specific fields afterwards.
    public init(receiver: String?, type: String?, sender: Sender, trackingData: String? = nil) {
        self.receiver = receiver
        self.type = type
        self.sender = sender
        self.trackingData = trackingData
    }

    enum CodingKeys: String, CodingKey {
        case receiver, type, sender, text, media, thumbnail, size, keyboard
        case trackingData = "tracking_data"
        case minAPIVersion = "min_api_version"
        case fileName = "file_name"
    }

    /// The JSON bytes, keys sorted so identical messages are identical bytes.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}

/// A Viber custom keyboard: reply buttons under the input field (used for CSAT ratings).
public struct ViberKeyboard: Sendable, Equatable, Encodable {
    /// One button; pressing it sends `actionBody` back as the client's text message.
    public struct Button: Sendable, Equatable, Encodable {
        public var columns: Int
        public var rows: Int
        public var actionType: String
        public var actionBody: String
        public var text: String

        /// Creates a reply button of `columns` × 1 cells (a row is 6 columns wide).
        public init(text: String, actionBody: String, columns: Int = 6) {
            self.columns = columns
            self.rows = 1
            self.actionType = "reply"
            self.actionBody = actionBody
            self.text = text
        }

        /// Whether the tap is left out of the chat (the client would otherwise see `actionBody` as their message).
        public var silent: Bool = true

        enum CodingKeys: String, CodingKey {
            case columns = "Columns"
            case rows = "Rows"
            case actionType = "ActionType"
            case actionBody = "ActionBody"
            case text = "Text"
            case silent = "Silent"
        }
    }

    /// Keyboards need clients of at least this API version.
    public static let minAPIVersion = 3

    /// One button that sends the client's own phone number as a `contact` message (`share-phone`).
    public static let sharePhone: ViberKeyboard = {
        var button = Button(text: "Share my phone number", actionBody: "share-phone")
        button.actionType = "share-phone"
        return ViberKeyboard(buttons: [button])
    }()

    public var buttons: [Button]

    /// Creates a keyboard.
    public init(buttons: [Button]) {
        self.buttons = buttons
    }

    /// The keyboard of an outbound message's buttons, side by side in rows of six columns; nil for none.
    /// - Parameter seal: Signs each `ActionBody`, so the tap can be told from typed text.
    public init?(replyButtons: [ReplyButton], seal: ViberButtonSeal) {
        guard !replyButtons.isEmpty else { return nil }
        // Six columns per row: two buttons of three, or five of one (the rest of the row stays empty).
        let columns = max(1, 6 / replyButtons.count)
        self.buttons = replyButtons.map { Button(text: $0.label, actionBody: seal.actionBody(for: $0), columns: columns) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("keyboard", forKey: .type)
        try container.encode(false, forKey: .defaultHeight)
        try container.encode(buttons, forKey: .buttons)
    }

    enum CodingKeys: String, CodingKey {
        case type = "Type"
        case defaultHeight = "DefaultHeight"
        case buttons = "Buttons"
    }
}
