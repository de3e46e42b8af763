public import Foundation

/// Storage of the staff group's inbound side and of operators' linked Telegram accounts.
public protocol StaffStore: Sendable {
    /// Reads what deciding a staff message needs.
    /// - Parameter linkCode: the code of a `/link` command, to look up its owner.
    func staffSnapshot(_ update: StaffUpdate, linkCode: String?, at now: Date) async throws -> StaffSnapshot
    /// Marks the update handled and applies its stored effects (replies, notes, links, notices) in one
    /// transaction. `assign` and `transition` effects are not the store's here: the inbox's own operations apply them.
    /// - Returns: the events to publish; empty when the update was handled before.
    func applyStaff(_ update: StaffUpdate, effects: [StaffEffect], at now: Date) async throws -> [Event]
    /// Stores a one-time link code for an operator, replacing their previous one.
    func issueTelegramLinkCode(_ code: String, for operatorID: OperatorID, expiresAt: Date) async throws
    /// The Telegram user id an operator linked, nil when none.
    func linkedTelegramUser(of operatorID: OperatorID) async throws -> Int64?
}
