import Accounts
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SwitchboardCore
import SwitchboardEngine

extension OperatorAdminController {
    struct PasswordReset: Decodable {
        let password: String
    }

    struct PasswordChange: Decodable {
        let current: String
        let new: String
    }

    /// Password resets (admins), the operator's own password change, and avatars (admins, or the
    /// operator themself).
    func addCredentials(to routes: RouteCollection<InboxRequestContext>) {
        let admins = routes.group(context: AdminRequestContext.self)
        let operators = routes.group(context: OperatorRequestContext.self)
        admins.post("api/v1/operators/:id/password") { request, context in
            let signedIn = context.admin
            let id = try Self.id(context)
            let body = try await JSONResponse.decode(PasswordReset.self, from: request, limit: 4 * 1024)
            try Self.checkStrength(body.password)
            let hash = try await dependencies.hasher.hash(body.password)
            let events = try await StoreErrorMapping.mapped {
                try await store.setPassword(
                    id,
                    hash: hash,
                    keepingSession: nil,
                    action: "operator.password_reset",
                    by: .operator(signedIn.account),
                    at: Date()
                )
            }
            await dependencies.bus.publish(events)
            return JSONResponse.noContent
        }
        operators.put("api/v1/session/password") { request, context in
            let signedIn = context.signedIn
            let body = try await JSONResponse.decode(PasswordChange.self, from: request, limit: 4 * 1024)
            // The new password's rule first: a refused one should not cost a throttled bcrypt check.
            try Self.checkStrength(body.new)
            let check = PasswordCheck(dependencies: dependencies)
            guard
                try await check.verify(
                    login: signedIn.account.login,
                    password: body.current,
                    address: request.clientAddress(peer: context.peerAddress),
                    logger: context.logger
                ) != nil
            else {
                throw APIError(.badRequest, code: "wrong_password", message: "The current password is wrong.")
            }
            let hash = try await dependencies.hasher.hash(body.new)
            // The session making the change stays; every other session of the operator ends.
            let events = try await store.setPassword(
                signedIn.account.id,
                hash: hash,
                keepingSession: signedIn.session.tokenHash,
                action: "operator.password_changed",
                by: .operator(signedIn.account),
                at: Date()
            )
            await dependencies.bus.publish(events)
            return JSONResponse.noContent
        }
        operators.put("api/v1/operators/:id/avatar") { request, context in
            let (signedIn, id) = try await avatarTarget(context)
            let data = try await Self.avatarBody(request)
            let header: ImageHeader
            do {
                header = try AvatarPolicy.check(data)
            } catch let refusal as AvatarRefusal {
                throw APIError(.unprocessableContent, code: "invalid_avatar", message: "The avatar was refused: \(refusal.description).")
            }
            // A new name per upload: Viber and browsers cache a picture by its URL.
            let suffix = UUID().uuidString.lowercased().prefix(8)
            let url = try Avatars.store(
                data,
                name: "operator-\(id.rawValue)-\(suffix).\(header.format.fileExtension)",
                mediaDirectory: dependencies.mediaDirectory,
                publicURL: publicURL
            )
            let account = try await store.setAvatar(id, url: url, by: .operator(signedIn.account), at: Date())
            return try JSONResponse.make(AdminOperatorDTO(account))
        }
        operators.delete("api/v1/operators/:id/avatar") { _, context in
            let (signedIn, id) = try await avatarTarget(context)
            let account = try await store.setAvatar(id, url: nil, by: .operator(signedIn.account), at: Date())
            return try JSONResponse.make(AdminOperatorDTO(account))
        }
    }

    /// The signed-in operator and the operator whose avatar changes: an admin changes anyone's,
    /// others only their own.
    /// - Throws: 401, 403 `forbidden`, 404 `not_found`.
    private func avatarTarget(_ context: OperatorRequestContext) async throws -> (SignedInOperator, OperatorID) {
        let signedIn = context.signedIn
        let id = try Self.id(context)
        guard signedIn.account.role == .admin || signedIn.account.id == id else {
            throw APIError(.forbidden, code: "forbidden", message: "Only admins change other operators' avatars.")
        }
        guard try await store.operatorAccount(id) != nil else { throw APIError(.notFound, code: "not_found", message: "No such operator.") }
        return (signedIn, id)
    }

    /// The raw image of an avatar upload.
    /// - Throws: 422 `invalid_avatar` for another declared type or a body far over the limit.
    private static func avatarBody(_ request: Request) async throws -> Data {
        if let type = request.headers[.contentType]?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased(),
            !["image/jpeg", "image/png"].contains(type)
        {
            throw APIError(.unprocessableContent, code: "invalid_avatar", message: "The avatar was refused: an avatar must be a JPEG or PNG image.")
        }
        do {
            let buffer = try await request.body.collect(upTo: 1 << 20)
            return Data(buffer.readableBytesView)
        } catch {
            throw APIError(
                .unprocessableContent,
                code: "invalid_avatar",
                message:
                    "The avatar was refused: it is over 1 MB; at most 100 KB is accepted (Viber's limit), and Switchboard does not resize pictures."
            )
        }
    }
}
