public import Hummingbird
public import SwitchboardCore

/// The context of a route only a signed-in admin reaches (no API key): the admin is not optional,
/// so a handler on it cannot forget the role check.
///
/// Routes join it through `routes.group(context: AdminRequestContext.self)`; building it throws
/// 401 without a live session and 403 `forbidden` for another role, before the handler runs.
public struct AdminRequestContext: ChildRequestContext {
    public typealias ParentContext = InboxRequestContext

    public var coreContext: CoreRequestContextStorage
    /// The signed-in admin.
    public let admin: SignedInOperator

    /// Takes the operator the session middleware found, who must be an admin.
    /// - Throws: 401 `unauthenticated` without a live session, 403 `forbidden` for another role.
    public init(context: InboxRequestContext) throws {
        self.admin = try context.requireRole([.admin])
        self.coreContext = context.coreContext
    }

    /// Request bodies beyond this are refused with 413, as on every other route.
    public var maxUploadSize: Int { 1 << 20 }

    /// The admin as the audit log names them.
    public var auditActor: AuditActor { .operator(admin.account) }
}
