public import Foundation

/// Who made an administrative change: a signed-in operator, an API key, the command line, a channel
/// manifest applied at start, or Switchboard itself.
public struct AuditActor: Sendable, Equatable, Codable {
    /// The kinds of actor the audit log knows.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case `operator`
        case cli
        case manifest
        case system
        /// One of the company's systems, through an API key with the `admin` scope.
        case apiKey = "api_key"
    }

    public var kind: Kind
    /// The operator's id; nil for the other kinds.
    public var id: OperatorID?
    /// A name for humans: the operator's display name, the manifest file, the shell user.
    public var name: String

    /// Creates an actor.
    public init(kind: Kind, id: OperatorID? = nil, name: String) {
        self.kind = kind
        self.id = id
        self.name = name
    }

    /// A signed-in operator.
    public static func `operator`(_ account: Operator) -> AuditActor {
        AuditActor(kind: .operator, id: account.id, name: account.displayName)
    }

    /// A `switchboard` command run from a shell by `user` (the `USER` of the process, when known).
    public static func cli(user: String?) -> AuditActor {
        AuditActor(kind: .cli, name: user.map { "CLI (\($0))" } ?? "CLI")
    }

    /// A channel manifest applied at start.
    public static func manifest(_ file: String) -> AuditActor {
        AuditActor(kind: .manifest, name: file)
    }

    /// An API key acting through the REST API; it has no operator id, so its name says which key.
    public static func apiKey(id: Int64, name: String) -> AuditActor {
        AuditActor(kind: .apiKey, name: "API key \(id) (\(name))")
    }

    /// Switchboard itself (the demo's seed).
    public static let system = AuditActor(kind: .system, name: "system")
}

/// One field's value before and after a change; `.null` where there was or is no value.
public struct AuditChange: Sendable, Equatable, Codable {
    public var from: JSONValue
    public var to: JSONValue

    /// Creates a change.
    public init(from: JSONValue, to: JSONValue) {
        self.from = from
        self.to = to
    }

    /// What the log shows instead of a secret (a password, a token, a key).
    public static let hidden: JSONValue = "•••"

    /// A secret that changed: the log says so without holding either value.
    public static let secret = AuditChange(from: hidden, to: hidden)
}

/// An entry of the audit log: who changed what, when, from which value to which.
///
/// `changes` never holds a secret: secrets appear as `AuditChange.secret`.
public struct AuditEntry: Sendable, Equatable {
    /// The stored id; nil before the entry is recorded.
    public var id: Int64?
    public var at: Date
    public var actor: AuditActor
    /// What happened, `area.verb`: `operator.updated`, `channel.token_rotated`, …
    public var action: String
    /// What it happened to, for humans: `operator 3 (maria)`.
    public var target: String
    /// Changed fields by name.
    public var changes: [String: AuditChange]

    /// Creates an entry.
    public init(id: Int64? = nil, at: Date, actor: AuditActor, action: String, target: String, changes: [String: AuditChange] = [:]) {
        self.id = id
        self.at = at
        self.actor = actor
        self.action = action
        self.target = target
        self.changes = changes
    }
}
