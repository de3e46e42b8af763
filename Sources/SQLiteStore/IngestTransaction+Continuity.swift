import Foundation
import GRDB
import SwitchboardCore

extension IngestTransaction {
    /// A context key longer than any Switchboard hands out is kept only this long (it is shown as "missing").
    static let maxStoredContextKey = 128

    /// Claims a deep-link context for the identity that arrived with its key.
    ///
    /// The first identity to use a key owns it; for anyone else the key reads as unknown, so a key
    /// seen over someone's shoulder cannot show their context. Expiry counts only before the claim.
    mutating func claimContext(_ key: String, for identity: Identity) throws -> ContextStatus {
        guard DeepLinkContext.isWellFormed(key: key),
            let row = try db.cachedRow(sql: "SELECT identity_id, expires_at FROM contexts WHERE key = ?", arguments: [key])
        else { return .missing }
        if let owner = row["identity_id"] as Int64? {
            return owner == identity.id.rawValue ? .pinned : .missing
        }
        let now = event.occurredAt.timeIntervalSince1970
        guard now < row["expires_at"] as Double else { return .expired }
        try db.cachedExecute(
            sql: "UPDATE contexts SET identity_id = ?, claimed_at = ? WHERE key = ? AND identity_id IS NULL",
            arguments: [identity.id.rawValue, now, key]
        )
        return .pinned
    }
}

extension IngestTransaction {
    /// Remembers the phone number a client shared about themselves on the identity that shared it.
    /// Adapters set `sender.phone` only for the sender's own number (Telegram checks `contact.user_id`).
    func recordVerifiedPhone(_ identity: Identity) throws {
        guard let phone = event.sender.phone.flatMap(Self.normalizedPhone) else { return }
        try db.cachedExecute(sql: "UPDATE identities SET verified_phone = ? WHERE id = ?", arguments: [phone, identity.id.rawValue])
    }

    /// Digits only, so `+380 50 123 4567` from Viber and `380501234567` from Telegram compare equal.
    static func normalizedPhone(_ raw: String) -> String? {
        let digits = raw.filter { $0.isASCII && $0.isNumber }
        return digits.count >= 6 ? digits : nil
    }

    /// When an operator asked "how should we address you?", the client's next words become the answer.
    mutating func captureAddress(_ identity: Identity, text: String) throws {
        let answer = text.trimmingCharacters(in: .whitespacesAndNewlines)
        // Commands, link requests and link codes are not names.
        guard !answer.isEmpty, !answer.hasPrefix("/"), !LinkCodeRules.isLinkCommand(answer), LinkCodeRules.code(in: answer) == nil,
            let row = try db.cachedRow(sql: "SELECT * FROM contacts WHERE id = ? AND asking_address = 1", arguments: [identity.contactID.rawValue])
        else { return }
        var contact = RowDecoding.contact(row)
        contact.preferredName = String(answer.prefix(100))
        try db.cachedExecute(
            sql: "UPDATE contacts SET preferred_name = ?, asking_address = 0 WHERE id = ?",
            arguments: [contact.preferredName, contact.id.rawValue]
        )
        try events.append(.contactUpdated, at: event.occurredAt, contact: contact.id, payload: contact)
    }
}
