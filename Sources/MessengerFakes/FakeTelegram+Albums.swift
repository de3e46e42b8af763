public import Foundation

extension FakeTelegram {
    /// "The user sends an album": one `message` update per picture, all with the same `media_group_id`,
    /// the caption on the first, as Telegram delivers albums. Each picture is stored so getFile finds it.
    /// - Parameters:
    ///   - photos: The pictures' bytes (2–10, as a Telegram client allows).
    /// - Returns: The queued updates in order.
    @discardableResult
    public func sendUserAlbum(bot: String, from user: User, photos: [Data], caption: String? = nil) async throws -> [InjectedUpdate] {
        guard (2...10).contains(photos.count) else { throw FakeError.invalid("an album has 2-10 items") }
        let groupId = String(13_000_000_000_000_000 + Int64(await state.nextSequence()))
        var updates: [InjectedUpdate] = []
        for (index, bytes) in photos.enumerated() {
            let update = try await state.albumItemUpdate(token: bot, user: user, bytes: bytes, groupId: groupId, caption: index == 0 ? caption : nil)
            updates.append(try await enqueueUpdate(bot: bot, json: update))
        }
        return updates
    }
}

extension TelegramState {
    /// The `message` update (as JSON) of one album picture from `user`, its file stored under a new file_id.
    func albumItemUpdate(token: String, user: FakeTelegram.User, bytes: Data, groupId: String, caption: String?) throws -> Data {
        guard bots[token] != nil else { throw FakeTelegram.FakeError.unknownBot }
        let messageId = try mutateBot(token) { $0.nextMessageId(in: user.id) }
        let file = storeFile(token: token, bytes: bytes, fileName: nil, mimeType: "image/jpeg", kind: "photo")
        var message: [String: Any] = [
            "message_id": messageId, "from": user.json, "chat": user.privateChatJSON, "date": unixNow,
            "media_group_id": groupId, "photo": Self.mediaObject(kind: "photo", file: file),
        ]
        message["caption"] = caption
        return try JSONSerialization.data(withJSONObject: ["message": message])
    }
}
