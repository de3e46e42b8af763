public import Hummingbird
public import SwitchboardCore

/// The context of a report route: a signed-in supervisor or admin, or an API key with the
/// `reports:read` scope; the handler runs only once one of them is established.
///
/// Routes join it through `routes.group(context: ReportsRequestContext.self)`; building it throws
/// 401 without a session or key, 403 `forbidden` for an operator and 403 `missing_scope` for a key
/// without the scope.
public struct ReportsRequestContext: ChildRequestContext {
    public typealias ParentContext = InboxRequestContext

    public var coreContext: CoreRequestContextStorage

    /// Checks the role or the key's scope.
    /// - Throws: 401, 403 `forbidden` or 403 `missing_scope`.
    public init(context: InboxRequestContext) throws {
        try context.requireRole(ReportsController.readers, orKey: .reportsRead)
        self.coreContext = context.coreContext
    }

    /// Request bodies beyond this are refused with 413, as on every other route.
    public var maxUploadSize: Int { 1 << 20 }
}
