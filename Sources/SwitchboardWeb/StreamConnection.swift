import Foundation
import HummingbirdWebSocket
import NIOWebSocket
import SwitchboardCore
import SwitchboardEngine

/// One open inbox stream: replays, then delivers live events its operator may see, and follows
/// the operator's session while it is open.
///
/// Before each event (once for all the events a burst left waiting) the session and the operator's
/// role and departments are read again, so a sign-out, an expired session or a revoked one closes
/// the socket (code 4401), and a changed role or department re-scopes it (a reset frame, then only
/// what the operator may now see).
struct StreamConnection {
    /// Close code when the session behind the stream ended.
    static let signedOut = WebSocketErrorCode.unknown(4401)
    /// Close code when the operator already holds the maximum number of streams.
    static let tooManyStreams = WebSocketErrorCode.unknown(4429)

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
        let subscription = try await dependencies.bus.subscribe(after: start.after)
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
        while true {
            let events = try await subscription.nextBatch()
            guard let first = events.first else { return }
            // Every event of the batch was committed before this read, just as when the session was
            // read once per event; a burst now costs one read instead of one per event.
            guard let current = try await currentViewer() else {
                try await outbound.close(Self.signedOut, reason: "session ended")
                return
            }
            if current != viewer {
                viewer = current
                try await outbound.write(.text(StreamFrame.reset(latestSeq: first.seq - 1)))
            }
            for event in events where try await visible(event, to: viewer) {
                try await outbound.write(.text(StreamFrame.encode(event)))
            }
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

    private func visible(_ event: Event, to viewer: Viewer) async throws -> Bool {
        let audience = StreamAudience(of: event)
        guard audience.needsScopes(for: viewer) else { return true }
        let scopes: [ConversationScope]
        switch audience {
        case .everyone: scopes = []
        case .conversation(let id): scopes = try await dependencies.store.conversationScopes(conversation: id)
        case .contact(let id): scopes = try await dependencies.store.conversationScopes(contact: id)
        }
        return audience.admits(viewer, scopes: scopes)
    }
}
