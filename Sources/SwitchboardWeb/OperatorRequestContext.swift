public import Hummingbird
public import SwitchboardCore

/// The context of a route only a signed-in operator reaches: the operator is not optional, so a
/// handler on it cannot forget the check (`hummingbird-examples:auth-otp`'s authenticated context).
///
/// Routes join it through `routes.group(context: OperatorRequestContext.self)`; building it throws
/// 401 `unauthenticated` without a live session, before the handler runs.
public struct OperatorRequestContext: ChildRequestContext {
    public typealias ParentContext = InboxRequestContext

    public var coreContext: CoreRequestContextStorage
    /// The signed-in operator.
    public let signedIn: SignedInOperator
    /// The TCP peer's IP address, for the throttled password check.
    public let peerAddress: String?

    /// Takes the operator the session middleware found.
    /// - Throws: 401 `unauthenticated` without a live session.
    public init(context: InboxRequestContext) throws {
        self.signedIn = try context.requireOperator()
        self.peerAddress = context.peerAddress
        self.coreContext = context.coreContext
    }

    /// Request bodies beyond this are refused with 413, as on every other route.
    public var maxUploadSize: Int { 1 << 20 }

    /// The operator as the audit log names them.
    public var auditActor: AuditActor { .operator(signedIn.account) }

    /// Checks a role that depends on what the request touches (a shared canned reply), once the
    /// operator is known.
    /// - Throws: 403 `forbidden` for another role.
    public func requireRole(_ roles: Set<OperatorRole>) throws {
        guard roles.contains(signedIn.account.role) else {
            throw APIError(.forbidden, code: "forbidden", message: "Your role may not do this.")
        }
    }
}
