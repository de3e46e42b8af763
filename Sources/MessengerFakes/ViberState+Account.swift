import Foundation

extension ViberState {
    /// get_account_info: the bot's profile, webhook and subscriber count.
    func accountInfo(token: String) -> [String: Any] {
        guard let bot = bots[token] else { return [:] }
        var info: [String: Any] = [
            "id": "pa:\(bot.uri)", "name": bot.name, "uri": bot.uri, "category": "Services", "subcategory": "Support",
            "country": "UA", "location": ["lat": 50.4501, "lon": 30.5234], "webhook": bot.webhook?.url.absoluteString ?? "",
            "event_types": bot.webhook?.eventTypes ?? ViberBotState.allEventTypes.filter { $0 != "message" },
            "subscribers_count": bot.subscriberCount,
            "members": [["id": "member-\(bot.uri)", "name": "\(bot.name) admin", "role": "admin"]],
        ]
        info["icon"] = bot.avatar
        return info
    }

    /// get_user_details: the full user object, at most `userDetailsLimit` times per user per window.
    func userDetails(token: String, body: [String: Any]) throws(Rejection) -> [String: Any] {
        guard let idValue = body["id"] else { throw Rejection(.missingData, "id is missing") }
        guard let id = idValue as? String, !id.isEmpty else { throw Rejection(.badData, "id must be a user id") }
        guard var subscriber = bots[token]?.users[id] else { throw Rejection(.receiverNotRegistered) }
        let now = now
        subscriber.detailLookups.removeAll { now.timeIntervalSince($0) >= config.userDetailsWindow }
        if let limit = config.userDetailsLimit, subscriber.detailLookups.count >= limit {
            bots[token]?.users[id] = subscriber
            throw Rejection(.tooManyRequests)
        }
        subscriber.detailLookups.append(now)
        bots[token]?.users[id] = subscriber
        var user = Self.userJSON(subscriber.user, sendName: true, sendPhoto: true)
        user["primary_device_os"] = "Android 14"
        user["viber_version"] = "24.8.0.0"
        user["device_type"] = "Pixel 8"
        user["mcc"] = 255
        user["mnc"] = 1
        return ["message_token": issueMessageToken(), "user": user]
    }

    /// get_online: online status of up to 100 ids; known users are online.
    func online(token: String, body: [String: Any]) throws(Rejection) -> [String: Any] {
        guard let idsValue = body["ids"] else { throw Rejection(.missingData, "ids is missing") }
        guard let ids = idsValue as? [String], (1...100).contains(ids.count) else {
            throw Rejection(.badData, "ids must be an array of 1–100 user ids")
        }
        let users = ids.map { id -> [String: Any] in
            let known = bots[token]?.users[id] != nil
            return ["id": id, "online_status": known ? 0 : 4, "online_status_message": known ? "online" : "unavailable"]
        }
        return ["users": users]
    }

    /// A user object for callbacks; names and avatars follow the webhook's `send_name` / `send_photo`.
    static func userJSON(_ user: FakeViber.User, sendName: Bool, sendPhoto: Bool) -> [String: Any] {
        var object: [String: Any] = [
            "id": user.id, "name": sendName ? user.name : "Subscriber", "language": user.language, "country": user.country,
            "api_version": user.apiVersion,
        ]
        if sendPhoto { object["avatar"] = user.avatar }
        return object
    }
}
