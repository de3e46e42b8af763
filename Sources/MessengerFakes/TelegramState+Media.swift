import Foundation

extension TelegramState {
    /// Largest upload accepted (the server's request limit).
    static let uploadLimit = 50 * 1024 * 1024
    /// Largest photo Telegram keeps as a photo; a bigger one is refused with `PHOTO_SAVE_FILE_INVALID`.
    static let photoLimit = 10 * 1024 * 1024

    /// sendPhoto / sendDocument / sendVoice / sendAudio / sendVideo.
    func sendMedia(_ request: BotRequest, method: String) throws -> Any {
        let kind = String(method.dropFirst(4)).lowercased()
        let chatId = try targetChat(request)
        let caption = try checkedCaption(request.params["caption"], parseMode: request.params["parse_mode"])
        let file = try resolveMedia(request, reference: request.params[kind], field: kind, kind: kind)
        try checkReplyMarkup(request)
        try admit(token: request.token, chatId: chatId)
        var message = newMessage(token: request.token, chatId: chatId, request: request)
        message[kind] = Self.mediaObject(kind: kind, file: file)
        message["caption"] = caption
        keep(message, token: request.token, chatId: chatId, plainText: caption ?? "", replyMarkup: request.params["reply_markup"])
        record(request, method: method, chatId: chatId, messageIds: [message["message_id"] as? Int ?? 0])
        return message
    }

    /// sendMediaGroup: 2–10 items; documents and audios only with their own kind.
    func sendMediaGroup(_ request: BotRequest) throws -> Any {
        let chatId = try targetChat(request)
        guard let items = request.json("media") as? [[String: Any]] else {
            throw BotAPIError.badRequest("can't parse media JSON object")
        }
        guard (2...10).contains(items.count) else { throw BotAPIError.badRequest("media group must contain 2-10 items") }
        let kinds = items.map { $0["type"] as? String ?? "" }
        for exclusive in ["document", "audio"] where kinds.contains(exclusive) && Set(kinds).count > 1 {
            throw BotAPIError.badRequest("\(exclusive) can't be mixed with other media types")
        }
        let files = try items.enumerated().map { index, item in
            let kind = kinds[index]
            guard ["photo", "video", "document", "audio"].contains(kind) else {
                throw BotAPIError.badRequest("unsupported media type \"\(kind)\" in media group")
            }
            _ = try checkedCaption(item["caption"] as? String, parseMode: item["parse_mode"] as? String)
            return try resolveMedia(request, reference: item["media"] as? String, field: "media", kind: kind)
        }
        // One flood-control token per album: the fake treats an album as one send.
        try admit(token: request.token, chatId: chatId)
        let groupId = String(10_000_000 + nextSequence())
        var messages: [[String: Any]] = []
        for (index, item) in items.enumerated() {
            var message = newMessage(token: request.token, chatId: chatId, request: request)
            message["media_group_id"] = groupId
            message[kinds[index]] = Self.mediaObject(kind: kinds[index], file: files[index])
            message["caption"] = item["caption"] as? String
            keep(message, token: request.token, chatId: chatId, plainText: item["caption"] as? String ?? "", replyMarkup: nil)
            messages.append(message)
        }
        let ids = messages.map { $0["message_id"] as? Int ?? 0 }
        record(request, method: "sendMediaGroup", chatId: chatId, messageIds: ids, caption: items.first?["caption"] as? String)
        return messages
    }

    private func checkedCaption(_ caption: String?, parseMode: String?) throws -> String? {
        guard let caption, !caption.isEmpty else { return nil }
        let plain = try MarkupParser.plainText(caption, parseMode: parseMode)
        guard plain.unicodeScalars.count <= 1024 else { throw BotAPIError.badRequest("message caption is too long") }
        return plain
    }

    /// Finds the file a media field means: an upload, an `attach://` part, a known file_id or a URL.
    private func resolveMedia(_ request: BotRequest, reference: String?, field: String, kind: String) throws -> BotState.StoredFile {
        let token = request.token
        let upload: UploadedFile
        if let reference, reference.hasPrefix("attach://") {
            guard let attached = request.files[String(reference.dropFirst("attach://".count))] else {
                throw BotAPIError.badRequest("can't find attached file \"\(reference)\"")
            }
            upload = attached
        } else if field != "media", let direct = request.files[field] {
            upload = direct
        } else {
            guard let reference, !reference.isEmpty else { throw BotAPIError.missing(field) }
            if let known = bots[token]?.files[reference] { return known }
            guard reference.hasPrefix("http://") || reference.hasPrefix("https://") else {
                throw BotAPIError.badRequest("wrong file identifier/HTTP URL specified")
            }
            // Telegram would fetch the URL; the fake stores an empty file under a new id instead.
            return storeFile(token: token, bytes: Data(), fileName: URL(string: reference)?.lastPathComponent, mimeType: nil, kind: kind)
        }
        guard upload.bytes.count <= Self.uploadLimit else {
            throw BotAPIError(code: 413, description: "Request Entity Too Large")
        }
        if kind == "photo" { try checkPhoto(upload.bytes) }
        return storeFile(token: token, bytes: upload.bytes, fileName: upload.fileName, mimeType: upload.mimeType, kind: kind)
    }

    /// Telegram's photo limits: 10 MB, and a width and height it can show (see `ImageDimensions.fitsPhoto`).
    /// Bytes that are no PNG or JPEG are let through: the fake does not decode images.
    private func checkPhoto(_ bytes: Data) throws {
        guard bytes.count <= Self.photoLimit else { throw BotAPIError.badRequest("PHOTO_SAVE_FILE_INVALID") }
        if let size = ImageDimensions(bytes), !size.fitsPhoto { throw BotAPIError.badRequest("PHOTO_INVALID_DIMENSIONS") }
    }

    /// The Bot API object describing a file of `kind` inside a Message.
    static func mediaObject(kind: String, file: BotState.StoredFile) -> Any {
        var object: [String: Any] = ["file_id": file.fileId, "file_unique_id": file.uniqueId, "file_size": file.bytes.count]
        switch kind {
        case "photo":
            let size = ImageDimensions(file.bytes)
            object["width"] = size?.width ?? 1280
            object["height"] = size?.height ?? 960
            let thumbnail: [String: Any] = [
                "file_id": file.fileId + "-s", "file_unique_id": file.uniqueId + "s", "width": 90, "height": 68, "file_size": 0,
            ]
            return [thumbnail, object]
        case "voice", "audio":
            object["duration"] = 1
        case "video":
            object["width"] = 640
            object["height"] = 360
            object["duration"] = 1
        default:
            break
        }
        object["file_name"] = kind == "voice" ? nil : file.fileName
        object["mime_type"] = file.mimeType
        return object
    }
}
