import Foundation
import Hummingbird
import MessengerFakes

/// Routes that play a Viber client's side of the demo's fake Viber, registered by `switchboard demo` only.
///
/// Browser tests use them to have a Viber client send a picture: the fake hosts the bytes at an
/// expiring media URL, as Viber's CDN does, and sends the `message` callback that names it.
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

    struct Sent: ResponseEncodable {
        let mediaURL: String
        let acknowledged: Bool
    }

    /// `POST /demo/viber/users/{id}/pictures`: the Viber user `id` sends a picture.
    var routes: RouteCollection<Context> {
        let routes = RouteCollection(context: Context.self)
        routes.post("demo/viber/users/{id}/pictures") { request, context -> EditedResponse<Sent> in
            let userID = try context.parameters.require("id")
            let body = try await request.decode(as: Picture.self, context: context)
            guard let bytes = Data(base64Encoded: body.imageBase64), !bytes.isEmpty else {
                throw HTTPError(.badRequest, message: "imageBase64 is not a base64 picture.")
            }
            let url = await viber.hostMedia(
                bytes,
                fileName: body.fileName ?? "picture.jpg",
                contentType: body.contentType ?? "image/jpeg"
            )
            let user = FakeViber.User(id: userID, name: body.name ?? "Viber client")
            let result = try await viber.userSends(bot: botToken, user: user, message: .picture(url: url, caption: body.caption))
            return EditedResponse(status: .created, response: Sent(mediaURL: url, acknowledged: result.acknowledged))
        }
        return routes
    }
}
