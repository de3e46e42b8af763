/// The `tracking_data` we send, which Viber echoes on the client's next message.
///
/// It is our message id. A message that asks for the client's phone (the `share-phone` keyboard) adds
/// ``sharePhoneSuffix``: Viber delivers both the number that button shares and a contact card the client
/// forwards as the same `contact` message, and only the echo of our request tells the first one apart.
enum ViberTrackingData {
    /// Marks the tracking data of a message showing the `share-phone` keyboard.
    static let sharePhoneSuffix = ":share-phone"

    /// The tracking data of our message `messageID`.
    static func make(messageID: Int64, requestsPhone: Bool) -> String {
        String(messageID) + (requestsPhone ? sharePhoneSuffix : "")
    }

    /// Whether the client's message follows our latest message asking for their phone.
    static func answersPhoneRequest(_ echoed: String?) -> Bool {
        echoed?.hasSuffix(sharePhoneSuffix) == true
    }
}
