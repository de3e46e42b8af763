import Foundation
import MessengerFakes

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A Bot API client for the tests: real HTTP over URLSession, answers decoded into the envelope.
struct BotClient: Sendable {
    /// One decoded answer.
    struct Answer {
        /// HTTP status.
        var status: Int
        /// The decoded `{ok, result | error_code, description, parameters}` object.
        var envelope: [String: Any]
        /// Value of the `Retry-After` header.
        var retryAfterHeader: String?
        /// Raw body.
        var body: Data

        /// `ok`.
        var ok: Bool { envelope["ok"] as? Bool ?? false }
        /// `description`.
        var description: String? { envelope["description"] as? String }
        /// `error_code`.
        var errorCode: Int? { envelope["error_code"] as? Int }
        /// `result` as an object.
        var object: [String: Any] { envelope["result"] as? [String: Any] ?? [:] }
        /// `result` as an array of objects.
        var array: [[String: Any]] { envelope["result"] as? [[String: Any]] ?? [] }
        /// `parameters.retry_after`.
        var retryAfter: Int? { (envelope["parameters"] as? [String: Any])?["retry_after"] as? Int }
    }

    /// The fake under test.
    let telegram: FakeTelegram
    /// Token used in the URL.
    let token: String

    private static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 60
        return URLSession(configuration: configuration)
    }()

    /// Calls `method` with parameters as JSON body.
    func call(_ method: String, _ parameters: [String: any Sendable] = [:]) async throws -> Answer {
        var request = URLRequest(url: telegram.methodURL(token: token, method: method))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = try JSONSerialization.data(withJSONObject: parameters)
        return try await send(request)
    }

    /// Calls `method` with parameters in the query string of a GET.
    func get(_ method: String, query: [String: String]) async throws -> Answer {
        var components = URLComponents(url: telegram.methodURL(token: token, method: method), resolvingAgainstBaseURL: false)!
        components.queryItems = query.map { URLQueryItem(name: $0.key, value: $0.value) }
        return try await send(URLRequest(url: components.url!))
    }

    /// Calls `method` with an `application/x-www-form-urlencoded` body.
    func form(_ method: String, _ fields: [String: String]) async throws -> Answer {
        var request = URLRequest(url: telegram.methodURL(token: token, method: method))
        request.httpMethod = "POST"
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        request.httpBody = Data(
            fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed)!)" }.joined(separator: "&").utf8
        )
        return try await send(request)
    }

    /// Calls `method` with a `multipart/form-data` body: text fields plus files (field, name, MIME, bytes).
    func multipart(
        _ method: String,
        fields: [String: String],
        files: [(field: String, name: String, mime: String, bytes: Data)]
    ) async throws
        -> Answer
    {
        let boundary = "----fake-boundary-\(UUID().uuidString)"
        var body = Data()
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        for file in files {
            body += Data(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.name)\"\r\nContent-Type: \(file.mime)\r\n\r\n"
                    .utf8
            )
            body += file.bytes + Data("\r\n".utf8)
        }
        body += Data("--\(boundary)--\r\n".utf8)
        var request = URLRequest(url: telegram.methodURL(token: token, method: method))
        request.httpMethod = "POST"
        request.setValue("multipart/form-data; boundary=\(boundary)", forHTTPHeaderField: "Content-Type")
        request.httpBody = body
        return try await send(request)
    }

    /// GETs any URL and returns status and body.
    func download(_ url: URL) async throws -> (status: Int, body: Data) {
        let (data, response) = try await Self.session.data(for: URLRequest(url: url))
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }

    private func send(_ request: URLRequest) async throws -> Answer {
        let (data, response) = try await Self.session.data(for: request)
        let http = response as? HTTPURLResponse
        let envelope = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        return Answer(status: http?.statusCode ?? 0, envelope: envelope, retryAfterHeader: http?.value(forHTTPHeaderField: "Retry-After"), body: data)
    }
}

/// Starts a fake with one bot, runs `body`, and always stops the fake.
func withFakeTelegram<T>(
    _ configuration: FakeTelegram.Configuration = .init(),
    token: String = "123456:TEST-token",
    _ body: (FakeTelegram, BotClient) async throws -> T
) async throws -> T {
    let telegram = try await FakeTelegram.start(configuration: configuration)
    await telegram.addBot(token: token, username: "desk_bot", firstName: "Desk")
    do {
        let result = try await body(telegram, BotClient(telegram: telegram, token: token))
        await telegram.stop()
        return result
    } catch {
        await telegram.stop()
        throw error
    }
}

/// A user with an id above 2^32, to catch 32-bit truncation.
let ann = FakeTelegram.User(id: 5_000_000_001, firstName: "Ann", lastName: "Lee", username: "ann", languageCode: "en")
