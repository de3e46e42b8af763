public import Foundation
import HTTPTypes
public import Hummingbird
public import SwitchboardCore

/// `GET /files/{expires}/{signature}/{file}`: an operator's upload, for the messenger to fetch
/// (Viber takes media only by URL). No session: the signed link is the permission.
///
/// Only operators' uploads are reachable, each only through a link Switchboard signed, and only
/// until it expires; every other request, a changed signature or expiry included, is a plain 404.
public struct PublicFileController: Sendable {
    let links: OutgoingFileLinks
    let mediaDirectory: URL

    /// Creates the controller.
    public init(links: OutgoingFileLinks, mediaDirectory: URL) {
        self.links = links
        self.mediaDirectory = mediaDirectory
    }

    /// Types served as themselves; anything else is a download of `application/octet-stream`.
    static let servedTypes: Set<String> = ["image/jpeg", "image/png", "image/gif", "video/mp4", "application/pdf"]

    /// The route.
    public var routes: RouteCollection<InboxRequestContext> {
        let routes = RouteCollection(context: InboxRequestContext.self)
        routes.get("\(MediaLinkSigner.routePrefix)/:expires/:signature/:file") { _, context in
            let notFound = APIError(.notFound, code: "not_found", message: "No such file.")
            guard let expires = context.parameters.get("expires"), let signature = context.parameters.get("signature"),
                let file = context.parameters.get("file"),
                let path = links.storedPath(file: file, expires: expires, signature: signature),
                FileManager.default.fileExists(atPath: mediaDirectory.appendingPathComponent(path).path),
                let sidecar = try? Data(contentsOf: mediaDirectory.appendingPathComponent(path + ".json")),
                let metadata = try? JSONDecoder().decode(Uploads.Metadata.self, from: sidecar)
            else { throw notFound }
            var headers = HTTPFields()
            let type = metadata.mimeType.lowercased()
            headers[.contentType] = Self.servedTypes.contains(type) ? type : "application/octet-stream"
            let name = metadata.fileName.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "file"
            // A download, never a page: nothing in a fetched file may run in Switchboard's origin.
            headers[.contentDisposition] = "attachment; filename*=UTF-8''\(name)"
            headers[.cacheControl] = "private, no-store"
            // Streamed like /api/v1/media: a 50 MB file is never held whole in memory.
            let body = try await FileIO().loadFile(path: mediaDirectory.appendingPathComponent(path).path, context: context)
            return Response(status: .ok, headers: headers, body: body)
        }
        return routes
    }
}
