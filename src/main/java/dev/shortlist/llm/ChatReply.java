package dev.shortlist.llm;

/** The text a model answered and the tokens the exchange used. */
record ChatReply(String content, int promptTokens, int completionTokens) {
}
