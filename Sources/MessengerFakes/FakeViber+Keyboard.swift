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
