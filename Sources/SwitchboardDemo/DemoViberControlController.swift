import Foundation
import Hummingbird
import MessengerFakes

/// Routes that play a Viber client's side of the demo's fake Viber, registered by `switchboard demo` only.
///
/// Browser tests use them to have a Viber client send a picture, a sticker or a location: the fake
/// hosts pictures at expiring media URLs, as Viber's CDN does, and sends the `message` callback.
struct DemoViberControlController<Context: RequestContext>: Sendable {
    let viber: FakeViber
    let botToken: String

    struct Picture: Decodable {
        /// The picture's bytes, base64.
        let imageBase64: String
        let fileName: String?
        let contentType: String?
        let caption: String?
        let name: String?
    }

    struct Sticker: Decodable {
        let stickerId: Int64
        /// The sticker's picture, base64; none sends the sticker without `media`.
        let imageBase64: String?
        let name: String?
    }

    struct Location: Decodable {
        let lat: Double
        let lon: Double
        let name: String?
    }

    struct Sent: ResponseEncodable {
        let mediaURL: String?
        let acknowledged: Bool
    }

    /// `POST /demo/viber/users/{id}/pictures`, `…/stickers` and `…/locations`: the Viber user `id` sends one.
    var routes: RouteCollection<Context> {
        let routes = RouteCollection(context: Context.self)
        let users = routes.group("demo/viber/users/{id}")
        users.post("pictures") { request, context -> EditedResponse<Sent> in
            let body = try await request.decode(as: Picture.self, context: context)
            let url = await viber.hostMedia(
                try Self.bytes(body.imageBase64),
                fileName: body.fileName ?? "picture.jpg",
                contentType: body.contentType ?? "image/jpeg"
            )
            return try await send(.picture(url: url, caption: body.caption), from: context, name: body.name, mediaURL: url)
        }
        users.post("stickers") { request, context -> EditedResponse<Sent> in
            let body = try await request.decode(as: Sticker.self, context: context)
            var url: String?
            if let image = body.imageBase64 {
                url = await viber.hostMedia(try Self.bytes(image), fileName: "sticker.png", contentType: "image/png")
            }
            return try await send(.sticker(id: body.stickerId, url: url), from: context, name: body.name, mediaURL: url)
        }
        users.post("locations") { request, context -> EditedResponse<Sent> in
            let body = try await request.decode(as: Location.self, context: context)
            return try await send(.location(lat: body.lat, lon: body.lon), from: context, name: body.name, mediaURL: nil)
        }
        return routes
    }

    private func send(_ message: FakeViber.UserMessage, from context: Context, name: String?, mediaURL: String?) async throws -> EditedResponse<Sent>
    {
        let user = FakeViber.User(id: try context.parameters.require("id"), name: name ?? "Viber client")
        let result = try await viber.userSends(bot: botToken, user: user, message: message)
        return EditedResponse(status: .created, response: Sent(mediaURL: mediaURL, acknowledged: result.acknowledged))
    }

    private static func bytes(_ base64: String) throws -> Data {
        guard let bytes = Data(base64Encoded: base64), !bytes.isEmpty else {
            throw HTTPError(.badRequest, message: "The image is not base64 bytes.")
        }
        return bytes
    }
}
