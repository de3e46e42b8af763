public import Hummingbird
public import SwitchboardCore

/// The context of a route that reads conversations: a signed-in operator, or an API key with the
/// `conversations:read` scope (which sees every department). The viewer is not optional.
///
/// Routes join it through `routes.group(context: ReaderRequestContext.self)`; building it throws
/// 401 without a session or key and 403 `missing_scope` for a key without the scope.
public struct ReaderRequestContext: ChildRequestContext {
    public typealias ParentContext = InboxRequestContext

    public var coreContext: CoreRequestContextStorage
    /// Who reads: the operator's viewer, or `Viewer.integration` for a key.
    public let viewer: Viewer

    /// Takes the operator or key the middlewares found.
    /// - Throws: 401 `unauthenticated` or 403 `missing_scope`.
    public init(context: InboxRequestContext) throws {
        self.viewer = try context.requireViewer(.conversationsRead)
        self.coreContext = context.coreContext
    }

    /// Request bodies beyond this are refused with 413, as on every other route.
    public var maxUploadSize: Int { 1 << 20 }
}
