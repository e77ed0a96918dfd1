"""English stop words: never a name on their own, so never an alias, nor a phrase the coverage report counts."""

STOP_WORDS = frozenset({
    "a", "about", "after", "against", "all", "also", "an", "and", "another", "any", "are", "around", "as", "at",
    "be", "been", "before", "being", "between", "both", "but", "by", "can", "could", "did", "do", "does",
    "doing", "during", "each", "even", "few", "for", "from", "further", "had", "has", "have", "having", "he",
    "her", "here", "him", "his", "how", "if", "in", "into", "is", "it", "its", "itself", "just", "many", "may",
    "more", "most", "much", "must", "no", "nor", "not", "now", "of", "off", "on", "once", "one", "only", "or",
    "other", "our", "out", "over", "own", "said", "same", "says", "several", "she", "should", "since", "so",
    "some", "such", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those",
    "through", "to", "too", "two", "three", "under", "until", "up", "very", "was", "we", "were", "what", "when",
    "where", "which", "while", "who", "whom", "why", "will", "with", "would", "yet", "you", "your",
})
