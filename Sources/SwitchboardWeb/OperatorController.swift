import Foundation
import HTTPTypes
public import Hummingbird
import SwitchboardCore

/// `GET /api/v1/operators` (everyone: transfer targets). Creating and editing accounts is in `OperatorAdminController`.
public struct OperatorController: Sendable {
    let dependencies: InboxDependencies

    /// Creates the controller.
    public init(dependencies: InboxDependencies) {
        self.dependencies = dependencies
    }

    /// The routes.
    public var routes: RouteCollection<InboxRequestContext> {
        let routes = RouteCollection(context: InboxRequestContext.self)
        let operators = routes.group(context: OperatorRequestContext.self)
        operators.get("api/v1/operators") { _, _ in
            try JSONResponse.make(Items(items: try await dependencies.store.operators()))
        }
        return routes
    }
}
