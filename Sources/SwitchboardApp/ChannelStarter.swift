import CurlHTTP
import Logging
import Secrets
import SwitchboardCore

/// What differs between messengers when a ``ChannelBridge`` starts a channel.
protocol ChannelStarter: Sendable {
    /// The messenger this starter wires.
    var kind: ChannelKind { get }

    /// Wires one channel: registers its adapter with the outbox and its inbound path (webhook
    /// endpoint or poller) to the router, and puts it in its mode.
    /// - Returns: the work to run while the channel is live (a poller, a retried webhook setup), if any.
    /// - Throws: when the token cannot be opened or the channel cannot be wired.
    func start(_ channel: Channel, credentials: ChannelCredentials, wiring: ChannelWiring) async throws -> (@Sendable () async -> Void)?
}

/// What every messenger's channels are connected to.
struct ChannelWiring: Sendable {
    let store: any Store
    let secrets: SecretBox
    /// Where inbound events go (the router).
    let sink: any InboundSink
    /// Where the outbox finds each channel's adapter.
    let adapters: ChannelAdapters
    /// Where the topic dispatcher finds each channel's staff group (topic mode).
    let staffGroups: StaffGroups
    /// Where staff-group messages go.
    let staffSink: any StaffSink
    let webhooks: WebhookEndpoints
    /// The HTTP client of messenger API calls (global proxy applied).
    let transport: any HTTPTransport
    /// Where inbound files are queued for download after their message is stored.
    let downloads: any MediaDownloadQueue
    /// The HTTP client of file downloads, apart from `transport` so downloads and sends do not queue behind each other.
    let downloadTransport: any HTTPTransport
    let config: AppConfig
    /// Publishes operators' uploads for Viber; nil when `SWITCHBOARD_PUBLIC_URL` is not set.
    let fileLinks: OutgoingFileLinks?
    let logger: Logger
}
