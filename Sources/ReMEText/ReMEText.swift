// ReMEText: noun-phrase extraction on the WordNet database and caption sources.
// Foundation only; see docs/text.md.
