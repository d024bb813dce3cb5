/// The questions of a mock interview, in the order the interviewer asks them.
///
/// Like a real first-round interview: the opening questions come from the ordinary decks, at least
/// one curveball is placed, unannounced, somewhere in the second half, and now and then the
/// interviewer follows an answer up ("Could you give me an example?"), which is a question of its
/// own, stored and compared like any other.
public struct InterviewPlan: Sendable, Equatable {
    /// One question as the interviewer asks it.
    public struct Question: Sendable, Equatable {
        public enum Role: String, Sendable { case main, curveball, followUp }
        public var prompt: Prompt
        public var role: Role
    }

    public var questions: [Question]

    /// The interviewer's follow-ups: questions that depend on nothing but sound natural after an
    /// answer about the candidate's own experience.
    public static let followUps = [
        Prompt(id: "follow-up-example", text: "Could you give me an example?", category: "follow-up"),
        Prompt(id: "follow-up-learned", text: "And what did you learn from that?", category: "follow-up"),
        Prompt(id: "follow-up-differently", text: "What would you do differently next time?", category: "follow-up"),
    ]

    /// Categories after which a follow-up sounds natural.
    static let followedUp: Set<String> = ["behavioural", "situational", "personal"]

    /// Plans `count` questions (at least 2) from `prompts`: `count - 1` ordinary ones (never a
    /// curveball), then one curveball placed at random in the second half; after at most one
    /// ordinary answer about experience, a follow-up (one interview in two). Without curveballs among
    /// `prompts`, every question is ordinary.
    public init(from prompts: [Prompt], count: Int, using generator: inout some RandomNumberGenerator) {
        let curveballs = prompts.filter { $0.category == "curveball" }.shuffled(using: &generator)
        let ordinary = prompts.filter { $0.category != "curveball" }.shuffled(using: &generator)
        var questions = ordinary.prefix(curveballs.isEmpty ? count : count - 1).map {
            Question(prompt: $0, role: .main)
        }
        if let curveball = curveballs.first, count >= 2 {
            let secondHalf = min(count / 2, questions.count)...questions.count
            questions.insert(
                Question(prompt: curveball, role: .curveball), at: Int.random(in: secondHalf, using: &generator))
        }
        let candidates = questions.indices.filter {
            questions[$0].role == .main && Self.followedUp.contains(questions[$0].prompt.category)
        }
        if Bool.random(using: &generator), let after = candidates.randomElement(using: &generator),
            let followUp = Self.followUps.randomElement(using: &generator)
        {
            questions.insert(Question(prompt: followUp, role: .followUp), at: after + 1)
        }
        self.questions = questions
    }
}
