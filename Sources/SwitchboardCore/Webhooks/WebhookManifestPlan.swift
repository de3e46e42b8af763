/// What applying a webhooks manifest entry does to the stored endpoint of the same name: the
/// decision is pure, so the rules (what counts as a change, what the audit log says) are tested
/// without a database and the store only carries them out.
public enum WebhookManifestPlan: Sendable, Equatable {
    /// No endpoint has the entry's name yet.
    case create
    /// The stored endpoint differs; `edit` holds only what changed, except the secret, which the
    /// caller seals when `replacesSecret`. `changes` is what the audit log will show.
    case update(OutgoingWebhookID, edit: OutgoingWebhookEdit, replacesSecret: Bool, changes: [String: AuditChange])
    /// The stored endpoint already matches: nothing is written or audited.
    case unchanged(OutgoingWebhookID)

    /// Compares an entry with the stored endpoint of its name.
    /// - Parameters:
    ///   - stored: the endpoint whose description is the entry's name, if any.
    ///   - storedSecret: its secret opened; nil when it cannot be opened, which counts as different.
    public static func plan(_ entry: WebhookManifestEntry, stored: OutgoingWebhook?, storedSecret: String?) -> WebhookManifestPlan {
        guard let stored else { return .create }
        var edit = OutgoingWebhookEdit()
        if entry.url != stored.url { edit.url = entry.url }
        if entry.eventTypes != stored.eventTypes { edit.eventTypes = entry.eventTypes }
        if let enabled = entry.enabled, enabled != stored.enabled { edit.enabled = enabled }
        let replacesSecret = storedSecret != entry.secret
        var changes = OutgoingWebhookEdit.changes(from: stored, to: edit.applied(to: stored))
        if replacesSecret { changes["secret"] = .secret }
        guard !changes.isEmpty else { return .unchanged(stored.id) }
        return .update(stored.id, edit: edit, replacesSecret: replacesSecret, changes: changes)
    }
}
