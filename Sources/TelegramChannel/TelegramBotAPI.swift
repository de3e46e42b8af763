public import CurlHTTP
public import Foundation
public import SwitchboardCore

/// A Bot API client for one bot over any ``HTTPTransport``.
///
/// The token lives only in the request path; `description`, logs and errors never show it
/// (CurlHTTP prints origins only and scrubs paths from its error messages).
public struct TelegramBotAPI: Sendable, CustomStringConvertible {
    /// Where and how to reach the Bot API.
    public struct Endpoint: Sendable, Equatable {
        /// The official server.
        public static let officialURL = "https://api.telegram.org"

        /// Base URL without trailing slash: the official server, a self-hosted `telegram-bot-api`, or a fake.
        public var baseURL: String
        /// A proxy for this bot only (`socks5h://…`, `http://…`); nil uses the transport's own setting.
        public var proxy: String?

        /// Creates an endpoint.
        public init(baseURL: String = Endpoint.officialURL, proxy: String? = nil) {
            self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
            self.proxy = proxy
        }
    }

    let transport: any HTTPTransport
    let token: String
    /// Where requests go.
    public let endpoint: Endpoint
    /// Time limit of ordinary calls; long polls add their own timeout on top.
    public var requestTimeout: Duration = .seconds(30)

    /// Creates a client.
    /// - Parameters:
    ///   - token: The bot token from @BotFather; never printed.
    ///   - endpoint: Base URL and proxy.
    ///   - transport: Usually a shared `CurlTransport`.
    public init(token: String, endpoint: Endpoint = Endpoint(), transport: any HTTPTransport) {
        self.token = token
        self.endpoint = endpoint
        self.transport = transport
    }

    public var description: String { "TelegramBotAPI(\(endpoint.baseURL))" }

    /// Calls a Bot API method and decodes its `result`.
    /// - Parameters:
    ///   - method: The method name, e.g. `sendMessage`.
    ///   - parameters: Sent as a JSON body, or as multipart fields when `files` is not empty.
    ///   - files: Uploads, sent as `multipart/form-data`.
    ///   - timeout: Time limit of this call; nil uses ``requestTimeout``.
    /// - Throws: ``TelegramAPIError``, or `CancellationError` when the task is cancelled.
    public func call<Result: Decodable>(
        _ method: String,
        _ parameters: [String: JSONValue] = [:],
        files: [MultipartPart] = [],
        timeout: Duration? = nil,
        as type: Result.Type = Result.self
    ) async throws -> Result {
        let body: HTTPBody
        if files.isEmpty {
            body = .json(try JSONEncoder().encode(parameters))
        } else {
            let fields = parameters.sorted { $0.key < $1.key }.map { MultipartPart.field(name: $0.key, value: $0.value.formText) }
            body = .multipart(fields + files)
        }
        let request = CurlHTTP.HTTPRequest(
            method: .post,
            url: "\(endpoint.baseURL)/bot\(token)/\(method)",
            body: body,
            timeout: timeout ?? requestTimeout,
            proxy: endpoint.proxy.map { .url($0) }
        )
        let response = try await send(request)
        return try Self.decode(response, as: Result.self)
    }

    /// Downloads a file named by getFile's `file_path`.
    /// - Throws: ``TelegramAPIError``; a missing or expired file is `.api(code: 404, …)`.
    public func download(filePath: String, timeout: Duration = .seconds(120)) async throws -> Data {
        let request = CurlHTTP.HTTPRequest(
            url: "\(endpoint.baseURL)/file/bot\(token)/\(filePath)",
            timeout: timeout,
            proxy: endpoint.proxy.map { .url($0) }
        )
        let response = try await send(request)
        guard response.isSuccess else {
            return try Self.decode(response, as: Data.self)
        }
        return response.body
    }

    private func send(_ request: CurlHTTP.HTTPRequest) async throws -> CurlHTTP.HTTPResponse {
        do {
            return try await transport.send(request)
        } catch let error as CancellationError {
            throw error
        } catch let error as CurlError {
            throw TelegramAPIError.transport(error.description)
        } catch {
            throw TelegramAPIError.transport("\(type(of: error))")
        }
    }

    /// Reads the `{ok, result}` / `{ok: false, error_code, description, parameters}` envelope.
    static func decode<Result: Decodable>(_ response: CurlHTTP.HTTPResponse, as type: Result.Type) throws -> Result {
        guard let envelope = try? JSONDecoder().decode(Envelope<Result>.self, from: response.body) else {
            throw TelegramAPIError.unexpectedResponse(status: response.status)
        }
        if envelope.ok, let result = envelope.result { return result }
        let retryAfter = envelope.parameters?.retryAfter ?? response.header("Retry-After").flatMap { Int($0) }
        throw TelegramAPIError.api(
            code: envelope.errorCode ?? response.status,
            description: envelope.description ?? "no description",
            retryAfter: retryAfter,
            migrateToChatID: envelope.parameters?.migrateToChatID
        )
    }

    private struct Envelope<Result: Decodable>: Decodable {
        struct Parameters: Decodable {
            var retryAfter: Int?
            var migrateToChatID: Int64?

            enum CodingKeys: String, CodingKey {
                case retryAfter = "retry_after"
                case migrateToChatID = "migrate_to_chat_id"
            }
        }

        var ok: Bool
        var result: Result?
        var errorCode: Int?
        var description: String?
        var parameters: Parameters?

        enum CodingKeys: String, CodingKey {
            case ok, result, description, parameters
            case errorCode = "error_code"
        }
    }
}
