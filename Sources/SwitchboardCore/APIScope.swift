import Foundation

/// What an API key may do. The raw values are the public names integrations send and see.
public enum APIScope: String, Sendable, Codable, CaseIterable, Comparable {
    /// `POST /api/v1/contexts`: the only thing keys could do before scopes existed.
    case contextsWrite = "contexts:write"
    /// Read conversations, their timelines, search and exports.
    case conversationsRead = "conversations:read"
    /// Post a message into a conversation as the key's bot identity.
    case messagesWrite = "messages:write"
    /// Read the reports.
    case reportsRead = "reports:read"
    /// The admin routes open to keys (API keys, audit log, departments, routing settings).
    case admin

    /// Declaration order, so stored lists and answers always read the same.
    public static func < (lhs: APIScope, rhs: APIScope) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// What keys created before scopes existed may do: exactly what they could do then.
    public static let legacy: Set<APIScope> = [.contextsWrite]

    /// Parses the stored or sent form, a comma-separated list (`contexts:write,reports:read`).
    /// - Returns: nil when a name is unknown or the list is empty.
    public static func parseList(_ text: String) -> Set<APIScope>? {
        let names = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let scopes = names.compactMap(APIScope.init(rawValue:))
        guard !scopes.isEmpty, scopes.count == names.count else { return nil }
        return Set(scopes)
    }

    /// The stored form of a set of scopes, in declaration order so it reads the same every time.
    public static func list(_ scopes: Set<APIScope>) -> String {
        scopes.sorted().map(\.rawValue).joined(separator: ",")
    }
}
