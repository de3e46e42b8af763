extension FakeViber {
    /// "The user taps the keyboard button labelled `label`": Viber shows a keyboard only under the bot's
    /// latest message to the user, and a tap on a `reply` button sends its `ActionBody` as the user's
    /// text message (with the `tracking_data` of that latest message, and `silent: true` when the button is `Silent`).
    /// - Throws: `FakeError.invalid` when the latest message to the user has no such reply button.
    @discardableResult
    public func userTapsKeyboardButton(bot: String, user: User, label: String) async throws -> CallbackResult {
        guard let latest = await sentMessages(bot: bot, receiver: user.id).last, let keyboard = latest.keyboardObject else {
            throw FakeError.invalid("the bot's latest message to \(user.id) shows no keyboard")
        }
        let buttons = keyboard["Buttons"] as? [[String: Any]] ?? []
        guard let button = buttons.first(where: { $0["Text"] as? String == label }), button["ActionType"] as? String ?? "reply" == "reply",
            let body = button["ActionBody"] as? String
        else { throw FakeError.invalid("the keyboard shown to \(user.id) has no reply button '\(label)'") }
        let silent = button["Silent"] as? Bool ?? false
        return try await state.userMessage(token: bot, user: user, message: .text(body), trackingData: latest.trackingData, silent: silent)
    }
}

extension FakeViber {
    /// "The user taps the `share-phone` button": Viber sends the user's own number as a `contact` message
    /// echoing the `tracking_data` of the message that showed the button (even if the bot wrote again since,
    /// so a test does not race the bot's other messages).
    /// - Throws: `FakeError.invalid` when no message to the user showed a share-phone button.
    @discardableResult
    public func userSharesPhone(bot: String, user: User, name: String, phoneNumber: String) async throws -> CallbackResult {
        let shown = await sentMessages(bot: bot, receiver: user.id).last { sent in
            (sent.keyboardObject?["Buttons"] as? [[String: Any]] ?? []).contains { $0["ActionType"] as? String == "share-phone" }
        }
        guard let shown else { throw FakeError.invalid("no message to \(user.id) shows a share-phone button") }
        return try await userSends(bot: bot, user: user, message: .contact(name: name, phoneNumber: phoneNumber), trackingData: shown.trackingData)
    }
}
