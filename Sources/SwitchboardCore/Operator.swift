/// What an operator account may do.
public enum OperatorRole: String, Sendable, Codable, CaseIterable {
    case admin
    case supervisor
    case `operator`
}

/// Whether an operator can take conversations now.
public enum PresenceStatus: String, Sendable, Codable, CaseIterable {
    case online
    case away
    case offline
}

/// A person who answers clients in the inbox.
public struct Operator: Sendable, Codable, Equatable, Identifiable {
    public var id: OperatorID
    public var login: String
    public var displayName: String
    public var avatarURL: String?
    public var role: OperatorRole
    public var status: PresenceStatus
    /// How many open conversations the operator may hold at once.
    public var maxConcurrentConversations: Int

    /// Creates an operator value.
    public init(
        id: OperatorID,
        login: String,
        displayName: String,
        avatarURL: String? = nil,
        role: OperatorRole,
        status: PresenceStatus = .offline,
        maxConcurrentConversations: Int = 5
    ) {
        self.id = id
        self.login = login
        self.displayName = displayName
        self.avatarURL = avatarURL
        self.role = role
        self.status = status
        self.maxConcurrentConversations = maxConcurrentConversations
    }

    /// The persona clients see once this operator is assigned.
    public var persona: Persona { Persona(name: displayName, avatarURL: avatarURL) }
}

/// What is needed to create an operator. The password hash is computed by the caller.
public struct OperatorDraft: Sendable, Equatable {
    public var login: String
    public var displayName: String
    public var role: OperatorRole
    public var avatarURL: String?
    public var passwordHash: String

    /// Creates a draft.
    public init(login: String, displayName: String, role: OperatorRole, avatarURL: String? = nil, passwordHash: String = "") {
        self.login = login
        self.displayName = displayName
        self.role = role
        self.avatarURL = avatarURL
        self.passwordHash = passwordHash
    }
}

/// A group of operators sharing a queue, for example "Billing".
public struct Department: Sendable, Codable, Equatable, Identifiable {
    public var id: DepartmentID
    public var name: String

    /// Creates a department value.
    public init(id: DepartmentID, name: String) {
        self.id = id
        self.name = name
    }
}
