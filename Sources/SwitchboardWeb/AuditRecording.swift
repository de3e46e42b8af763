import Foundation
public import SwitchboardCore

extension InboxRequestContext {
    /// The signed-in operator, or else the API key, as the audit log names them.
    /// - Throws: 401 without a session or key.
    public func auditActor() throws -> AuditActor {
        if signedIn == nil, let apiKey { return .apiKey(id: apiKey.id, name: apiKey.name) }
        return .operator(try requireOperator().account)
    }
}

extension AdminStore {
    /// Records a change `actor` made through a store operation that does not audit itself, right after
    /// it (a failure here fails the request: the entry is never silently lost); nothing when no field changed.
    func record(_ action: String, target: String, changes: [String: AuditChange], actor: AuditActor) async throws {
        guard !changes.isEmpty else { return }
        try await recordAudit(AuditEntry(at: Date(), actor: actor, action: action, target: target, changes: changes))
    }
}
