import Foundation
public import Hummingbird
public import SwitchboardCore

/// `POST /api/v1/operators/me/telegram-link` gives the signed-in operator a one-time code; sending
/// `/link CODE` in a staff group (topic mode) ties their Telegram account to them.
/// `GET` says whether they are linked.
public struct TelegramLinkController: Sendable {
    let store: any StaffStore
    let clock: any WallClock

    /// Creates the controller.
    public init(store: any StaffStore, clock: any WallClock) {
        self.store = store
        self.clock = clock
    }

    struct CodeDTO: Encodable {
        let code: String
        let command: String
        let expiresAt: Date
    }

    struct StatusDTO: Encodable {
        let linked: Bool
        let telegramUserID: Int64?
    }

    /// The routes.
    public var routes: RouteCollection<InboxRequestContext> {
        let routes = RouteCollection(context: InboxRequestContext.self)
        let operators = routes.group(context: OperatorRequestContext.self)
        operators.get("api/v1/operators/me/telegram-link") { _, context in
            let user = try await store.linkedTelegramUser(of: context.signedIn.account.id)
            return try JSONResponse.make(StatusDTO(linked: user != nil, telegramUserID: user))
        }
        operators.post("api/v1/operators/me/telegram-link") { _, context in
            // Eight random digits, valid for ten minutes and once: guessing one in a staff group is hopeless.
            let code = String(format: "%08d", UInt32.random(in: 0..<100_000_000))
            let expiresAt = clock.now().addingTimeInterval(StaffPlan.linkCodeLifetime)
            try await store.issueTelegramLinkCode(code, for: context.signedIn.account.id, expiresAt: expiresAt)
            return try JSONResponse.make(CodeDTO(code: code, command: "/link \(code)", expiresAt: expiresAt), status: .created)
        }
        return routes
    }
}
