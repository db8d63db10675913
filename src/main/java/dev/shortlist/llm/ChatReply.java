package dev.shortlist.llm;

/** The text a model answered, the tokens the exchange used, and how long the HTTP exchange itself took. */
record ChatReply(String content, int promptTokens, int completionTokens, long httpNanos) {
}
