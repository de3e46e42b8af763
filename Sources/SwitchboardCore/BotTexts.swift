/// What the bot itself says to clients about linking and addressing, in the client's language when known.
public enum BotTexts {
    /// The language family of an IETF tag that has its own texts: `uk`, `ru` or `en`.
    static func family(_ language: String?) -> String {
        let code = (language ?? "").prefix(2).lowercased()
        return ["uk", "ru"].contains(code) ? code : "en"
    }

    /// The one-time code and what to do with it.
    public static func linkCode(_ code: String, language: String?) -> String {
        switch family(language) {
        case "uk": "Ваш код: \(code). Надішліть його нам в іншому месенджері протягом 10 хвилин, щоб об'єднати листування."
        case "ru": "Ваш код: \(code). Отправьте его нам в другом мессенджере в течение 10 минут, чтобы объединить переписку."
        default: "Your code is \(code). Send it to us in your other messenger within 10 minutes to join the two chats."
        }
    }

    /// Confirms that two messengers are now one history.
    public static func linked(language: String?) -> String {
        switch family(language) {
        case "uk": "Готово: тепер ми бачимо все ваше листування разом."
        case "ru": "Готово: теперь мы видим всю вашу переписку вместе."
        default: "Done: we now see your chats in both messengers as one."
        }
    }

    /// Refuses further codes for a while.
    public static func tooManyAttempts(language: String?) -> String {
        switch family(language) {
        case "uk": "Забагато невірних кодів. Спробуйте за 10 хвилин."
        case "ru": "Слишком много неверных кодов. Попробуйте через 10 минут."
        default: "Too many wrong codes. Please try again in 10 minutes."
        }
    }

    /// A code that matches nothing live.
    public static func wrongCode(language: String?) -> String {
        switch family(language) {
        case "uk": "Цей код не підходить або вже застарів. Попросіть новий командою link."
        case "ru": "Этот код не подходит или устарел. Запросите новый командой link."
        default: "That code does not match or has expired. Ask for a new one by sending link."
        }
    }

    /// Asks for the phone number with the share button.
    public static func sharePhone(language: String?) -> String {
        switch family(language) {
        case "uk": "Поділіться, будь ласка, своїм номером телефону кнопкою нижче, щоб ми впізнавали вас у будь-якому месенджері."
        case "ru": "Поделитесь, пожалуйста, своим номером телефона кнопкой ниже, чтобы мы узнавали вас в любом мессенджере."
        default: "Please share your phone number with the button below, so we recognise you in any messenger."
        }
    }

    /// "How should we address you?"
    public static func addressQuestion(language: String?) -> String {
        switch family(language) {
        case "uk": "Підкажіть, будь ласка, як до вас краще звертатися?"
        case "ru": "Подскажите, пожалуйста, как к вам лучше обращаться?"
        default: "How would you like me to address you?"
        }
    }
}
