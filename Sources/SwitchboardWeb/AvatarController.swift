import Accounts
public import Foundation
import HTTPTypes
public import Hummingbird
import NIOCore

/// `GET /avatars/{name}`: operator avatars and bot logos, public because Viber fetches them.
///
/// Only JPEG or PNG files of at most 100 KB from the avatars folder are served; nothing else
/// under the media folder is reachable through this route.
public struct AvatarController: Sendable {
    let directory: URL

    /// Creates the controller for `<mediaDirectory>/avatars`.
    public init(mediaDirectory: URL) {
        self.directory = Avatars.directory(in: mediaDirectory)
    }

    /// The route.
    public var routes: RouteCollection<InboxRequestContext> {
        let routes = RouteCollection(context: InboxRequestContext.self)
        routes.get("avatars/:name") { _, context in
            let name = try context.parameters.require("name")
            let notFound = APIError(.notFound, code: "not_found", message: "No such avatar.")
            guard Avatars.isValidName(name), let data = try? Data(contentsOf: directory.appendingPathComponent(name)),
                data.count <= Avatars.maxBytes, let type = Avatars.imageType(data)
            else { throw notFound }
            var headers = HTTPFields()
            headers[.contentType] = type
            headers[.cacheControl] = "public, max-age=3600"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        return routes
    }
}
