public import Foundation

/// Builds an audit entry's `changes` from values before and after a change.
public enum AuditChanges {
    /// The fields that differ between two encodable values, compared as JSON; nested objects are
    /// flattened into dotted names (`defaultRouting.strategy`), arrays compare whole.
    /// `secrets` names fields whose values are replaced by `AuditChange.hidden`.
    public static func between<Value: Encodable>(_ before: Value?, _ after: Value?, secrets: Set<String> = []) -> [String: AuditChange] {
        let old = flattened(json(before))
        let new = flattened(json(after))
        var changes: [String: AuditChange] = [:]
        for key in Set(old.keys).union(new.keys) {
            let from = old[key] ?? .null
            let to = new[key] ?? .null
            guard from != to else { continue }
            changes[key] = secrets.contains(key) ? .secret : AuditChange(from: from, to: to)
        }
        return changes
    }

    /// A value as JSON, with dates as milliseconds since 1970 like the API.
    public static func json<Value: Encodable>(_ value: Value?) -> JSONValue {
        guard let value else { return .null }
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .millisecondsSince1970
        guard let data = try? encoder.encode(value), let decoded = try? JSONDecoder().decode(JSONValue.self, from: data) else { return .null }
        return decoded
    }

    private static func flattened(_ value: JSONValue, prefix: String = "") -> [String: JSONValue] {
        guard case .object(let members) = value else { return prefix.isEmpty ? [:] : [prefix: value] }
        if members.isEmpty, !prefix.isEmpty { return [prefix: value] }
        var result: [String: JSONValue] = [:]
        for (key, member) in members {
            let name = prefix.isEmpty ? key : "\(prefix).\(key)"
            result.merge(flattened(member, prefix: name)) { _, new in new }
        }
        return result
    }
}
