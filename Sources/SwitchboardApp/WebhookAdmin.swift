import Foundation
public import Secrets
public import SwitchboardCore

/// The admin operations on outgoing webhooks, shared by the REST API and the CLI: validates what
/// an admin typed, makes and seals the secret, and hands the change to the store, which audits it.
public struct WebhookAdmin: Sendable {
    let store: any WebhookStore
    let secrets: SecretBox
    let urlCheck: WebhookURLCheck
    let clock: any WallClock
    /// Called after every change, so the dispatcher looks at once.
    let changed: @Sendable () -> Void

    /// Creates the admin.
    /// - Parameters:
    ///   - allowPrivate: `SWITCHBOARD_WEBHOOKS_ALLOW_PRIVATE`.
    ///   - changed: called after each change (wakes the dispatcher).
    public init(
        store: any WebhookStore,
        secrets: SecretBox,
        allowPrivate: Bool,
        clock: any WallClock,
        changed: @escaping @Sendable () -> Void = {}
    ) {
        self.store = store
        self.secrets = secrets
        self.urlCheck = WebhookURLCheck(allowPrivate: allowPrivate)
        self.clock = clock
        self.changed = changed
    }

    /// Why an admin's input is refused; the description is the sentence shown to them.
    public enum Refusal: Error, Equatable, CustomStringConvertible {
        case url(String)
        case eventTypes(String)
        case description(String)

        public var description: String {
            switch self {
            case .url(let why): "url: \(why)"
            case .eventTypes(let why): "eventTypes: \(why)"
            case .description(let why): "description: \(why)"
            }
        }
    }

    /// A new endpoint and its secret, which is never shown again.
    public struct Created: Sendable {
        public var webhook: OutgoingWebhook
        public var secret: String
    }

    /// Registers an endpoint.
    /// - Throws: `Refusal` for a bad URL, event types or description.
    public func create(url: String, eventTypes: [String], description: String?, by actor: AuditActor) async throws -> Created {
        let url = try await checkedURL(url)
        let types = try checkedTypes(eventTypes)
        let description = try checkedDescription(description ?? "")
        let secret = Self.newSecret()
        let draft = OutgoingWebhookDraft(url: url, eventTypes: types, description: description, secretCiphertext: try secrets.seal(secret))
        let webhook = try await store.createOutgoingWebhook(draft, by: actor, at: clock.now())
        changed()
        return Created(webhook: webhook, secret: secret)
    }

    /// Changes an endpoint; nil fields stay.
    /// - Throws: `Refusal`, `StoreError.notFound`.
    public func edit(
        _ id: OutgoingWebhookID,
        url: String?,
        eventTypes: [String]?,
        description: String?,
        enabled: Bool?,
        by actor: AuditActor
    ) async throws -> OutgoingWebhook {
        var checked: String?
        if let url { checked = try await checkedURL(url) }
        let edit = OutgoingWebhookEdit(
            url: checked,
            eventTypes: try eventTypes.map(checkedTypes),
            description: try description.map(checkedDescription),
            enabled: enabled
        )
        let webhook = try await store.editOutgoingWebhook(id, edit, by: actor, at: clock.now())
        changed()
        return webhook
    }

    /// Removes an endpoint and its delivery log.
    /// - Throws: `StoreError.notFound`.
    public func delete(_ id: OutgoingWebhookID, by actor: AuditActor) async throws {
        try await store.deleteOutgoingWebhook(id, by: actor, at: clock.now())
        changed()
    }

    /// Queues a delivery again.
    /// - Throws: `StoreError.notFound`.
    public func resend(_ delivery: WebhookDeliveryID, of id: OutgoingWebhookID, by actor: AuditActor) async throws -> WebhookDelivery {
        let resent = try await store.resendWebhookDelivery(delivery, of: id, by: actor, at: clock.now())
        changed()
        return resent
    }

    func checkedURL(_ url: String) async throws -> String {
        let trimmed = url.trimmingCharacters(in: .whitespaces)
        guard trimmed.count <= 2048 else { throw Refusal.url("longer than 2048 characters") }
        do {
            try await urlCheck.check(trimmed)
        } catch {
            throw Refusal.url("\(error)")
        }
        return trimmed
    }

    private func checkedTypes(_ names: [String]) throws -> [WebhookEventType] {
        switch WebhookEventType.parse(names) {
        case .success(let types) where types.isEmpty: throw Refusal.eventTypes("choose at least one event type")
        case .success(let types): return types
        case .failure(let unknown): throw Refusal.eventTypes(unknown.description)
        }
    }

    private func checkedDescription(_ text: String) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.count <= 200 else { throw Refusal.description("longer than 200 characters") }
        return trimmed
    }

    /// 32 random bytes as hex behind a prefix that says what the string is, should it leak.
    static func newSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return "whsec_" + LowercaseHex.encode(bytes)
    }
}
