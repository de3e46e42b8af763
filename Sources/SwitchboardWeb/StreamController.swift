public import Foundation
import HTTPTypes
public import Hummingbird
import HummingbirdWebSocket
import NIOCore
public import SwitchboardCore
import SwitchboardEngine

/// `GET /api/v1/stream` (WebSocket): every committed event the operator may see, in seq order.
/// `?after=SEQ` replays what was missed first, within ``StreamLimits/replayWindow``; further back
/// the first frame after the hello is `{"type":"reset"}`. Operators send `{"type":"typing"}` frames.
///
/// The upgrade is refused with 401 without a session, 403 `bad_origin` from a foreign page and 429
/// `too_many_streams` when the operator already holds ``StreamLimits/streamsPerOperator`` streams.
public struct StreamController: Sendable {
    let dependencies: InboxDependencies
    /// `SWITCHBOARD_PUBLIC_URL`: a browser may open the stream only from this origin or the request's host.
    let publicURL: URL
    let limits: StreamLimits
    let open = OpenStreams()

    /// Creates the controller.
    public init(dependencies: InboxDependencies, publicURL: URL, limits: StreamLimits = StreamLimits()) {
        self.dependencies = dependencies
        self.publicURL = publicURL
        self.limits = limits
    }

    /// Adds the WebSocket route.
    public func register(on router: Hummingbird.Router<InboxRequestContext>) {
        router.ws("api/v1/stream") { request, context in
            try await admit(request, context)
            return .upgrade([:])
        } onUpgrade: { inbound, outbound, wsContext in
            guard let signedIn = wsContext.requestContext.signedIn else { return }
            // Two upgrades racing past `admit` cannot both take the last place.
            guard await open.enter(signedIn.account.id, limit: limits.streamsPerOperator) else {
                try await outbound.close(StreamConnection.tooManyStreams, reason: "too many streams")
                return
            }
            let after = wsContext.request.uri.queryParameters["after"].flatMap { Int64($0) }
            let connection = StreamConnection(dependencies: dependencies, limits: limits, signedIn: signedIn)
            do {
                try await connection.run(inbound: inbound, outbound: outbound, after: after)
            } catch {
                await open.leave(signedIn.account.id)
                throw error
            }
            await open.leave(signedIn.account.id)
        }
    }

    /// Refuses an upgrade the operator may not have; runs before any socket exists.
    /// The check is by hand here: a `ws` route needs the parent context, and a child context such as
    /// ``OperatorRequestContext`` is not a `WebSocketRequestContext`.
    private func admit(_ request: Request, _ context: InboxRequestContext) async throws {
        let signedIn = try context.requireOperator()
        // A cross-site page cannot read the stream with the operator's cookie (cross-site WebSocket hijacking).
        guard OriginRule.allowsUpgrade(origin: request.headers[.origin], publicURL: publicURL, host: request.head.authority) else {
            throw APIError(.forbidden, code: "bad_origin", message: "The stream is open only to the desk's own page.")
        }
        if let raw = request.uri.queryParameters["after"], Int64(raw) == nil {
            throw APIError(.badRequest, code: "invalid_after", message: "after must be a sequence number.")
        }
        guard await open.count(of: signedIn.account.id) < limits.streamsPerOperator else {
            throw APIError(
                .tooManyRequests,
                code: "too_many_streams",
                message: "You have \(limits.streamsPerOperator) inbox streams open already; close a tab first."
            )
        }
    }
}
