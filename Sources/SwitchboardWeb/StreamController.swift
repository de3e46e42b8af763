import Foundation
import HTTPTypes
public import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore
import SwitchboardCore
import SwitchboardEngine

/// `GET /api/v1/stream` (WebSocket): every committed event the operator may see, in seq order.
/// `?after=SEQ` replays exactly what was missed first. Operators send `{"type":"typing"}` frames.
public struct StreamController: Sendable {
    let dependencies: InboxDependencies

    /// Creates the controller.
    public init(dependencies: InboxDependencies) {
        self.dependencies = dependencies
    }

    struct Hello: Encodable {
        let type = "hello"
        let latestSeq: Int64
    }

    struct Inbound: Decodable {
        let type: String
        let conversationID: ConversationID?
    }

    /// Adds the WebSocket route.
    public func register(on router: Hummingbird.Router<InboxRequestContext>) {
        router.ws("api/v1/stream") { request, context in
            guard context.signedIn != nil else { throw APIError(.unauthorized, code: "unauthenticated", message: "Sign in first.") }
            if let raw = request.uri.queryParameters["after"], Int64(raw) == nil {
                throw APIError(.badRequest, code: "invalid_after", message: "after must be a sequence number.")
            }
            return .upgrade([:])
        } onUpgrade: { inbound, outbound, wsContext in
            guard let signedIn = wsContext.requestContext.signedIn else { return }
            let after = wsContext.request.uri.queryParameters["after"].flatMap { Int64($0) }
            let subscription = try await dependencies.bus.subscribe(after: after)
            dependencies.metrics.streamOpened()
            defer { dependencies.metrics.streamClosed() }
            let latest = try await dependencies.store.latestSeq()
            try await outbound.write(.text(String(decoding: try JSONResponse.encoder.encode(Hello(latestSeq: latest)), as: UTF8.self)))
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for try await event in subscription {
                        // A deactivated operator, or one whose password was reset, is signed out here too.
                        if try await revokes(event, signedIn) { return }
                        guard try await visible(event, to: signedIn.viewer) else { continue }
                        try await outbound.write(.text(StreamFrame.encode(event)))
                    }
                }
                group.addTask {
                    for try await message in inbound.messages(maxSize: 64 * 1024) {
                        guard case .text(let text) = message,
                            let frame = try? JSONResponse.decoder.decode(Inbound.self, from: Data(text.utf8)),
                            frame.type == "typing", let id = frame.conversationID,
                            let summary = try await dependencies.store.conversationSummary(id, viewer: signedIn.viewer)
                        else { continue }
                        try? await dependencies.inbox.typing(in: summary)
                    }
                }
                // The client went away (or the writer failed): stop the other half too.
                _ = try await group.next()
                group.cancelAll()
            }
            await subscription.cancel()
        }
    }

    /// Whether `event` revoked the sessions of this stream's operator, this one among them.
    private func revokes(_ event: Event, _ signedIn: SignedInOperator) async throws -> Bool {
        guard event.kind == .operatorSessionsRevoked, JSONValue.parse(event.payload)?["operatorID"]?.intValue == signedIn.account.id.rawValue
        else { return false }
        return try await dependencies.store.session(tokenHash: signedIn.session.tokenHash, now: Date()) == nil
    }

    private func visible(_ event: Event, to viewer: Viewer) async throws -> Bool {
        if viewer.seesAllDepartments { return true }
        guard let conversationID = event.conversationID else { return true }
        return try await dependencies.store.conversationSummary(conversationID, viewer: viewer) != nil
    }
}

/// The JSON text of one event frame.
enum StreamFrame {
    static func encode(_ event: Event) -> String {
        func id(_ value: Int64?) -> String { value.map(String.init) ?? "null" }
        let millis = Int64((event.occurredAt.timeIntervalSince1970 * 1000).rounded())
        // The payload is already JSON written by the store; embedding it avoids a decode/encode round trip.
        return #"{"type":"event","seq":\#(event.seq),"kind":"\#(event.kind.rawValue)","conversationID":\#(id(event.conversationID?.rawValue)),"#
            + #""messageID":\#(id(event.messageID?.rawValue)),"contactID":\#(id(event.contactID?.rawValue)),"occurredAt":\#(millis),"data":\#(event.payload)}"#
    }
}
