import Foundation
import MessengerFakes

// A fake Viber for the viberbot SDK check (`Tests/viber/run.sh`): it runs until killed, writes
// `state.json` (API URL, token, webhook, the scripted user's results) and `sent.json` (every body
// Switchboard sent it) into the folder given as the only argument. Once Switchboard has set its
// webhook, the user opens the chat from a deep link and writes, so Switchboard can answer them.

let arguments = CommandLine.arguments
guard arguments.count == 2 else {
    FileHandle.standardError.write(Data("usage: ViberSDKCheckServer <folder>\n".utf8))
    exit(2)
}
let folder = URL(fileURLWithPath: arguments[1], isDirectory: true)
let token = "4f5a1c2d3e4b5a69-8f7e6d5c4b3a2910-sdkcheck"
var configuration = FakeViber.Configuration()
configuration.allowInsecureWebhooks = true
let viber = try await FakeViber.start(configuration: configuration)
await viber.addBot(token: token, name: "Acme Support", uri: "acmesupport", avatar: "https://acme.example/logo.png")

/// Writes a JSON object atomically, so the Python side never reads half a file.
func write(_ object: Any, to name: String) throws {
    let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    try data.write(to: folder.appendingPathComponent(name), options: .atomic)
}

let user = FakeViber.User(id: "01234567890A=+/sdkUser==", name: "Olena Kovalenko", avatar: "https://media.example/olena.jpg")
var scripted: [String: Any]?
while true {
    if scripted == nil, await viber.webhookURL(bot: token) != nil {
        let opened = try await viber.userOpensChat(bot: token, user: user, context: "sdk-check")
        let wrote = try await viber.userSends(bot: token, user: user, message: .text("Hello from the SDK check"))
        scripted = [
            "user_id": user.id, "opened_status": opened.status ?? 0, "welcome_accepted": opened.welcome != nil,
            "welcome_rejection": opened.welcomeRejection?.description ?? "", "message_status": wrote.status ?? 0,
        ]
    }
    let sent = await viber.sentMessages(bot: token).map { message -> [String: Any] in
        ["body": String(decoding: message.json, as: UTF8.self), "welcome": message.isWelcome, "token": String(message.messageToken)]
    }
    var state: [String: Any] = ["api_url": viber.apiURL.absoluteString, "token": token]
    state["webhook"] = await viber.webhookURL(bot: token)?.absoluteString
    state["scripted"] = scripted
    try write(state, to: "state.json")
    try write(sent, to: "sent.json")
    try await Task.sleep(for: .milliseconds(100))
}
