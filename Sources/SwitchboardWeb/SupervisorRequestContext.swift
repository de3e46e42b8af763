public import Hummingbird
public import SwitchboardCore

/// The context of a route only a signed-in supervisor or admin reaches (no API key): the operator
/// is not optional and holds one of those roles.
///
/// Routes join it through `routes.group(context: SupervisorRequestContext.self)`; building it throws
/// 401 without a live session and 403 `forbidden` for an operator, before the handler runs.
public struct SupervisorRequestContext: ChildRequestContext {
    public typealias ParentContext = InboxRequestContext

    public var coreContext: CoreRequestContextStorage
    /// The signed-in supervisor or admin.
    public let signedIn: SignedInOperator

    /// Takes the operator the session middleware found, who must be a supervisor or an admin.
    /// - Throws: 401 `unauthenticated` without a live session, 403 `forbidden` for an operator.
    public init(context: InboxRequestContext) throws {
        self.signedIn = try context.requireRole([.admin, .supervisor])
        self.coreContext = context.coreContext
    }

    /// Request bodies beyond this are refused with 413, as on every other route.
    public var maxUploadSize: Int { 1 << 20 }
}
