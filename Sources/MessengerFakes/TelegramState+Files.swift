import Foundation

extension TelegramState {
    /// Largest file getFile serves, as on the real server.
    static let maxDownloadSize = 20 * 1024 * 1024

    /// Stores bytes under a new `file_id` and `file_path`.
    func storeFile(token: String, bytes: Data, fileName: String?, mimeType: String?, kind: String, fileId: String? = nil) -> BotState.StoredFile {
        let number = nextSequence()
        let id = fileId ?? "AgAC\(kind.prefix(3).uppercased())\(number)FakeFileId"
        let folder = kind == "photo" ? "photos" : kind + "s"
        let suffix = fileName.flatMap { $0.split(separator: ".").count > 1 ? $0.split(separator: ".").last : nil }.map { ".\($0)" } ?? ""
        let file = BotState.StoredFile(
            fileId: id,
            uniqueId: "AQAD\(number)",
            path: "\(folder)/file_\(number)\(suffix)",
            fileName: fileName,
            mimeType: mimeType,
            bytes: bytes
        )
        bots[token]?.files[id] = file
        return file
    }

    /// getFile: describes a known file; refuses files above 20 MB.
    func getFile(_ request: BotRequest) throws -> Any {
        guard let file = bots[request.token]?.files[request.params["file_id"] ?? ""] else {
            throw BotAPIError.badRequest("invalid file_id")
        }
        guard file.bytes.count <= Self.maxDownloadSize else { throw BotAPIError.badRequest("file is too big") }
        return ["file_id": file.fileId, "file_unique_id": file.uniqueId, "file_size": file.bytes.count, "file_path": file.path] as [String: Any]
    }

    /// The fault key of file downloads (they are no Bot API method).
    static let downloadFaultKey = "file download"

    /// Serves `/file/bot<token>/<file_path>`, after an injected fault if one is due.
    func download(token: String, path: String) async -> BotResponse {
        guard bots[token] != nil else { return .failure(.unauthorized) }
        switch takeFault(token: token, method: Self.downloadFaultKey) {
        case .serverError(let code)?: return .failure(.serverError(code))
        case .tooManyRequests(let seconds)?: return .failure(.tooManyRequests(retryAfter: seconds))
        case .forbiddenBlocked?: return .failure(.blocked)
        case .dropConnection?: return BotResponse(status: 500, body: Data(), dropConnection: true)
        case .slow(let seconds)?: try? await Task.sleep(for: .seconds(seconds))
        case nil: break
        }
        guard let bot = bots[token] else { return .failure(.unauthorized) }
        guard let file = bot.files.values.first(where: { $0.path == path }), file.bytes.count <= Self.maxDownloadSize else {
            return .failure(.notFound)
        }
        return BotResponse(status: 200, body: file.bytes, contentType: file.mimeType ?? "application/octet-stream")
    }
}
