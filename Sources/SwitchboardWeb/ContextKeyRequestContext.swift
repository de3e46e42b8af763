public import Hummingbird
public import SwitchboardCore

/// The context of `POST /api/v1/contexts`: only the company's systems register deep-link contexts,
/// so the API key (with the `contexts:write` scope) is not optional.
///
/// Building it throws 401 without a key and 403 `missing_scope` for a key without the scope.
public struct ContextKeyRequestContext: ChildRequestContext {
    public typealias ParentContext = InboxRequestContext

    public var coreContext: CoreRequestContextStorage
    public let apiKey: APIKey

    /// Takes the key the API-key middleware found.
    /// - Throws: 401 `unauthenticated` or 403 `missing_scope`.
    public init(context: InboxRequestContext) throws {
        self.apiKey = try context.requireKey(.contextsWrite)
        self.coreContext = context.coreContext
    }

    /// Request bodies beyond this are refused with 413, as on every other route.
    public var maxUploadSize: Int { 1 << 20 }
}
