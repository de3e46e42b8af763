/// Every automatic message the desk can send, each with a default text per language.
public enum AutomationText: String, Sendable, Codable, CaseIterable {
    /// A new conversation, an operator is assigned or nobody waits ahead.
    case welcome
    /// A new conversation that waits in the queue; mentions `{queue_position}`.
    case welcomeQueued = "welcome_queued"
    /// An operator took the conversation; mentions `{operator_name}`.
    case operatorGreeting = "operator_greeting"
    /// The client was idle and the conversation was closed.
    case autoCloseFarewell = "auto_close_farewell"
    /// A new conversation out of business hours; mentions `{back_at}`.
    case outOfHours = "out_of_hours"
    /// Added to the first message on a channel that lets the client pick a department, above its buttons.
    case chooseDepartment = "choose_department"
    /// The client asked for a human ("operator", "людина"…): the conversation jumped the queue.
    case escalated
    /// Feedback step 1, with Yes / No buttons.
    case feedbackResolved = "feedback_resolved"
    /// Label of the "yes" button.
    case feedbackYes = "feedback_yes"
    /// Label of the "no" button.
    case feedbackNo = "feedback_no"
    /// Feedback step 2, with buttons 1 to 5.
    case feedbackScore = "feedback_score"
    /// Feedback step 3, only for a score below 3.
    case feedbackComment = "feedback_comment"
    /// The feedback is complete.
    case feedbackThanks = "feedback_thanks"
    /// Flood control muted the client: sent once per mute.
    case floodNotice = "flood_notice"

    /// Placeholders a text may use; anything else in braces is refused when an admin edits a text.
    public static let placeholders: Set<String> = ["client_name", "operator_name", "queue_position", "back_at"]

    /// Longest text an admin may save: every automatic message is one short message.
    public static let maximumLength = 500

    /// The text shipped with Switchboard.
    public func defaultText(_ language: AutomationLanguage) -> String {
        switch language {
        case .en: english
        case .ru: russian
        case .uk: ukrainian
        }
    }

    private var english: String {
        switch self {
        case .welcome: "Hello, {client_name}! An operator is on the way."
        case .welcomeQueued: "Hello, {client_name}! An operator is on the way. You are number {queue_position} in the queue."
        case .operatorGreeting: "Hello, {client_name}! My name is {operator_name}. What happened?"
        case .autoCloseFarewell: "We are closing this chat for now. Write any time and we will help."
        case .outOfHours: "Our operators are away right now and will be back {back_at}. Your message is in the queue."
        case .escalated: "Got it, connecting you with a person now."
        case .chooseDepartment: "Which team can help you?"
        case .feedbackResolved: "Was your question resolved?"
        case .feedbackYes: "Yes"
        case .feedbackNo: "No"
        case .feedbackScore: "Rate us from 1 to 5"
        case .feedbackComment: "What went wrong?"
        case .feedbackThanks: "Thank you for your feedback!"
        case .floodNotice: "You are sending a lot of messages at once. We keep every one of them; an operator will read them together."
        }
    }

    private var russian: String {
        switch self {
        case .welcome: "Здравствуйте, {client_name}! Оператор уже спешит к вам."
        case .welcomeQueued: "Здравствуйте, {client_name}! Оператор уже спешит к вам. Вы {queue_position}-й в очереди."
        case .operatorGreeting: "Здравствуйте, {client_name}! Меня зовут {operator_name}. Что случилось?"
        case .autoCloseFarewell: "Пока закрываем этот чат. Пишите в любое время, мы поможем."
        case .outOfHours: "Сейчас операторы не на месте, они вернутся {back_at}. Ваше сообщение в очереди."
        case .escalated: "Понял вас, подключаю оператора."
        case .chooseDepartment: "Какой отдел вам поможет?"
        case .feedbackResolved: "Ваш вопрос решён?"
        case .feedbackYes: "Да"
        case .feedbackNo: "Нет"
        case .feedbackScore: "Оцените нас от 1 до 5"
        case .feedbackComment: "Что пошло не так?"
        case .feedbackThanks: "Спасибо за отзыв!"
        case .floodNotice: "Вы отправляете много сообщений подряд. Мы сохраним каждое, оператор прочитает их вместе."
        }
    }

    private var ukrainian: String {
        switch self {
        case .welcome: "Вітаємо, {client_name}! Оператор вже поспішає до вас."
        case .welcomeQueued: "Вітаємо, {client_name}! Оператор вже поспішає до вас. Ви {queue_position}-й у черзі."
        case .operatorGreeting: "Вітаємо, {client_name}! Мене звати {operator_name}. Що сталося?"
        case .autoCloseFarewell: "Поки що закриваємо цей чат. Пишіть будь-коли, ми допоможемо."
        case .outOfHours: "Зараз операторів немає на місці, вони повернуться {back_at}. Ваше повідомлення в черзі."
        case .escalated: "Зрозуміло, з'єдную вас з оператором."
        case .chooseDepartment: "Який відділ вам допоможе?"
        case .feedbackResolved: "Ваше питання вирішено?"
        case .feedbackYes: "Так"
        case .feedbackNo: "Ні"
        case .feedbackScore: "Оцініть нас від 1 до 5"
        case .feedbackComment: "Що пішло не так?"
        case .feedbackThanks: "Дякуємо за відгук!"
        case .floodNotice: "Ви надсилаєте багато повідомлень поспіль. Ми збережемо кожне, оператор прочитає їх разом."
        }
    }
}
