import Foundation
import HTTPTypes
public import Hummingbird
import NIOCore
import SwitchboardCore

/// `POST /api/v1/uploads` (an operator's file for a reply), `GET /api/v1/media/{path}` (stored
/// files, for signed-in operators only; `Range` requests get 206, so audio and video seek) and
/// `GET /api/v1/media-limits` (what each messenger takes).
///
/// An upload naming its conversation (`?conversation=<id>`) is checked against that conversation's
/// messenger (``OutgoingFileRule``) before it is stored, so a file the client cannot get is refused at once.
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
        operators.post("api/v1/uploads") { request, context in
            let check = MessengerFileCheck(store: dependencies.store, publicLinks: dependencies.fileLinks != nil)
            var messenger: ChannelKind?
            if let conversation = request.uri.queryParameters["conversation"] {
                messenger = try await check.messenger(ofConversation: String(conversation), viewer: context.signedIn.viewer)
            }
            let buffer: ByteBuffer
            do {
                buffer = try await request.body.collect(upTo: Uploads.maxBytes)
            } catch {
                let limit = MediaAllowance.sizeText(OutgoingFileRule.uploadMaxBytes)
                throw APIError(.contentTooLarge, code: "too_large", message: "Files are at most \(limit).")
            }
            guard buffer.readableBytes > 0 else { throw APIError(.badRequest, code: "empty", message: "The upload is empty.") }
            let name = request.headers[HTTPField.Name("X-File-Name")!].flatMap { $0.removingPercentEncoding ?? $0 } ?? "file"
            let type = request.headers[.contentType] ?? "application/octet-stream"
            if let messenger {
                let file = OutgoingFileRule.File(name: Uploads.sanitized(name), mimeType: type, byteCount: Int64(buffer.readableBytes))
                try check.check(file, to: messenger)
            }
            let (id, metadata) = try await Uploads.store(Data(buffer.readableBytesView), fileName: name, mimeType: type, in: dependencies.media)
            return try JSONResponse.make(
                Uploaded(id: id, fileName: metadata.fileName, mimeType: metadata.mimeType, byteCount: metadata.byteCount),
                status: .created
            )
        }
        operators.get("api/v1/media-limits") { _, _ in
            try JSONResponse.make(MediaLimitsDTO(publicLinks: dependencies.fileLinks != nil))
        }
        operators.get("api/v1/media/**") { request, context in
            let path = context.parameters.getCatchAll().joined(separator: "/")
            return try await serve(path, range: request.headers[.range], context: context)
        }
        return routes
    }

    /// Streams a stored file (never read whole into memory), or the one range a player asked for.
    private func serve(_ relativePath: String, range: String?, context: some RequestContext) async throws -> Response {
        let notFound = APIError(.notFound, code: "not_found", message: "No such file.")
        let parts = relativePath.split(separator: "/")
        // Refuse anything that could climb out of the media folder.
        guard !parts.isEmpty, !parts.contains(where: { $0 == ".." || $0 == "." || $0.hasPrefix(".") }) else { throw notFound }
        let url = dependencies.mediaDirectory.appendingPathComponent(parts.joined(separator: "/"))
        guard !url.path.hasSuffix(".json"),
            let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
            attributes[.type] as? FileAttributeType == .typeRegular,
            let size = (attributes[.size] as? NSNumber)?.int64Value
        else { throw notFound }
        var metadata: Uploads.Metadata?
        if let sidecar = try? Data(contentsOf: URL(fileURLWithPath: url.path + ".json")) {
            metadata = try? JSONDecoder().decode(Uploads.Metadata.self, from: sidecar)
        }
        let presentation = MediaPresentation.of(storedType: metadata?.mimeType, fileExtension: url.pathExtension)
        var headers = HTTPFields()
        headers[.contentType] = presentation.contentType
        let name = (metadata?.fileName ?? url.lastPathComponent).addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "file"
        headers[.contentDisposition] = (presentation.inline ? "inline" : "attachment") + "; filename*=UTF-8''\(name)"
        headers[.cacheControl] = "private, max-age=3600"
        headers[.acceptRanges] = "bytes"
        let fileIO = FileIO()
        switch ByteRangeRequest.resolve(header: range, size: size) {
        case .whole:
            guard size > 0 else { return Response(status: .ok, headers: headers, body: .init()) }
            let body = try await fileIO.loadFile(path: url.path, context: context)
            return Response(status: .ok, headers: headers, body: body)
        case .part(let bytes):
            headers[.contentRange] = "bytes \(bytes.lowerBound)-\(bytes.upperBound)/\(size)"
            let body = try await fileIO.loadFile(path: url.path, range: Int(bytes.lowerBound)...Int(bytes.upperBound), context: context)
            return Response(status: .partialContent, headers: headers, body: body)
        case .unsatisfiable:
            throw RangeNotSatisfiable(size: size)
        }
    }
}

/// A 416 that names the file's size in `Content-Range`, as RFC 9110 asks.
struct RangeNotSatisfiable: HTTPResponseError {
    let size: Int64

    var status: HTTPResponse.Status { .rangeNotSatisfiable }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = try APIError(.rangeNotSatisfiable, code: "range_not_satisfiable", message: "The file has \(size) bytes.")
            .response(from: request, context: context)
        response.headers[.contentRange] = "bytes */\(size)"
        return response
    }
}
