import Foundation
public import SwitchboardCore
import Yams

/// The desk's webhooks manifest (`SWITCHBOARD_WEBHOOKS_MANIFEST`): its outgoing webhook endpoints
/// described in one YAML file, each secret only as `${ENV_VAR}`.
public struct WebhookManifest: Sendable, Equatable {
    /// The file it came from, for messages and the audit log.
    public var file: String
    public var entries: [WebhookManifestEntry]

    static let entryKeys: Set<String> = ["name", "url", "events", "secret", "enabled"]

    /// Reads a manifest's text. Every problem is appended as `file: webhooks[i].key: what is wrong`.
    /// - Returns: the entries that are well formed, so their URLs can be checked too and every
    ///   problem reported at once; nil when the file is not a webhooks list at all.
    public static func parse(yaml: String, file: String, environment: [String: String], problems: inout [String]) -> WebhookManifest? {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            problems.append("\(file): not valid YAML: \(error)")
            return nil
        }
        guard let mapping = root?.mapping, let list = mapping["webhooks"] else {
            problems.append("\(file): expected a mapping with a webhooks: list")
            return nil
        }
        for key in mapping.map({ $0.key.string ?? "" }) where key != "webhooks" {
            problems.append("\(file): \(key): unknown key (known: webhooks)")
        }
        guard let items = list.sequence else {
            problems.append("\(file): webhooks: must be a list of endpoints")
            return nil
        }
        var entries: [WebhookManifestEntry] = []
        for (index, item) in items.enumerated() {
            let entry = parseEntry(item, at: "\(file): webhooks[\(index)]", environment: environment, problems: &problems)
            guard let entry else { continue }
            if entries.contains(where: { $0.name == entry.name }) {
                problems.append("\(file): webhooks[\(index)].name: '\(entry.name)' is described twice")
            } else {
                entries.append(entry)
            }
        }
        return WebhookManifest(file: file, entries: entries)
    }

    private static func parseEntry(_ node: Node, at place: String, environment: [String: String], problems: inout [String]) -> WebhookManifestEntry? {
        let before = problems.count
        func problem(_ key: String, _ message: String) { problems.append("\(place).\(key): \(message)") }
        guard let mapping = node.mapping else {
            problems.append("\(place): must be a mapping with name, url, events and secret")
            return nil
        }
        var values: [String: Node] = [:]
        for (key, value) in mapping {
            guard let name = key.string else { continue }
            if entryKeys.contains(name) {
                values[name] = value
            } else {
                problem(name, "unknown key (known: \(entryKeys.sorted().joined(separator: ", ")))")
            }
        }
        func text(_ key: String) -> String? {
            guard let node = values[key] else {
                problem(key, "missing")
                return nil
            }
            guard let scalar = node.scalar?.string, !scalar.isEmpty else {
                problem(key, "must be a non-empty text")
                return nil
            }
            return scalar
        }
        let name = text("name")
        if let name, name.range(of: "^[a-z0-9][a-z0-9_-]{0,62}$", options: .regularExpression) == nil {
            problem("name", "use a-z, 0-9, '-' and '_' (up to 63 characters), e.g. crm")
        }
        let url = text("url")
        let eventTypes = parseEvents(values["events"], problem: problem)
        let secret = parseSecret(text("secret"), environment: environment, problem: problem)
        var enabled: Bool?
        if let node = values["enabled"] {
            if let value = node.bool { enabled = value } else { problem("enabled", "must be true or false") }
        }
        guard problems.count == before, let name, let url, let eventTypes, let secret else { return nil }
        return WebhookManifestEntry(name: name, url: url, eventTypes: eventTypes, secret: secret, enabled: enabled)
    }

    private static func parseEvents(_ node: Node?, problem: (String, String) -> Void) -> [WebhookEventType]? {
        guard let node else {
            problem("events", "missing: list the event types, e.g. [conversation.resolved, message.in]")
            return nil
        }
        guard let names = node.sequence?.map({ $0.string ?? "" }) else {
            problem("events", "must be a list of event types")
            return nil
        }
        switch WebhookEventType.parse(names) {
        case .success(let types) where types.isEmpty:
            problem("events", "choose at least one event type")
            return nil
        case .success(let types):
            return types
        case .failure(let unknown):
            problem("events", unknown.description)
            return nil
        }
    }

    private static func parseSecret(_ raw: String?, environment: [String: String], problem: (String, String) -> Void) -> String? {
        guard let raw else { return nil }
        guard let variable = ChannelManifest.variableName(raw) else {
            // The literal is never echoed: a secret does not belong in the file at all.
            problem("secret", "must be ${ENV_VAR}, never the secret itself; put the secret in the environment")
            return nil
        }
        guard let value = environment[variable], !value.isEmpty else {
            problem("secret", "the environment variable \(variable) is not set")
            return nil
        }
        return value
    }
}
