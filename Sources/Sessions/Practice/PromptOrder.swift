/// Which prompts a practice session asks, and in what order.
public enum PromptOrder {
    /// Prompts never answered come first (in deck order), then the ones answered with the most
    /// hesitation (pauses per minute), so practice goes where it is needed. `shuffle` ignores history.
    public static func plan<R: RandomNumberGenerator>(
        _ prompts: [Prompt], history: [String: (answers: Int, meanPausesPerMinute: Double?)], count: Int,
        shuffle: Bool, using generator: inout R
    ) -> [Prompt] {
        if shuffle { return Array(prompts.shuffled(using: &generator).prefix(count)) }
        let fresh = prompts.filter { (history[$0.id]?.answers ?? 0) == 0 }
        let answered = prompts.filter { (history[$0.id]?.answers ?? 0) > 0 }
            .sorted { (history[$0.id]?.meanPausesPerMinute ?? 0) > (history[$1.id]?.meanPausesPerMinute ?? 0) }
        return Array((fresh + answered).prefix(count))
    }
}
