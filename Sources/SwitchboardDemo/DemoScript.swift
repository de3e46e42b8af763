/// The simulated clients of `switchboard demo`: who they are and what they write, in Russian,
/// Ukrainian and English, so a newcomer sees a realistic, multilingual inbox.
struct DemoScript: Sendable {
    /// Which fake messenger a simulated client writes from.
    enum Messenger: Sendable {
        case telegram
        case viber
    }

    /// One simulated user and the lines they write, in order.
    struct Client: Sendable {
        var messenger: Messenger = .telegram
        let userID: Int64
        let firstName: String
        let lastName: String?
        let username: String?
        let languageCode: String
        let lines: [String]
    }

    /// The cast; `switchboard demo --clients N` uses the first N.
    static let clients: [Client] = [
        Client(
            userID: 7_100_000_001,
            firstName: "Ольга",
            lastName: "Смирнова",
            username: "olga_sm",
            languageCode: "ru",
            lines: [
                "Здравствуйте! Я оплатила заказ 48213, но статус до сих пор «ожидает оплаты».",
                "Платёж прошёл вчера около 18:00, деньги списались.",
                "Спасибо, жду.",
            ]
        ),
        Client(
            messenger: .viber,
            userID: 7_100_000_002,
            firstName: "Тарас",
            lastName: nil,
            username: "taras_k",
            languageCode: "uk",
            lines: [
                "Добрий день! Чи можна змінити адресу доставки?",
                "Нова адреса: Київ, вул. Саксаганського, 12, кв. 7.",
                "Дякую, гарного дня!",
            ]
        ),
        Client(
            userID: 7_100_000_003,
            firstName: "Emily",
            lastName: "Carter",
            username: "emcarter",
            languageCode: "en",
            lines: [
                "Hi, my promo code SPRING25 says it has expired, but the email says it is valid until Sunday.",
                "Here is the order number: 55102.",
                "Great, that worked. Thanks!",
            ]
        ),
        Client(
            userID: 7_100_000_004,
            firstName: "Дмитрий",
            lastName: nil,
            username: nil,
            languageCode: "ru",
            lines: [
                "оператор",
                "Не приходит код подтверждения по СМС уже полчаса.",
                "Номер +7 900 000-00-00, пробовал три раза.",
            ]
        ),
        Client(
            messenger: .viber,
            userID: 7_100_000_005,
            firstName: "Оксана",
            lastName: "Мельник",
            username: "oksana_m",
            languageCode: "uk",
            lines: [
                "Вітаю! Коли буде в наявності розмір M?",
                "Можна оформити передзамовлення?",
            ]
        ),
        Client(
            userID: 7_100_000_006,
            firstName: "Lucas",
            lastName: nil,
            username: "lucas_dev",
            languageCode: "en",
            lines: [
                "Hello! Do you ship to Portugal?",
                "And how long does delivery usually take?",
                "human",
            ]
        ),
    ]
}
