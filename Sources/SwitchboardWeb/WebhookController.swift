public import Foundation
import HTTPTypes
public import Hummingbird
import Logging
import NIOCore
public import SwitchboardCore

/// `POST /webhooks/{kind}/{channel}`: hands the raw body to the channel's `WebhookEndpoint`.
///
/// The controller parses nothing: the channel verifies its messenger's secret or signature over
/// the exact bytes first. Unknown channels get 404 and oversized bodies 413, both as JSON errors.
public struct WebhookController<Context: RequestContext>: Sendable {
    /// Largest webhook body accepted; Telegram updates and Viber callbacks are a few KiB.
    public static var maxBodyBytes: Int { 1 << 20 }

    let registry: any WebhookEndpointRegistry
    let metrics: ServerMetrics?

    /// Creates the controller; with `metrics`, each webhook's handling time is recorded.
    public init(registry: any WebhookEndpointRegistry, metrics: ServerMetrics? = nil) {
        self.registry = registry
        self.metrics = metrics
    }

    /// The webhook route.
    public var routes: RouteCollection<Context> {
        let routes = RouteCollection(context: Context.self)
        routes.post("webhooks/:kind/:channel") { request, context in
            try await handle(request, context: context)
        }
        return routes
    }

    private func handle(_ request: Request, context: Context) async throws -> Response {
        let kindName = try context.parameters.require("kind")
        let channel = try context.parameters.require("channel")
        guard let kind = ChannelKind(rawValue: kindName), let endpoint = await registry.endpoint(kind: kind, channelName: channel) else {
            throw APIError(.notFound, code: "unknown_channel", message: "No \(kindName) channel named '\(channel)' receives webhooks here.")
        }
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: Self.maxBodyBytes)
        } catch {
            throw APIError(.contentTooLarge, code: "body_too_large", message: "Webhook bodies are limited to \(Self.maxBodyBytes) bytes.")
        }
        var headers: [String: String] = [:]
        for field in request.headers {
            headers[field.name.canonicalName] = field.value
        }
        var query: [String: String] = [:]
        for (name, value) in request.uri.queryParameters {
            query[String(name)] = String(value)
        }
        let started = ContinuousClock.now
        let answer = await endpoint.handle(WebhookRequest(headers: headers, query: query, body: Data(body.readableBytesView)))
        metrics?.recordWebhook(kind: kind.rawValue, accepted: answer.errorCode == nil, duration: ContinuousClock.now - started)
        if let code = answer.errorCode {
            context.logger.info("webhook refused", metadata: ["kind": "\(kindName)", "channel": "\(channel)", "status": "\(answer.status)"])
            throw APIError(.init(code: answer.status), code: code, message: answer.errorMessage ?? code)
        }
        var responseHeaders = HTTPFields()
        responseHeaders[.contentType] = "application/json; charset=utf-8"
        let json = answer.jsonBody ?? Data("{}".utf8)
        return Response(status: .init(code: answer.status), headers: responseHeaders, body: .init(byteBuffer: ByteBuffer(bytes: json)))
    }
}
