public import Foundation
import Hummingbird
import NIOCore

/// A fake Viber REST Bot API on 127.0.0.1 that validates like Viber and signs its callbacks.
///
/// Start it, add bots, point a client at ``apiURL`` instead of `https://chatapi.viber.com/pa`,
/// then play the user's side (``userOpensChat(bot:user:context:subscribed:)``, ``userSends(bot:user:message:trackingData:)``)
/// and read what the bot sent (``sentMessages(bot:receiver:)``). Faults and commercial modes are injectable.
/// The files users send are hosted at expiring media URLs (``hostMedia(_:fileName:contentType:lifetime:)``).
///
/// ```swift
/// var configuration = FakeViber.Configuration()
/// configuration.allowInsecureWebhooks = true  // the bridge listens on http://127.0.0.1
/// let viber = try await FakeViber.start(configuration: configuration)
/// await viber.addBot(token: "4453b6ac-1f2a", name: "Acme Support", uri: "acmesupport")
/// // the bridge calls set_webhook, then:
/// let result = try await viber.userSends(bot: "4453b6ac-1f2a", user: ann, message: .text("hi"))
/// ```
public struct FakeViber: Sendable {
    /// Where the server listens, e.g. `http://127.0.0.1:49152`.
    public let baseURL: URL
    /// The state every request and test call goes through.
    let state: ViberState
    private let server: FakeHTTPServer

    /// Errors of the test-facing API.
    public enum FakeError: Error, Equatable {
        /// No bot with this token was added.
        case unknownBot
        /// The bot has no webhook, so Viber would have nowhere to send the callback.
        case webhookNotSet
        /// The input could not be used; the text says why.
        case invalid(String)
    }

    /// Starts a server on an ephemeral port.
    /// - Parameter configuration: Limits, webhook policy, retries and clock.
    /// - Throws: When the server cannot bind.
    public static func start(configuration: Configuration = .init()) async throws -> FakeViber {
        let state = ViberState(config: configuration)
        let server = try await FakeHTTPServer.start { request, context in
            var request = request
            let answer = await respond(to: &request, state: state, maxBody: configuration.maxBodyBytes)
            if answer.dropConnection {
                // Close before answering so the client sees a dropped connection, not a status.
                try? await context.channel.close()
                return Response(status: .internalServerError)
            }
            return Response(
                status: .init(code: answer.status),
                headers: [.contentType: answer.contentType],
                body: .init(byteBuffer: ByteBuffer(bytes: answer.body))
            )
        }
        return FakeViber(baseURL: server.baseURL, state: state, server: server)
    }

    /// Stops sending callbacks and shuts the server down gracefully.
    public func stop() async {
        await state.shutdown()
        await server.stop()
    }

    /// The REST API base to configure in a client: methods are at `<apiURL>/<method>`.
    public var apiURL: URL { baseURL.appendingPathComponent("pa") }

    /// The URL of one method, e.g. `send_message`.
    public func methodURL(_ method: String) -> URL { apiURL.appendingPathComponent(method) }

    /// The signature Viber puts in `X-Viber-Content-Signature`: hex HMAC-SHA256 of `body` keyed by `token`.
    public static func signature(of body: Data, token: String) -> String { ViberSignature.sign(body, key: token) }

    private static func respond(to request: inout Request, state: ViberState, maxBody: Int) async -> BotResponse {
        let path = request.uri.path
        if path.hasPrefix(ViberMediaHost.pathPrefix) {
            guard request.method == .get || request.method == .head else {
                return BotResponse(status: 405, body: Data("Method Not Allowed".utf8), contentType: "text/plain")
            }
            return await state.serveMedia(path: path)
        }
        guard path.hasPrefix("/pa/") else { return notFound }
        let method = String(path.dropFirst("/pa/".count))
        guard ViberState.methods.contains(method) else { return notFound }
        guard request.method == .post else {
            return BotResponse(status: 405, body: Data("Method Not Allowed".utf8), contentType: "text/plain")
        }
        let token = request.headers.first { $0.name.canonicalName == "x-viber-auth-token" }?.value
        // One byte over the limit is enough to know the body is too big; nil tells the state so.
        let body = try? await request.collectBody(upTo: maxBody + 1)
        return await state.handle(method: method, token: token, body: body.map { Data($0.readableBytesView) })
    }

    private static let notFound = BotResponse(status: 404, body: Data("Not Found".utf8), contentType: "text/plain")
}
