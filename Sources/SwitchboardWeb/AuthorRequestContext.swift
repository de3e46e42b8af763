public import Hummingbird
public import SwitchboardCore

/// The context of `POST /api/v1/conversations/{id}/messages`: the reply's author is not optional,
/// a signed-in operator or an API key with the `messages:write` scope (which writes as the bot).
///
/// Building it throws 401 without a session or key and 403 `missing_scope` for a key without the scope.
public struct AuthorRequestContext: ChildRequestContext {
    public typealias ParentContext = InboxRequestContext

    /// Who writes a reply.
    public enum Author: Sendable {
        case signedIn(SignedInOperator)
        case apiKey(APIKey)
    }

    public var coreContext: CoreRequestContextStorage
    public let author: Author

    /// Takes the operator, or else the key, the middlewares found (a session wins).
    /// - Throws: 401 `unauthenticated` or 403 `missing_scope`.
    public init(context: InboxRequestContext) throws {
        if let signedIn = context.signedIn {
            self.author = .signedIn(signedIn)
        } else {
            self.author = .apiKey(try context.requireKey(.messagesWrite))
        }
        self.coreContext = context.coreContext
    }

    /// What the author may see: the operator's departments, or every one for a key.
    public var viewer: Viewer {
        switch author {
        case .signedIn(let signedIn): signedIn.viewer
        case .apiKey: .integration
        }
    }

    /// Request bodies beyond this are refused with 413, as on every other route.
    public var maxUploadSize: Int { 1 << 20 }
}
