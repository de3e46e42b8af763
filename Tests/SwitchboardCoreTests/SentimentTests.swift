import SwitchboardCore
import Testing

@Suite struct SentimentTests {
    @Test(arguments: [
        "спасибо, все круто", "Спасибо большое!", "Отлично, помогли", "Дякую, все чудово", "дякуємо", "Thanks, that helped!",
        "Great, thank you", "perfect",
    ])
    func praiseIsPositive(_ text: String) {
        #expect(Sentiment.classify(text) == .positive)
    }

    @Test(arguments: [
        "не помогли", "Вы мне не помогли", "ужасный сервис", "Ужасно долго", "не допомогли", "жахливий сервіс", "це погано",
        "terrible support", "you didn't help", "useless", "спасибо, но вы не помогли", "not great", "не круто",
    ])
    func complaintsAreNegative(_ text: String) {
        #expect(Sentiment.classify(text) == .negative)
    }

    @Test(arguments: ["Где мой заказ?", "hello", "", "12345", "оператор"])
    func neutralMessagesAreNotTagged(_ text: String) {
        #expect(Sentiment.classify(text) == nil)
    }
}
