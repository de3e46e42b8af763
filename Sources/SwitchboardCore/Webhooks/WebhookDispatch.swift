public import Foundation

/// The delivery an endpoint must send next (the oldest one it has not delivered), with what the
/// sender needs: the URL and the sealed secret.
public struct WebhookDispatch: Sendable, Equatable {
    public var delivery: WebhookDelivery
    public var url: String
    public var secretCiphertext: Data

    /// Creates a value.
    public init(delivery: WebhookDelivery, url: String, secretCiphertext: Data) {
        self.delivery = delivery
        self.url = url
        self.secretCiphertext = secretCiphertext
    }
}
