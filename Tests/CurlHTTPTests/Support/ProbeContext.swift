import Hummingbird
import NIOCore

/// Request context that remembers the client's port, so the server can count TCP connections.
struct ProbeContext: RequestContext {
    /// Hummingbird's per-request storage.
    var coreContext: CoreRequestContextStorage
    /// The client's TCP port; distinct ports mean distinct connections.
    let remotePort: Int?

    /// Reads the remote address off the connection's channel.
    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remotePort = source.channel.remoteAddress?.port
    }
}
