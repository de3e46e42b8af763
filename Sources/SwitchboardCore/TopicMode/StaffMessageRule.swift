import Foundation

/// A Switchboard operator, as the staff group knows them.
public struct StaffOperator: Sendable, Equatable {
    public var id: OperatorID
    public var login: String
    public var displayName: String
    public var isActive: Bool
    public var role: OperatorRole

    /// Creates a value.
    public init(id: OperatorID, login: String, displayName: String, isActive: Bool = true, role: OperatorRole = .operator) {
        self.id = id
        self.login = login
        self.displayName = displayName
        self.isActive = isActive
        self.role = role
    }

    /// The sender as the audit log names them.
    public var auditActor: AuditActor { AuditActor(kind: .operator, id: id, name: displayName) }
}

/// What a staff-group message does.
public enum StaffAction: Sendable, Equatable {
    /// Stores the operator's answer and sends it to the client through the outbox.
    case reply(OperatorID, ConversationID, String)
    /// Stores a private note.
    case note(OperatorID, ConversationID, String)
    /// Redeems a link code for the sender's Telegram account.
    case link(code: String)
    /// Assigns the conversation to the sender.
    case take(OperatorID, ConversationID)
    /// Resolves the conversation.
    case resolve(OperatorID, ConversationID)
    /// Assigns the conversation to another operator.
    case transfer(by: OperatorID, ConversationID, to: StaffOperator)
    /// Bans the conversation's client, with the reason.
    case ban(by: StaffOperator, ConversationID, reason: String)
    /// Nothing happens but an answer in the topic (a refusal or a usage hint). Never reaches the client.
    case notice(String)
    /// Nothing at all (chatter outside any conversation's topic, service messages).
    case ignore
}

/// Decides what a message in the staff group does, from who sent it and where.
public enum StaffMessageRule {
    /// The message and what the store knows about it.
    public struct Input: Sendable, Equatable {
        public var command: StaffCommand
        /// The Switchboard operator the sender linked, nil for an unlinked member.
        public var sender: StaffOperator?
        /// The conversation whose topic the message is in; nil outside any conversation's topic.
        public var conversationID: ConversationID?
        /// Everyone `/transfer` may name.
        public var operators: [StaffOperator]

        /// Creates an input.
        public init(command: StaffCommand, sender: StaffOperator?, conversationID: ConversationID?, operators: [StaffOperator] = []) {
            self.command = command
            self.sender = sender
            self.conversationID = conversationID
            self.operators = operators
        }
    }

    /// The refusal an unlinked member gets; says plainly that the client saw nothing.
    public static let unlinkedRefusal =
        "Not sent: your Telegram account is not linked to a Switchboard operator, so the client did not see this. "
        + "In the inbox open \"Link Telegram\", then send /link CODE here."

    /// What an operator without the right gets for `/ban`.
    public static let onlySupervisorsBan = "Only supervisors and admins can ban a client."

    public static func decide(_ input: Input) -> StaffAction {
        if case .link(let code) = input.command { return .link(code: code) }
        guard let conversation = input.conversationID else {
            if case .reply = input.command { return .ignore }
            return .notice("Commands work inside a client's topic.")
        }
        guard let sender = input.sender, sender.isActive else { return .notice(unlinkedRefusal) }
        switch input.command {
        case .reply(let text): return .reply(sender.id, conversation, text)
        case .note(let text): return text.isEmpty ? .notice("An empty note was not saved.") : .note(sender.id, conversation, text)
        case .take: return .take(sender.id, conversation)
        case .resolve: return .resolve(sender.id, conversation)
        case .transfer(let name): return transfer(name, by: sender, conversation, among: input.operators)
        case .ban(let reason):
            guard [.supervisor, .admin].contains(sender.role) else { return .notice(onlySupervisorsBan) }
            guard let reason = try? ContactBan.reason(reason) else {
                return .notice("A ban reason is at most \(ContactBan.maximumReasonLength) characters.")
            }
            return .ban(by: sender, conversation, reason: reason)
        case .unusable(let hint): return .notice(hint)
        case .link: return .ignore
        }
    }

    private static func transfer(
        _ name: String,
        by sender: StaffOperator,
        _ conversation: ConversationID,
        among operators: [StaffOperator]
    ) -> StaffAction {
        let wanted = String(name.trimmingCharacters(in: .whitespaces).lowercased().trimmingPrefix("@"))
        let matches = operators.filter { $0.isActive && ($0.login.lowercased() == wanted || $0.displayName.lowercased() == wanted) }
        guard matches.count == 1, let target = matches.first else {
            return .notice(matches.isEmpty ? "No active operator is called \"\(name)\"." : "Several operators are called \"\(name)\": use the login.")
        }
        return .transfer(by: sender.id, conversation, to: target)
    }
}
