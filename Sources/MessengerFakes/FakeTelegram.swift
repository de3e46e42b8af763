public import Foundation
import Hummingbird
import NIOCore

/// A fake Telegram Bot API server on 127.0.0.1, checked against the Bot API spec.
///
/// Start it, register bots, point a client at ``baseURL`` instead of `https://api.telegram.org`,
/// then play the user's side (``sendUserMessage(bot:from:text:)``, `enqueueUpdate(bot:json:)`)
/// and inspect what the bot sent (``sentMessages(bot:chatId:)``). Faults and flood limits are injectable.
///
/// ```swift
/// let telegram = try await FakeTelegram.start()
/// await telegram.addBot(token: "123:ABC", username: "desk_bot", firstName: "Desk")
/// try await telegram.sendUserMessage(bot: "123:ABC", from: .init(id: 5_000_000_001, firstName: "Ann"), text: "hi")
/// ```
public struct FakeTelegram: Sendable {
    /// Where the server listens, e.g. `http://127.0.0.1:49152`; methods are at `<baseURL>/bot<token>/<method>`.
    public let baseURL: URL
    /// The state every request and test call goes through.
    let state: TelegramState
    private let server: FakeHTTPServer

    /// Errors of the test-facing API.
    public enum FakeError: Error, Equatable {
        /// No bot with this token was added.
        case unknownBot
        /// The update or file could not be accepted; the text says why.
        case invalid(String)
    }

    /// Starts a server on an ephemeral port.
    /// - Parameter configuration: Limits, webhook policy and clock.
    /// - Throws: When the spec resource cannot be loaded or the server cannot bind.
    public static func start(configuration: Configuration = .init()) async throws -> FakeTelegram {
        let state = TelegramState(spec: try TelegramSpec.bundled(), config: configuration)
        let server = try await FakeHTTPServer.start { request, context in
            var request = request
            let answer = await respond(to: &request, state: state)
            if answer.dropConnection {
                // Close before answering so the client sees a dropped connection, not a status.
                try? await context.channel.close()
                return Response(status: .internalServerError)
            }
            var headers = HTTPFields()
            headers[.contentType] = answer.contentType
            if let retryAfter = answer.retryAfter { headers[.retryAfter] = String(retryAfter) }
            return Response(
                status: .init(code: answer.status),
                headers: headers,
                body: .init(byteBuffer: ByteBuffer(bytes: answer.body))
            )
        }
        return FakeTelegram(baseURL: server.baseURL, state: state, server: server)
    }

    /// Ends waiting polls and webhook deliveries, then shuts the server down gracefully.
    public func stop() async {
        await state.shutdown()
        await server.stop()
    }

    /// The URL of a Bot API method for `token`.
    public func methodURL(token: String, method: String) -> URL {
        baseURL.appendingPathComponent("bot\(token)").appendingPathComponent(method)
    }

    /// The download URL of a `file_path` returned by getFile.
    public func fileURL(token: String, filePath: String) -> URL {
        baseURL.appendingPathComponent("file").appendingPathComponent("bot\(token)").appendingPathComponent(filePath)
    }

    private static func respond(to request: inout Request, state: TelegramState) async -> BotResponse {
        let path = request.uri.path.removingPercentEncoding ?? request.uri.path
        if path.hasPrefix("/file/bot") {
            let rest = path.dropFirst("/file/bot".count)
            guard let slash = rest.firstIndex(of: "/") else { return .failure(.notFound) }
            return await state.download(token: String(rest[..<slash]), path: String(rest[rest.index(after: slash)...]))
        }
        guard path.hasPrefix("/bot") else { return .failure(.notFound) }
        let rest = path.dropFirst("/bot".count)
        guard let slash = rest.firstIndex(of: "/") else { return .failure(.notFound) }
        let method = rest[rest.index(after: slash)...]
        guard !method.isEmpty, !method.contains("/") else { return .failure(.notFound) }
        do {
            let call = try await BotRequest.decode(&request, token: String(rest[..<slash]), method: String(method))
            return await state.handle(call)
        } catch let error as BotAPIError {
            return .failure(error)
        } catch {
            return .failure(BotAPIError(code: 413, description: "Request Entity Too Large"))
        }
    }
}
