/// A typed database identifier, so a conversation id can never be passed where a message id is expected.
public struct Identifier<Entity>: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The row id as stored.
    public let rawValue: Int64

    /// Wraps a stored row id.
    public init(_ rawValue: Int64) {
        self.rawValue = rawValue
    }

    public init(from decoder: any Decoder) throws {
        self.rawValue = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { String(rawValue) }
}

/// Identifies a connected messenger bot.
public typealias ChannelID = Identifier<Channel>
/// Identifies a client, whatever messenger they use.
public typealias ContactID = Identifier<Contact>
/// Identifies one messenger account of a contact.
public typealias IdentityID = Identifier<Identity>
/// Identifies a conversation thread.
public typealias ConversationID = Identifier<Conversation>
/// Identifies a stored message.
public typealias MessageID = Identifier<Message>
/// Identifies an operator account.
public typealias OperatorID = Identifier<Operator>
/// Identifies a department.
public typealias DepartmentID = Identifier<Department>
