import Testing

@testable import SwitchboardBench

@Suite struct JobQueueTests {
    @Test func takersGetEveryJobOnceThenNilWhenFinished() async {
        // Given four takers waiting before any job exists
        let queue = JobQueue()
        let taken = await withTaskGroup(of: [Int].self) { group in
            for _ in 0..<4 {
                group.addTask {
                    var mine: [Int] = []
                    while let job = await queue.next() { mine.append(job) }
                    return mine
                }
            }
            // When 100 jobs are pushed and the queue is finished
            for job in 0..<100 { queue.push(job) }
            queue.finish()
            var all: [Int] = []
            for await mine in group { all += mine }
            return all
        }
        // Then each job was taken exactly once
        #expect(taken.sorted() == Array(0..<100))
    }

    @Test func jobsPushedBeforeAnyTakerWaitInOrder() async {
        let queue = JobQueue()
        queue.push(1)
        queue.push(2)
        queue.finish()
        #expect(await queue.next() == 1)
        #expect(await queue.next() == 2)
        #expect(await queue.next() == nil)
    }
}
