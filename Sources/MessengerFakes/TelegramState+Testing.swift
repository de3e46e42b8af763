import Foundation

extension TelegramState {
    /// Runs `body` on a bot's state.
    /// - Throws: `FakeTelegram.FakeError.unknownBot`.
    @discardableResult
    func mutateBot<T: Sendable>(_ token: String, _ body: @Sendable (inout BotState) -> T) throws -> T {
        guard var bot = bots[token] else { throw FakeTelegram.FakeError.unknownBot }
        let result = body(&bot)
        bots[token] = bot
        return result
    }

    /// Reads from a bot's state; `fallback` for unknown bots.
    func readBot<T: Sendable>(_ token: String, fallback: T, _ body: @Sendable (BotState) -> T) -> T {
        bots[token].map(body) ?? fallback
    }

    /// Queues an Update given as JSON text.
    func enqueue(token: String, json: Data) throws -> FakeTelegram.InjectedUpdate {
        guard bots[token] != nil else { throw FakeTelegram.FakeError.unknownBot }
        guard let object = try? JSONSerialization.jsonObject(with: json) as? [String: Any] else {
            throw FakeTelegram.FakeError.invalid("an update must be a JSON object")
        }
        do {
            return try enqueue(token: token, update: object)
        } catch let error as BotAPIError {
            throw FakeTelegram.FakeError.invalid(error.description)
        }
    }

    /// Stores a file under a chosen `file_id`.
    func addFile(token: String, fileId: String, bytes: Data, fileName: String?, mimeType: String?) throws -> String {
        guard bots[token] != nil else { throw FakeTelegram.FakeError.unknownBot }
        return storeFile(token: token, bytes: bytes, fileName: fileName, mimeType: mimeType, kind: "document", fileId: fileId).path
    }

    /// Blocks or unblocks a chat for every bot.
    func setBlocked(_ chatId: Int64, _ blocked: Bool) {
        if blocked { blockedChats.insert(chatId) } else { blockedChats.remove(chatId) }
    }
}
