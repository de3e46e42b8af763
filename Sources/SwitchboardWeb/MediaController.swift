import Foundation
import HTTPTypes
public import Hummingbird
import NIOCore

/// `POST /api/v1/uploads` (an operator's file for a reply) and `GET /api/v1/media/{path}` (stored
/// files, for signed-in operators only).
public struct MediaController: Sendable {
    let dependencies: InboxDependencies

    /// Creates the controller.
    public init(dependencies: InboxDependencies) {
        self.dependencies = dependencies
    }

    struct Uploaded: Encodable {
        let id: String
        let fileName: String
        let mimeType: String
        let byteCount: Int64
    }

    /// The routes.
    public var routes: RouteCollection<InboxRequestContext> {
        let routes = RouteCollection(context: InboxRequestContext.self)
        let operators = routes.group(context: OperatorRequestContext.self)
        operators.post("api/v1/uploads") { request, _ in
            let buffer: ByteBuffer
            do {
                buffer = try await request.body.collect(upTo: Uploads.maxBytes)
            } catch {
                throw APIError(.contentTooLarge, code: "too_large", message: "Files are at most 20 MB.")
            }
            guard buffer.readableBytes > 0 else { throw APIError(.badRequest, code: "empty", message: "The upload is empty.") }
            let name = request.headers[HTTPField.Name("X-File-Name")!].flatMap { $0.removingPercentEncoding ?? $0 } ?? "file"
            let type = request.headers[.contentType] ?? "application/octet-stream"
            let (id, metadata) = try await Uploads.store(Data(buffer.readableBytesView), fileName: name, mimeType: type, in: dependencies.media)
            return try JSONResponse.make(
                Uploaded(id: id, fileName: metadata.fileName, mimeType: metadata.mimeType, byteCount: metadata.byteCount),
                status: .created
            )
        }
        operators.get("api/v1/media/**") { _, context in
            let path = context.parameters.getCatchAll().joined(separator: "/")
            return try serve(path)
        }
        return routes
    }

    private func serve(_ relativePath: String) throws -> Response {
        let notFound = APIError(.notFound, code: "not_found", message: "No such file.")
        let parts = relativePath.split(separator: "/")
        // Refuse anything that could climb out of the media folder.
        guard !parts.isEmpty, !parts.contains(where: { $0 == ".." || $0 == "." || $0.hasPrefix(".") }) else { throw notFound }
        let url = dependencies.mediaDirectory.appendingPathComponent(parts.joined(separator: "/"))
        guard !url.path.hasSuffix(".json"), let data = try? Data(contentsOf: url) else { throw notFound }
        var metadata: Uploads.Metadata?
        if let sidecar = try? Data(contentsOf: URL(fileURLWithPath: url.path + ".json")) {
            metadata = try? JSONDecoder().decode(Uploads.Metadata.self, from: sidecar)
        }
        // Files downloaded from messengers have no sidecar; their extension tells what they are.
        let byExtension = ["jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif", "webp": "image/webp"]
        let type = metadata?.mimeType ?? byExtension[url.pathExtension.lowercased()] ?? "application/octet-stream"
        var headers = HTTPFields()
        // Only images render inline; anything else downloads, so a hostile HTML file cannot run in the inbox's origin.
        let inline = ["image/jpeg", "image/png", "image/gif", "image/webp"].contains(type)
        headers[.contentType] = inline ? type : "application/octet-stream"
        let name = (metadata?.fileName ?? url.lastPathComponent).addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "file"
        headers[.contentDisposition] = (inline ? "inline" : "attachment") + "; filename*=UTF-8''\(name)"
        headers[.cacheControl] = "private, max-age=3600"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
