public import Foundation

/// A key that authenticates one of the company's systems to the REST API; only its hash is stored.
public struct APIKey: Sendable, Codable, Equatable {
    public var id: Int64
    public var name: String
    /// The key's last four characters behind bullets (`••••Wx7Q`), so an admin can tell keys apart.
    /// Keys created before this was recorded have none.
    public var maskedKey: String?
    public var createdAt: Date
    public var revokedAt: Date?
    /// What the key may do, in declaration order.
    public var scopes: [APIScope]
    /// The bot identity its messages are signed with in the timeline ("Order system").
    public var botName: String
    /// Requests allowed per minute; nil for no limit.
    public var ratePerMinute: Int?

    /// Creates a value; `botName` defaults to the key's name.
    public init(
        id: Int64,
        name: String,
        maskedKey: String? = nil,
        createdAt: Date,
        revokedAt: Date? = nil,
        scopes: [APIScope] = APIScope.legacy.sorted(),
        botName: String? = nil,
        ratePerMinute: Int? = nil
    ) {
        self.id = id
        self.name = name
        self.maskedKey = maskedKey
        self.createdAt = createdAt
        self.revokedAt = revokedAt
        self.scopes = scopes
        self.botName = botName ?? name
        self.ratePerMinute = ratePerMinute
    }

    /// Whether the key may use routes that need `scope`.
    public func allows(_ scope: APIScope) -> Bool { scopes.contains(scope) }
}

/// What an admin chooses when creating a key, besides its name.
public struct APIKeySettings: Sendable, Equatable {
    public var scopes: Set<APIScope>
    /// nil: the key's name.
    public var botName: String?
    /// nil: no limit.
    public var ratePerMinute: Int?

    /// Creates settings.
    public init(scopes: Set<APIScope> = APIScope.legacy, botName: String? = nil, ratePerMinute: Int? = nil) {
        self.scopes = scopes
        self.botName = botName
        self.ratePerMinute = ratePerMinute
    }

    /// Why settings are refused, as a sentence for the admin; nil when they are fine.
    public var problem: String? {
        if scopes.isEmpty { return "scopes must name at least one of \(APIScope.allCases.map(\.rawValue).joined(separator: ", "))." }
        if let botName, botName.trimmingCharacters(in: .whitespaces).isEmpty || botName.count > 64 {
            return "botName must be 1 to 64 characters."
        }
        if let ratePerMinute, !(1...100_000).contains(ratePerMinute) { return "ratePerMinute must be between 1 and 100000." }
        return nil
    }
}
