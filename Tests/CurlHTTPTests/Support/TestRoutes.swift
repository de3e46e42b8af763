import Foundation
import Hummingbird

/// The test server's routes.
enum TestRoutes {
    /// The router with every test route, reporting to `probe`.
    static func router(probe: ServerProbe) -> Router<ProbeContext> {
        let router = Router(context: ProbeContext.self)
        router.middlewares.add(RecordingMiddleware(probe: probe))
        router.get("/echo") { request, _ in try await self.echo(request) }
        router.post("/echo") { request, _ in try await self.echo(request) }
        router.put("/echo") { request, _ in try await self.echo(request) }
        router.patch("/echo") { request, _ in try await self.echo(request) }
        router.delete("/echo") { request, _ in try await self.echo(request) }
        router.post("/greeting") { request, context in
            let greeting = try await request.decode(as: Greeting.self, context: context)
            return Greeting(text: greeting.text.uppercased(), count: greeting.count + 1)
        }
        router.post("/form") { request, _ in
            let body = try await request.body.collect(upTo: 1 << 20)
            return try URLEncodedFormDecoder().decode([String: String].self, from: String(buffer: body))
        }
        router.post("/multipart") { request, _ in
            let body = try await request.body.collect(upTo: 1 << 20)
            let contentType = request.headers[.contentType] ?? ""
            return try MultipartParser.parse(Data(body.readableBytesView), contentType: contentType)
        }
        router.get("/headers") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "text/plain"
            headers[.cacheControl] = "no-store"
            headers[values: .setCookie] = ["a=1", "b=2"]
            return Response(
                status: .init(code: 418, reasonPhrase: "I'm a teapot"),
                headers: headers,
                body: .init(byteBuffer: ByteBuffer(string: "short and stout"))
            )
        }
        router.get("/bytes") { request, _ in
            let count = request.uri.queryParameters.get("count", as: Int.self) ?? 0
            return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(repeating: UInt8(ascii: "x"), count: count)))
        }
        router.get("/hang") { _, _ in
            probe.recordHangArrival()
            await probe.hangGate.wait()
            return "released"
        }
        return router
    }

    private static func echo(_ request: Request) async throws -> Echo {
        let body = try await request.body.collect(upTo: 4 << 20)
        return Echo(
            method: request.method.rawValue,
            uri: request.uri.description,
            contentType: request.headers[.contentType],
            userAgent: request.headers[.userAgent],
            acceptEncoding: request.headers[.acceptEncoding],
            expect: request.headers[.expect],
            testHeader: request.headers.first { $0.name.canonicalName == "x-test" }?.value,
            body: String(buffer: body)
        )
    }
}

/// Counts every request and the client port it came from.
struct RecordingMiddleware: RouterMiddleware {
    /// Where counts go.
    let probe: ServerProbe

    /// Records the request, then passes it on.
    func handle(_ request: Request, context: ProbeContext, next: (Request, ProbeContext) async throws -> Response) async throws -> Response {
        self.probe.recordRequest(remotePort: context.remotePort)
        return try await next(request, context)
    }
}

extension Echo: ResponseCodable {}
extension Greeting: ResponseCodable {}
extension EchoedPart: ResponseEncodable {}
