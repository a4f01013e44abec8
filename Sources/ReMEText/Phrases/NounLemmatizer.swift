/// Chooses the root lemma of a head noun: `rabbits` → `rabbit`, `children` → `child`,
/// `traffic lights` → `traffic light`.
///
/// When WordNet lists both the plural itself and a singular ("arms" and "arm"), the singular wins
/// unless the plural is a pluralia-tantum object name (below) or is used more often in the
/// WordNet concordance than its singular.
public struct NounLemmatizer: Sendable {
    public let morphy: Morphy

    public init(lexicon: WordNetLexicon) { morphy = Morphy(lexicon: lexicon) }

    /// Plural-only object names whose singular means something else in WordNet.
    static let pluraliaTantum: Set<String> = [
        "glasses", "sunglasses", "eyeglasses", "goggles", "spectacles", "binoculars",
        "shorts", "pants", "trousers", "jeans", "leggings", "tights", "overalls", "pajamas",
        "pyjamas", "briefs", "trunks", "scissors", "shears", "pliers", "tongs", "tweezers",
        "headphones", "earphones", "clothes", "people", "stairs", "remains", "woods", "surroundings",
        "belongings", "premises", "outskirts", "mittens", "suds",
    ]

    /// The root of `word` (lowercased; may be a multi-word noun) as a noun.
    public func lemma(_ word: String) -> String {
        if Self.pluraliaTantum.contains(word) { return word }
        let forms = morphy.baseForms(word, pos: .noun)
        guard let first = forms.first else { return word }
        let others = forms.filter { $0 != word }
        guard let best = others.max(by: { frequency($0) < frequency($1) }) else { return first }
        if first == word && frequency(word) > frequency(best) { return word }
        return best
    }

    private func frequency(_ lemma: String) -> Int {
        morphy.lexicon.info(lemma)?.frequency(.noun) ?? 0
    }
}
