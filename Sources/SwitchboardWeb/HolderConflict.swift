import HTTPTypes
import SwitchboardCore

/// Turns a lost compare-and-set on a conversation's holder into 409 `taken` naming who holds it.
enum HolderConflict {
    /// Runs `body`, mapping `AssignmentConflict`.
    /// - Throws: 409 `taken` with the holder's name; anything else `body` throws.
    static func mapped(_ dependencies: InboxDependencies, _ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let conflict as AssignmentConflict {
            guard let holder = conflict.holder else {
                throw APIError(.conflict, code: "taken", message: "This conversation went back to the queue meanwhile; look again.")
            }
            let name = try await dependencies.admin.operatorAccount(holder)?.operator.displayName ?? "Another operator"
            throw APIError(.conflict, code: "taken", message: "\(name) already has this conversation.")
        }
    }
}
