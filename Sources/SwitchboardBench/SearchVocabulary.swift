/// The words of the synthetic support history: a few hundred real support words first, then
/// thousands of made-up ones, drawn with a Zipf distribution so a handful of words are in most
/// messages and most words are rare, as in real text.
struct SearchVocabulary {
    /// Words in rank order: index 0 is the most frequent.
    let words: [String]
    /// Cumulative Zipf weights, for drawing a rank with a binary search.
    private let cumulative: [Double]

    static let common = """
        the to i my and is it you a for of in not order please have this can we on your with be was but \
        delivery payment refund card thanks hello help when where still account app price money parcel \
        package today tomorrow yesterday week time status number phone code address email password login \
        error problem working wrong cancel change return exchange size colour color invoice receipt bonus \
        discount promo subscription tariff plan internet router balance transfer bank courier store shop \
        manager operator human answer waiting call back urgent again broken damaged missing late early \
        received sent paid charged twice double blocked unlock verify confirm photo screenshot attached
        """.split(whereSeparator: \.isWhitespace).map(String.init)

    /// Builds the vocabulary: the common words, then made-up words out of syllables up to `size`.
    init(size: Int) {
        var words = Self.common
        let syllables = ["ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "zo", "pe", "da", "gu", "ri", "fe", "bo", "ly"]
        var seen = Set(words)
        var index = 0
        while words.count < size {
            var word = ""
            var value = index
            repeat {
                word += syllables[value % syllables.count]
                value /= syllables.count
            } while value > 0
            word += syllables[index % 7]
            if seen.insert(word).inserted { words.append(word) }
            index += 1
        }
        self.words = words
        var total = 0.0
        cumulative = (1...words.count).map { rank in
            total += 1 / Double(rank)
            return total
        }
    }

    /// A word drawn with probability proportional to 1 / rank.
    func draw(_ random: inout ReportsSeed.Random) -> String {
        let target = Double(random.next(1 << 30)) / Double(1 << 30) * cumulative[cumulative.count - 1]
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] < target { low = middle + 1 } else { high = middle }
        }
        return words[low]
    }
}
