public import Foundation

extension FakeViber {
    /// What the bot sent: one record per accepted `send_message` or welcome message.
    public struct SentMessage: Sendable {
        /// The receiver's user id (for a welcome message: the user who opened the chat).
        public var receiver: String
        /// `type`, e.g. `text`; nil for a keyboard-only message.
        public var type: String?
        /// `text` (message text or picture caption).
        public var text: String?
        /// `sender.name`: the persona the user saw.
        public var senderName: String
        /// `sender.avatar`: the persona's picture URL.
        public var senderAvatar: String?
        /// `tracking_data`, echoed back on the user's next message.
        public var trackingData: String?
        /// `media` URL (picture, video, file, url).
        public var media: String?
        /// `thumbnail` URL.
        public var thumbnail: String?
        /// `size` in bytes (video, file).
        public var size: Int64?
        /// `file_name` (file).
        public var fileName: String?
        /// `sticker_id` (sticker).
        public var stickerId: Int64?
        /// `min_api_version`, when sent.
        public var minApiVersion: Int?
        /// `keyboard` re-encoded as JSON with sorted keys, when sent.
        public var keyboard: Data?
        /// `message_token` the fake answered with (also the token of later delivered/seen callbacks).
        public var messageToken: Int64
        /// True for the answer body of `conversation_started`, false for `send_message`.
        public var isWelcome: Bool
        /// The request body exactly as received.
        public var json: Data
        /// When the fake accepted it (configured clock).
        public var receivedAt: Date
        /// What the fake got from `media` (picture, video, file), fetched once when the message came in.
        public var fetched: FetchedMedia?

        /// The request body decoded, for assertions on fields without a property here.
        public var object: [String: Any] { (try? JSONSerialization.jsonObject(with: json)) as? [String: Any] ?? [:] }

        /// The keyboard decoded, when sent.
        public var keyboardObject: [String: Any]? { keyboard.flatMap { (try? JSONSerialization.jsonObject(with: $0)) as? [String: Any] } }

        /// Builds the record from a validated body.
        init(body: [String: Any], raw: Data, receiver: String, token: Int64, isWelcome: Bool, at: Date) {
            let sender = body["sender"] as? [String: Any] ?? [:]
            self.receiver = receiver
            self.type = body["type"] as? String
            self.text = body["text"] as? String
            self.senderName = sender["name"] as? String ?? ""
            self.senderAvatar = sender["avatar"] as? String
            self.trackingData = body["tracking_data"] as? String
            self.media = body["media"] as? String
            self.thumbnail = body["thumbnail"] as? String
            self.size = JSON.int64(body["size"])
            self.fileName = body["file_name"] as? String
            self.stickerId = JSON.int64(body["sticker_id"])
            self.minApiVersion = JSON.int64(body["min_api_version"]).map { Int($0) }
            self.keyboard = (body["keyboard"] as? [String: Any]).map { JSON.encode($0) }
            self.messageToken = token
            self.isWelcome = isWelcome
            self.json = raw
            self.receivedAt = at
        }
    }
}
