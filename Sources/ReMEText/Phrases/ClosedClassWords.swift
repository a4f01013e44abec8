/// Function-word lists of English that WordNet does not cover (it has only open-class words).
enum ClosedClassWords {
    /// Articles, demonstratives, possessive determiners and quantifiers; stripped from phrase text.
    static let determiners: Set<String> = [
        "a", "an", "the", "this", "that", "these", "those", "some", "any", "each", "every",
        "another", "no", "both", "either", "neither", "all", "several", "many", "few", "much",
        "my", "your", "his", "her", "its", "our", "their", "whose", "such", "what", "which",
        "whatever", "various", "numerous", "multiple", "more", "most", "less", "least",
    ]

    static let pronouns: Set<String> = [
        "i", "you", "he", "she", "it", "we", "they", "me", "him", "us", "them", "myself",
        "yourself", "himself", "herself", "itself", "ourselves", "themselves", "mine", "yours",
        "hers", "ours", "theirs", "someone", "somebody", "something", "anyone", "anybody",
        "anything", "everyone", "everybody", "everything", "nobody", "nothing", "none", "who",
        "whom", "whoever", "one", "ones", "there", "here", "'m", "'re", "'ve", "'ll", "'d", "'t",
    ]

    static let prepositions: Set<String> = [
        "in", "on", "at", "of", "with", "by", "for", "from", "to", "into", "onto", "over", "under",
        "above", "below", "behind", "beside", "besides", "between", "among", "amongst", "through",
        "across", "along", "around", "near", "nearby", "inside", "outside", "against", "toward",
        "towards", "upon", "within", "without", "during", "beneath", "underneath", "atop", "via",
        "like", "about", "after", "before", "beyond", "past", "up", "down", "off", "out", "amid",
        "amidst", "throughout", "alongside", "despite", "except", "per", "than", "as", "unlike",
        "including", "opposite", "next", "onto", "aboard", "till", "until", "since",
    ]

    static let coordinators: Set<String> = ["and", "or", "but", "nor", "&", "plus"]

    static let subordinators: Set<String> = [
        "while", "whereas", "although", "though", "because", "if", "when", "where", "whether",
        "so", "yet", "whilst", "unless", "once", "how", "why",
    ]

    static let auxiliaries: Set<String> = [
        "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "having",
        "do", "does", "did", "can", "could", "will", "would", "shall", "should", "may", "might",
        "must", "seems", "seem", "appears", "appear", "appeared", "seemed", "becomes", "become",
    ]

    /// Adverbs that WordNet lacks or lists also as other parts of speech, common in captions.
    static let adverbs: Set<String> = [
        "very", "quite", "rather", "also", "too", "not", "just", "only", "even", "still",
        "possibly", "likely", "probably", "perhaps", "slightly", "somewhat", "really", "so",
        "almost", "nearly", "partially", "partly", "mostly", "fully", "entirely", "highly",
        "extremely", "relatively", "fairly", "pretty", "well", "then", "now", "again", "together",
        "away", "either", "instead", "closely", "directly", "visibly", "prominently",
        "clearly", "neatly", "further", "n't", "ever", "never", "always", "often", "sometimes",
        "already", "yet", "however", "therefore", "additionally", "overall", "furthermore",
        "moreover", "currently", "upside", "inside-out", "approximately", "about", "around",
    ]

    /// Cardinal number words.
    static let numerals: Set<String> = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
        "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
        "hundred", "hundreds", "thousand", "thousands", "dozen", "dozens", "million", "millions",
    ]

    static let ordinals: Set<String> = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "last",
    ]

    /// Heads of "X of Y" phrases whose meaningful noun is Y: quantities ("a pair of scissors"),
    /// collectives ("a group of people"), kinds ("a type of bird") and parts ("a piece of cake").
    static let ofHeads: Set<String> = [
        "pair", "group", "piece", "bunch", "couple", "number", "lot", "kind", "type", "sort",
        "set", "variety", "collection", "pile", "stack", "herd", "flock", "crowd", "team",
        "handful", "series", "array", "assortment", "cluster", "selection", "range", "plenty",
        "amount", "bit", "slice", "row", "line", "bundle", "batch", "heap", "mass", "swarm",
        "school", "pack", "fleet", "litter", "bouquet", "mixture", "mix", "combination",
        "abundance", "multitude", "majority", "part", "portion", "section", "chunk", "scoop",
        "sheet", "strip", "layer", "lots", "dozen", "couple", "style", "form", "species", "breed",
        "quantity", "sea", "stream", "string", "display", "arrangement",
    ]

    /// Verbs (lemmas) that take an object followed by a bare infinitive: perception and
    /// causative verbs ("watches a dog run", "let the cat sleep"), and captions' "shows".
    static let bareInfinitiveVerbs: Set<String> = [
        "see", "watch", "hear", "feel", "notice", "observe", "let", "make", "help", "show",
    ]

    /// Words that can be a verb ("sits") but mark a clause when they follow a noun:
    /// copulas and frequent caption verbs WordNet also lists as nouns.
    static let clauseVerbs: Set<String> = [
        "sits", "stands", "lies", "holds", "looks", "rides", "walks", "runs", "plays", "features",
        "shows", "depicts", "contains", "includes", "wears", "appears", "captures", "creates",
        "adds", "eats", "carries", "hangs", "leans", "rests", "flies", "grazes", "swims",
        "displays", "makes", "gives", "suggests", "has", "jumps", "waits", "sit", "stand", "walk",
        "ride", "play", "hold", "wear", "look", "eat", "fly", "graze", "swim", "lie", "rest",
        "lay", "laying", "surround", "surrounds", "cover", "covers", "fill", "fills", "line", "lines",
        "overlook", "overlooks", "sleeps", "sleep", "adds", "offers", "showcases", "complements", "serves", "highlights",
        "reflects", "indicates", "emphasizes", "provides", "allows", "enhances", "adds", "sets", "casts", "face", "faces", "reads", "read", "belongs", "belong", "seems",
    ]
}
