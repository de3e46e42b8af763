/// What the clients and operators of the demo history say: short, plausible support exchanges in
/// English, Russian and Ukrainian (none of them asks for a human, so no escalation is recorded).
enum DemoHistoryScript {
    /// The cases the reports must get right, placed on fixed days of the history.
    enum Special: Sendable {
        /// Score 1 with a comment that is markup (rendered as text, never run).
        case hostileLowScore
        /// Score 2 with an ordinary complaint.
        case lowScore
        /// Resolved, then the client writes again and it is reopened and resolved once more.
        case reopened
        /// Resolved without any operator reply: it has a lifetime but no first response.
        case neverAnswered
    }

    /// One client's exchange: who, the first question, a later message, the answer and a follow-up answer.
    struct Lines: Sendable {
        let name: String
        let question: String
        let more: String
        let answer: String
        let followUp: String
    }

    static let lines: [Lines] = [
        Lines(
            name: "Marta Kovalenko",
            question: "Добрий день! Замовлення 48811 досі не відправлене.",
            more: "Можна дізнатися, коли його відправлять?",
            answer: "Добрий день! Замовлення вже на складі, відправимо сьогодні до 18:00.",
            followUp: "Номер накладної надішлю, щойно він з'явиться."
        ),
        Lines(
            name: "James Miller",
            question: "Hi, I was charged twice for order 51230.",
            more: "Both charges show on my card statement.",
            answer: "Sorry about that! I can see the duplicate charge; the refund is on its way.",
            followUp: "The refund usually reaches the card in 3–5 business days."
        ),
        Lines(
            name: "Ирина Соколова",
            question: "Здравствуйте, как поменять адрес доставки?",
            more: "Заказ 50177, новый адрес: Москва, ул. Лесная, 5.",
            answer: "Здравствуйте! Адрес в заказе 50177 обновила.",
            followUp: "Курьер приедет по новому адресу."
        ),
        Lines(
            name: "Sophie Laurent",
            question: "Hello, can I return shoes that I already wore once outside?",
            more: "They are size 39 and too tight.",
            answer: "Hello! Returns are accepted within 30 days if the soles are clean; I have opened a return for you.",
            followUp: "The courier label is in your email now."
        ),
        Lines(
            name: "Андрій Бондар",
            question: "Привіт! Промокод WINTER10 не спрацьовує.",
            more: "Пише, що код недійсний.",
            answer: "Привіт! Код діє з сумою від 1000 грн; додала знижку вручну.",
            followUp: "Знижка вже у вашому кошику."
        ),
        Lines(
            name: "Carlos Ortega",
            question: "Do you deliver to Spain? How long does it take?",
            more: "I would need it before the 20th.",
            answer: "Yes, we deliver to Spain in 4–6 business days.",
            followUp: "If you order by Friday it will arrive in time."
        ),
        Lines(
            name: "Елена Павлова",
            question: "Не приходит письмо для сброса пароля.",
            more: "Проверила папку «Спам», там тоже пусто.",
            answer: "Отправила письмо ещё раз вручную, проверьте, пожалуйста.",
            followUp: "Ссылка действует 24 часа."
        ),
        Lines(
            name: "Oliver Brown",
            question: "My parcel tracking has not updated for four days.",
            more: "Tracking number RB553201948GB.",
            answer: "I checked with the carrier: the parcel is at the sorting centre and moves tomorrow.",
            followUp: "I will keep an eye on it and write if anything changes."
        ),
    ]

    /// What the client of the reopened conversation writes after it was resolved.
    static let reopening = "Sorry, one more thing: can I also change the delivery time?"

    /// Comments of low scores.
    static let lowScoreComments = [
        "Waited too long for an answer.",
        "Ответ не помог, пришлось звонить.",
        "Відповіли, але проблема залишилась.",
    ]
}
