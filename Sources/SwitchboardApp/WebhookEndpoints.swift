public import SwitchboardCore

/// The webhook endpoints of the running channels, looked up by `/webhooks/{kind}/{name}`.
public actor WebhookEndpoints: WebhookEndpointRegistry {
    private struct Key: Hashable {
        var kind: ChannelKind
        var name: String
    }

    private var endpoints: [Key: any WebhookEndpoint] = [:]

    /// Creates an empty registry.
    public init() {}

    /// Registers or replaces a channel's endpoint.
    public func register(_ endpoint: any WebhookEndpoint, kind: ChannelKind, channelName: String) {
        endpoints[Key(kind: kind, name: channelName)] = endpoint
    }

    /// Removes a channel's endpoint (switched to polling, paused or removed).
    public func remove(kind: ChannelKind, channelName: String) {
        endpoints[Key(kind: kind, name: channelName)] = nil
    }

    public func endpoint(kind: ChannelKind, channelName: String) -> (any WebhookEndpoint)? {
        endpoints[Key(kind: kind, name: channelName)]
    }
}
