extension Duration {
    /// Whole milliseconds for libcurl's `*_MS` options, at least 1 because 0 means "no limit" there.
    var curlMilliseconds: Int {
        let (seconds, attoseconds) = self.components
        guard seconds < Int64.max / 1000 else { return Int.max }
        let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        return Int(max(1, milliseconds))
    }
}
