/// A failure to load the WordNet database.
public enum WordNetError: Error, CustomStringConvertible, Equatable {
    case missingFile(path: String)
    case unreadableFile(path: String, reason: String)
    case emptyIndex(path: String)

    public var description: String {
        switch self {
        case .missingFile(let path):
            "WordNet database file not found: \(path) (install Debian's `wordnet-base`, or set WNSEARCHDIR to the folder holding index.noun)"
        case .unreadableFile(let path, let reason):
            "cannot read WordNet file \(path): \(reason)"
        case .emptyIndex(let path):
            "WordNet index \(path) holds no lemmas (expected lines like `dog n 7 5 @ ...`)"
        }
    }
}
