import Foundation
import HummingbirdWebSocket
import NIOWebSocket
import SwitchboardCore
import SwitchboardEngine

/// One open inbox stream: replays, then delivers live events its operator may see, and follows
/// the operator's session while it is open.
///
/// Events come in batches (whatever is waiting when the socket is ready for more). Before each
/// batch the session and the operator's role and departments are read again, so a sign-out, an
/// expired session or a revoked one closes the socket (code 4401), and a changed role or department
/// re-scopes it (a reset frame, then only what the operator may now see).
///
/// The bus never waits for a socket: a browser that takes its frames so slowly that more than
/// ``StreamLimits/maxLag`` events wait for it is closed (code 4408) and resumes with `?after=`.
struct StreamConnection {
    /// Close code when the session behind the stream ended.
    static let signedOut = WebSocketErrorCode.unknown(4401)
    /// Close code when the client fell too far behind; it reconnects with `?after=` its last seq.
    static let fellBehind = WebSocketErrorCode.unknown(4408)
    /// Close code when the operator already holds the maximum number of streams.
    static let tooManyStreams = WebSocketErrorCode.unknown(4429)
    /// The most events sent between two session checks.
    static let batchSize = 64

    let dependencies: InboxDependencies
    let limits: StreamLimits
    let signedIn: SignedInOperator

    struct Inbound: Decodable {
        let type: String
        let conversationID: ConversationID?
    }

    func run(inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter, after: Int64?) async throws {
        let latest = try await dependencies.store.latestSeq()
        let start = StreamReplay(after: after, latest: latest, window: limits.replayWindow)
        let subscription = try await dependencies.bus.subscribe(after: start.after, whenBehind: .end(beyond: limits.maxLag))
        dependencies.metrics.streamOpened()
        defer { dependencies.metrics.streamClosed() }
        try await outbound.write(.text(StreamFrame.hello(latestSeq: latest)))
        if case .reset = start { try await outbound.write(.text(StreamFrame.reset(latestSeq: latest))) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await deliver(subscription, to: outbound) }
            group.addTask { try await receive(inbound) }
            // The client went away, the session ended or the writer failed: stop the other half too.
            _ = try await group.next()
            group.cancelAll()
        }
        await subscription.cancel()
    }

    private func deliver(_ subscription: EventSubscription, to outbound: WebSocketOutboundWriter) async throws {
        var viewer = signedIn.viewer
        do {
            for try await batch in subscription.batches(max: Self.batchSize) {
                guard let current = try await currentViewer() else {
                    try await outbound.close(Self.signedOut, reason: "session ended")
                    return
                }
                if current != viewer {
                    viewer = current
                    try await outbound.write(.text(StreamFrame.reset(latestSeq: batch[0].seq - 1)))
                }
                var scopes = ScopeCache()
                for event in batch {
                    guard try await visible(event, to: viewer, scopes: &scopes) else { continue }
                    try await outbound.write(.text(StreamFrame.encode(event)))
                }
            }
        } catch is EventSubscriptionOverflow {
            try await outbound.close(Self.fellBehind, reason: "fell behind; resume with after")
        }
    }

    private func receive(_ inbound: WebSocketInboundStream) async throws {
        for try await message in inbound.messages(maxSize: 64 * 1024) {
            guard case .text(let text) = message,
                let frame = try? JSONResponse.decoder.decode(Inbound.self, from: Data(text.utf8)),
                frame.type == "typing", let id = frame.conversationID,
                let viewer = try await currentViewer(),
                let summary = try await dependencies.store.conversationSummary(id, viewer: viewer)
            else { continue }
            try? await dependencies.inbox.typing(in: summary)
        }
    }

    /// The operator's viewer as the store has it now; nil once the session is gone or expired.
    private func currentViewer() async throws -> Viewer? {
        let store = dependencies.store
        guard let session = try await store.session(tokenHash: signedIn.session.tokenHash, now: Date()),
            session.operatorID == signedIn.account.id,
            let (_, viewer) = try await store.viewer(session.operatorID)
        else { return nil }
        return viewer
    }

    /// The conversations' scopes read while sending one batch: what the store says now holds for
    /// every event of the batch alike, so each conversation or contact is read once.
    struct ScopeCache {
        var conversations: [ConversationID: [ConversationScope]] = [:]
        var contacts: [ContactID: [ConversationScope]] = [:]
    }

    private func visible(_ event: Event, to viewer: Viewer, scopes cache: inout ScopeCache) async throws -> Bool {
        let audience = StreamAudience(of: event)
        guard audience.needsScopes(for: viewer) else { return true }
        let scopes: [ConversationScope]
        switch audience {
        case .everyone:
            scopes = []
        case .conversation(let id):
            if let known = cache.conversations[id] {
                scopes = known
            } else {
                scopes = try await dependencies.store.conversationScopes(conversation: id)
                cache.conversations[id] = scopes
            }
        case .contact(let id):
            if let known = cache.contacts[id] {
                scopes = known
            } else {
                scopes = try await dependencies.store.conversationScopes(contact: id)
                cache.contacts[id] = scopes
            }
        }
        return audience.admits(viewer, scopes: scopes)
    }
}
