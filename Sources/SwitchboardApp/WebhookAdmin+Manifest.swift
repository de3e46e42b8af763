import Foundation
import Manifests
import Secrets
import SwitchboardCore

extension WebhookAdmin {
    /// Makes the stored endpoints match the webhooks manifest at `path`: creates the missing ones and
    /// updates the URL, events, secret and enabled state of the others, each audited as the
    /// manifest. An unchanged endpoint is neither written nor audited, and endpoints the file does
    /// not name are kept: a manifest never deletes.
    /// - Returns: one line per endpoint saying what happened.
    /// - Throws: `ConfigError` listing every problem of the file (a literal secret, an unknown event
    ///   type, a refused URL) before anything changes.
    public func applyManifest(at path: String, environment: [String: String]) async throws -> [String] {
        guard let yaml = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ConfigError(problems: ["\(path): cannot be read (SWITCHBOARD_WEBHOOKS_MANIFEST)"])
        }
        var problems: [String] = []
        let manifest = WebhookManifest.parse(yaml: yaml, file: path, environment: environment, problems: &problems)
        let stored = try await store.outgoingWebhooks()
        var plans: [(entry: WebhookManifestEntry, plan: WebhookManifestPlan)] = []
        for entry in manifest?.entries ?? [] {
            let named = stored.filter { $0.description == entry.name }
            guard named.count <= 1 else {
                problems.append(
                    "\(path): webhook \(entry.name): \(named.count) stored endpoints have the description '\(entry.name)'; rename all but one"
                )
                continue
            }
            var secret: String?
            if let existing = named.first, let sealed = try await store.outgoingWebhookSecret(existing.id) {
                // A secret sealed under a lost key cannot be compared: it is replaced.
                secret = try? secrets.open(sealed)
            }
            let plan = WebhookManifestPlan.plan(entry, stored: named.first, storedSecret: secret)
            // The URL goes through the API's check whenever it is new, so the rule is the same.
            if named.first?.url != entry.url {
                do {
                    _ = try await checkedURL(entry.url)
                } catch {
                    problems.append("\(path): webhook \(entry.name): \(error)")
                }
            }
            plans.append((entry, plan))
        }
        guard problems.isEmpty else { throw ConfigError(problems: problems) }
        var report: [String] = []
        for (entry, plan) in plans {
            report.append(try await carryOut(plan, for: entry, actor: .manifest(path)))
        }
        let described = Set(plans.map(\.entry.name))
        for webhook in stored where !described.contains(webhook.description) {
            report.append("kept \(webhook.auditTarget): the manifest does not describe it (manifests never delete)")
        }
        if report.contains(where: { $0.hasPrefix("created") || $0.hasPrefix("updated") }) { changed() }
        return report
    }

    private func carryOut(_ plan: WebhookManifestPlan, for entry: WebhookManifestEntry, actor: AuditActor) async throws -> String {
        switch plan {
        case .create:
            let draft = OutgoingWebhookDraft(
                url: entry.url,
                eventTypes: entry.eventTypes,
                description: entry.name,
                secretCiphertext: try secrets.seal(entry.secret),
                enabled: entry.enabled ?? true
            )
            let webhook = try await store.createOutgoingWebhook(draft, by: actor, at: clock.now())
            return "created webhook \(entry.name) (\(webhook.auditTarget))"
        case .update(let id, var edit, let replacesSecret, let changes):
            if replacesSecret { edit.secretCiphertext = try secrets.seal(entry.secret) }
            _ = try await store.editOutgoingWebhook(id, edit, by: actor, at: clock.now())
            return "updated webhook \(entry.name): \(changes.keys.sorted().joined(separator: ", "))"
        case .unchanged:
            return "unchanged webhook \(entry.name)"
        }
    }
}
