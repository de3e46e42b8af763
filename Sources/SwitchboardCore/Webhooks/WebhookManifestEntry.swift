/// One endpoint as the desk's webhooks manifest describes it, its secret already read from the
/// environment variable the file names.
public struct WebhookManifestEntry: Sendable, Equatable, CustomStringConvertible {
    /// The key that finds the endpoint again at the next start; stored as its description.
    public var name: String
    public var url: String
    /// Sorted, each once.
    public var eventTypes: [WebhookEventType]
    /// The signing secret; never printed.
    public var secret: String
    /// nil when the file does not say: a new endpoint starts enabled and a stored one keeps its
    /// state, so an endpoint disabled after failing for a day is not turned back on by a restart.
    public var enabled: Bool?

    /// Creates an entry.
    public init(name: String, url: String, eventTypes: [WebhookEventType], secret: String, enabled: Bool? = nil) {
        self.name = name
        self.url = url
        self.eventTypes = eventTypes
        self.secret = secret
        self.enabled = enabled
    }

    public var description: String {
        "webhook \(name) \(url) [\(eventTypes.map(\.rawValue).joined(separator: ","))]"
    }
}
