import Foundation
import SwitchboardCore
import Testing

/// Which scope opens which route, how scopes are stored, and the per-minute limit.
@Suite struct APIKeyRulesTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func eachScopeOpensItsRoutes() {
        let cases: [(String, String, APIScope?)] = [
            ("POST", "/api/v1/contexts", .contextsWrite),
            ("GET", "/api/v1/conversations", .conversationsRead),
            ("GET", "/api/v1/conversations/42", .conversationsRead),
            ("GET", "/api/v1/conversations/42/messages", .conversationsRead),
            ("GET", "/api/v1/search", .conversationsRead),
            ("GET", "/api/v1/exports/conversations", .conversationsRead),
            ("POST", "/api/v1/conversations/42/messages", .messagesWrite),
            ("GET", "/api/v1/reports/figures", .reportsRead),
            ("GET", "/api/v1/reports/channels", .reportsRead),
            ("GET", "/api/v1/audit", .admin),
            ("DELETE", "/api/v1/api-keys/7", .admin),
            ("PUT", "/api/v1/settings/channels/3/routing", .admin),
            ("POST", "/api/v1/webhooks", .admin),
            ("GET", "/api/v1/webhooks/4/deliveries", .admin),
            ("POST", "/api/v1/webhooks/4/deliveries/9/resend", .admin),
        ]
        for (method, path, scope) in cases {
            #expect(APIRouteAccess.requiredScope(method: method, path: path) == scope, "\(method) \(path)")
        }
    }

    @Test func operatorOnlyRoutesAndOtherMethodsAreClosedToKeys() {
        let closed: [(String, String)] = [
            ("POST", "/api/v1/session"),
            ("POST", "/api/v1/conversations/42/notes"),
            ("POST", "/api/v1/conversations/42/resolve"),
            ("DELETE", "/api/v1/conversations/42/messages"),
            ("POST", "/api/v1/reports/figures"),
            ("GET", "/api/v1/channels"),
            ("GET", "/api/v1/conversations/abc/messages/extra"),
            ("GET", "/webhooks/telegram/1"),
            ("GET", "/api/v2/conversations"),
        ]
        for (method, path) in closed {
            #expect(APIRouteAccess.requiredScope(method: method, path: path) == nil, "\(method) \(path)")
        }
    }

    @Test func scopesAreStoredInOneOrderAndUnknownNamesAreRefused() {
        #expect(APIScope.list([.admin, .contextsWrite, .reportsRead]) == "contexts:write,reports:read,admin")
        #expect(APIScope.parseList("reports:read, admin") == [.reportsRead, .admin])
        #expect(APIScope.parseList("reports:read,everything") == nil)
        #expect(APIScope.parseList("") == nil)
        #expect(APIScope.legacy == [.contextsWrite])
    }

    @Test func keySettingsRefuseNoScopesABlankBotNameAndAnAbsurdLimit() {
        #expect(APIKeySettings().problem == nil)
        #expect(APIKeySettings(scopes: []).problem != nil)
        #expect(APIKeySettings(botName: "  ").problem != nil)
        #expect(APIKeySettings(ratePerMinute: 0).problem != nil)
        #expect(APIKeySettings(scopes: [.admin], botName: "Order system", ratePerMinute: 60).problem == nil)
    }

    @Test func theLimitAllowsItsBudgetThenAsksToWaitForTheWindowsEnd() {
        var window: RateWindow?
        for _ in 0..<3 {
            let (next, decision) = RateWindow.decide(window, limit: 3, now: now)
            #expect(decision == .allowed)
            window = next
        }
        let (kept, refused) = RateWindow.decide(window, limit: 3, now: now.addingTimeInterval(20.5))
        #expect(refused == .refused(retryAfter: 40))
        #expect(kept == window)
        let (fresh, later) = RateWindow.decide(kept, limit: 3, now: now.addingTimeInterval(60))
        #expect(later == .allowed)
        #expect(fresh == RateWindow(start: now.addingTimeInterval(60), count: 1))
        #expect(kept.isOver(at: now.addingTimeInterval(60)) == true)
    }

    @Test func aClockThatWentBackStartsANewWindow() {
        let window = RateWindow(start: now, count: 5)
        let (fresh, decision) = RateWindow.decide(window, limit: 5, now: now.addingTimeInterval(-10))
        #expect(decision == .allowed)
        #expect(fresh.count == 1)
    }
}
