import Accounts
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import SwitchboardCore

/// One throttled password check, shared by sign-in and the own-password change.
///
/// The attempt is reserved before bcrypt runs and released only on success; an unknown or inactive
/// login is checked against a decoy hash so it takes as long as a known one.
struct PasswordCheck {
    let dependencies: InboxDependencies

    /// The account when `password` is right for `login`, nil when not.
    /// - Throws: 429 `too_many_attempts` (its `retryAfter` says when) before any lookup when throttled;
    ///   the store's error when the attempt could not be counted.
    func verify(
        login: String,
        password: String,
        address: String,
        logger: Logger
    ) async throws -> Operator? {
        switch try await dependencies.throttle.reserve(login: login, address: address) {
        case .refuse(let reason, let retryAfter):
            logger.warning(
                "sign-in throttled",
                metadata: ["login": "\(LoginText.logForm(login))", "address": "\(address)", "reason": "\(reason.rawValue)"]
            )
            throw ThrottledSignIn(retryAfter: retryAfter)
        case .proceed(let attempt):
            let account: Operator?
            do {
                account = try await check(login: login, password: password)
            } catch {
                // A failure only gives the slot back; it has nothing to write, so it cannot throw.
                try? await dependencies.throttle.finish(attempt, succeeded: false)
                throw error
            }
            try await dependencies.throttle.finish(attempt, succeeded: account != nil)
            if account == nil {
                logger.info("sign-in refused", metadata: ["login": "\(LoginText.logForm(login))", "address": "\(address)"])
            }
            return account
        }
    }

    private func check(login: String, password: String) async throws -> Operator? {
        let found = try await dependencies.store.credentials(login: login)
        guard let found, found.active, !found.passwordHash.isEmpty else {
            _ = try await dependencies.hasher.verify(password, hash: try await dependencies.decoy.value())
            return nil
        }
        return try await dependencies.hasher.verify(password, hash: found.passwordHash) ? found.operator : nil
    }
}

/// A 429 with `Retry-After`, thrown before the password check.
struct ThrottledSignIn: HTTPResponseError {
    let retryAfter: TimeInterval

    var status: HTTPResponse.Status { .tooManyRequests }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = try APIError(.tooManyRequests, code: "too_many_attempts", message: "Too many sign-in attempts; try again later.")
            .response(from: request, context: context)
        response.headers[.retryAfter] = String(Int(retryAfter.rounded(.up)))
        return response
    }
}

extension Request {
    /// The client's address for throttling (see ``ClientAddress``), given the TCP peer's.
    func clientAddress(peer: String?) -> String {
        ClientAddress.resolve(peer: peer, forwardedFor: headers[HTTPField.Name("X-Forwarded-For")!])
    }
}
