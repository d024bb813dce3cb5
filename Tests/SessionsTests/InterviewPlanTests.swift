import RepeatableRandom
import Testing

@testable import Sessions

/// The order a mock interview asks its questions in.
@Suite struct InterviewPlanTests {
    static let prompts: [Prompt] =
        (1...8).map { Prompt(id: "b\($0)", text: "Behavioural \($0)?", category: "behavioural") }
        + (1...3).map { Prompt(id: "c\($0)", text: "Curveball \($0)?", category: "curveball") }

    /// Over many interviews: the asked count, no repeats, exactly one curveball and always in the
    /// second half, at most one follow-up and only straight after an ordinary answer; follow-ups
    /// come in some interviews and not in others.
    @Test func oneCurveballInTheSecondHalfAndSometimesAFollowUp() {
        var random = RepeatableRandomNumberGenerator(seed: 42)
        var withFollowUp = 0
        for count in [2, 3, 6, 7] {
            for _ in 0..<50 {
                let plan = InterviewPlan(from: Self.prompts, count: count, using: &random)
                let main = plan.questions.filter { $0.role != .followUp }
                #expect(main.count == count)
                #expect(Set(plan.questions.map(\.prompt.id)).count == plan.questions.count)
                let curveballs = main.indices.filter { main[$0].role == .curveball }
                #expect(curveballs.count == 1)
                #expect(curveballs.allSatisfy { $0 >= count / 2 }, "curveball at \(curveballs) of \(count)")
                #expect(curveballs.allSatisfy { main[$0].prompt.category == "curveball" })
                let followUps = plan.questions.indices.filter { plan.questions[$0].role == .followUp }
                #expect(followUps.count <= 1)
                for index in followUps {
                    #expect(index > 0 && plan.questions[index - 1].role == .main)
                    #expect(plan.questions[index].prompt.category == "follow-up")
                }
                withFollowUp += followUps.count
            }
        }
        #expect(withFollowUp > 20 && withFollowUp < 180, "\(withFollowUp) follow-ups in 200 interviews")
    }

    @Test func withoutCurveballsEveryQuestionIsOrdinary() {
        var random = RepeatableRandomNumberGenerator(seed: 7)
        let plan = InterviewPlan(
            from: Self.prompts.filter { $0.category != "curveball" }, count: 4, using: &random)
        #expect(plan.questions.filter { $0.role == .main }.count == 4)
        #expect(!plan.questions.contains { $0.role == .curveball })
    }
}
