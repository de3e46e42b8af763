public import Hummingbird
public import SwitchboardCore

/// The context of an admin route that an API key with the `admin` scope may also call: who acts is
/// not optional, a signed-in admin or such a key.
///
/// Routes join it through `routes.group(context: AdminOrKeyRequestContext.self)`; building it throws
/// 401 without a session or key, 403 `forbidden` for another role and 403 `missing_scope` for a key
/// without the scope, before the handler runs.
public struct AdminOrKeyRequestContext: ChildRequestContext {
    public typealias ParentContext = InboxRequestContext

    public var coreContext: CoreRequestContextStorage
    /// The admin or the key, as the audit log names them.
    public let actor: AuditActor

    /// Takes the admin or the admin key the middlewares found.
    /// - Throws: 401, 403 `forbidden` or 403 `missing_scope`.
    public init(context: InboxRequestContext) throws {
        try context.requireRole([.admin], orKey: .admin)
        self.actor = try context.auditActor()
        self.coreContext = context.coreContext
    }

    /// Request bodies beyond this are refused with 413, as on every other route.
    public var maxUploadSize: Int { 1 << 20 }
}
