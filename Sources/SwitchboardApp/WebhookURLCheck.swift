import SwitchboardCore

/// Applies `WebhookURLRule` to a URL, resolving its host: at registration and again before each
/// attempt, so a name that later points inside the network is refused too.
struct WebhookURLCheck: Sendable {
    /// `SWITCHBOARD_WEBHOOKS_ALLOW_PRIVATE`.
    let allowPrivate: Bool

    /// Checks a URL.
    /// - Throws: `WebhookURLRule.Refusal`.
    func check(_ url: String) async throws {
        let host = try WebhookURLRule.host(of: url)
        // With private addresses allowed there is nothing to learn from resolving, and a
        // name that does not resolve yet is a failed attempt later, not a refusal now.
        guard !allowPrivate else { return }
        try WebhookURLRule.check(host: host, addresses: await HostResolver.addresses(of: host), allowPrivate: false)
    }
}
