import SwitchboardCore
import Testing

@Suite struct ReviewSamplingTests {
    let candidates = Array(1...50)

    @Test func theSameSeedPicksTheSameSample() {
        #expect(ReviewSampling.pick(candidates, size: 5, seed: 42) == ReviewSampling.pick(candidates, size: 5, seed: 42))
    }

    @Test func aSampleHasNoRepeatsAndOnlyCandidates() {
        let sample = ReviewSampling.pick(candidates, size: 20, seed: 7)
        #expect(sample.count == 20)
        #expect(Set(sample).count == 20)
        #expect(Set(sample).isSubset(of: Set(candidates)))
    }

    @Test func differentSeedsPickDifferentSamples() {
        let samples = Set((0..<10).map { ReviewSampling.pick(candidates, size: 5, seed: $0) })
        #expect(samples.count > 1)
    }

    @Test func aSampleNeverExceedsTheCandidates() {
        #expect(ReviewSampling.pick([1, 2, 3], size: 10, seed: 1).sorted() == [1, 2, 3])
        #expect(ReviewSampling.pick(candidates, size: -1, seed: 1).isEmpty)
    }

    @Test func everyCandidateCanBePicked() {
        // Over many seeds a uniform sample of 1 from 10 reaches every candidate.
        let picked = Set((0..<500).compactMap { ReviewSampling.pick(Array(0..<10), size: 1, seed: $0).first })
        #expect(picked == Set(0..<10))
    }
}
