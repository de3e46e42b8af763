import SwitchboardCore

/// Applies `WebhookURLRule` to a URL, resolving its host: at registration and again before each
/// attempt, so a name that later points inside the network is refused too.
struct WebhookURLCheck: Sendable {
    /// `SWITCHBOARD_WEBHOOKS_ALLOW_PRIVATE`.
    let allowPrivate: Bool
    /// The host's numeric addresses; the system resolver outside tests.
    let resolve: @Sendable (String) async -> [String]

    /// Creates a check.
    init(allowPrivate: Bool, resolve: @escaping @Sendable (String) async -> [String] = HostResolver.addresses(of:)) {
        self.allowPrivate = allowPrivate
        self.resolve = resolve
    }

    /// Checks a URL.
    /// - Throws: `WebhookURLRule.Refusal`.
    func check(_ url: String) async throws {
        let host = try WebhookURLRule.host(of: url)
        // With private addresses allowed there is nothing to learn from resolving, and a
        // name that does not resolve yet is a failed attempt later, not a refusal now.
        guard !allowPrivate else { return }
        try WebhookURLRule.check(host: host, addresses: await resolve(host), allowPrivate: false)
    }

    /// Checks a URL before an attempt and returns the addresses that passed, for the sender to pin
    /// so that curl cannot get a different answer from DNS. Empty when private addresses are
    /// allowed and the name does not resolve: nothing was checked, so nothing is pinned.
    /// - Throws: `WebhookURLRule.Refusal`.
    func checkedAddresses(_ url: String) async throws -> (host: String, addresses: [String]) {
        let host = try WebhookURLRule.host(of: url)
        let addresses = await resolve(host)
        if allowPrivate && addresses.isEmpty { return (host, []) }
        try WebhookURLRule.check(host: host, addresses: addresses, allowPrivate: allowPrivate)
        return (host, addresses)
    }
}
