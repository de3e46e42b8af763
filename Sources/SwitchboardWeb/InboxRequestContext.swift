public import Hummingbird
public import HummingbirdWebSocket
import NIOCore
public import SwitchboardCore

/// The signed-in operator behind a request.
public struct SignedInOperator: Sendable {
    public let account: Operator
    public let viewer: Viewer
    public let session: OperatorSession
}

/// The request context of every route: HTTP and the WebSocket stream share one router.
public struct InboxRequestContext: RequestContext, WebSocketRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let webSocket: WebSocketHandlerReference<Self>
    /// Set by `SessionMiddleware` when the request carries a live session cookie.
    public var signedIn: SignedInOperator?
    /// Set by `APIKeyMiddleware` when the request carries a live API key as `Authorization: Bearer`
    /// and the key holds the scope the route needs.
    public var apiKey: APIKey?
    /// The TCP peer's IP address; behind the proxy it is the proxy's (see ``ClientAddress``).
    public let peerAddress: String?

    public init(source: Source) {
        self.coreContext = .init(source: source)
        self.webSocket = .init()
        self.signedIn = nil
        self.apiKey = nil
        self.peerAddress = source.channel.remoteAddress?.ipAddress
    }

    /// Request bodies beyond this are refused with 413 (uploads raise it for their route).
    public var maxUploadSize: Int { 1 << 20 }

    /// The signed-in operator.
    /// - Throws: 401 `unauthenticated` when there is no live session.
    public func requireOperator() throws -> SignedInOperator {
        guard let signedIn else { throw APIError(.unauthorized, code: "unauthenticated", message: "Sign in first.") }
        return signedIn
    }

    /// The signed-in operator, who must hold one of `roles`.
    /// - Throws: 401 without a session, 403 `forbidden` for another role.
    public func requireRole(_ roles: Set<OperatorRole>) throws -> SignedInOperator {
        let signedIn = try requireOperator()
        guard roles.contains(signedIn.account.role) else {
            throw APIError(.forbidden, code: "forbidden", message: "Your role may not do this.")
        }
        return signedIn
    }
}
