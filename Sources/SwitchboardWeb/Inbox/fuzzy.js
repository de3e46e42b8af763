// Fuzzy matching for the canned-reply picker: the query's letters must appear in order;
// prefix and word-start hits rank higher, so "/ref" finds "refund" before "prefer".

/** Score of `query` against `text`, or -1 when it does not match. Higher is better. */
export function fuzzyScore(query, text) {
  const needle = query.toLowerCase();
  const haystack = text.toLowerCase();
  if (!needle) return 0;
  if (haystack.startsWith(needle)) return 1000 - haystack.length;
  const contained = haystack.indexOf(needle);
  if (contained >= 0) return 500 - contained;
  let score = 0;
  let position = 0;
  let previous = -2;
  for (const letter of needle) {
    const found = haystack.indexOf(letter, position);
    if (found < 0) return -1;
    const wordStart = found === 0 || /[\s_\-/.]/.test(haystack[found - 1]);
    score += (found === previous + 1 ? 5 : 1) + (wordStart ? 3 : 0);
    previous = found;
    position = found + 1;
  }
  return score;
}

/** Canned replies matching `query` by shortcut or title, best first. */
export function rankReplies(replies, query) {
  return replies
    .map((reply) => ({
      reply,
      score: Math.max(fuzzyScore(query, reply.shortcut) * 2, fuzzyScore(query, reply.title)),
    }))
    .filter((entry) => entry.score >= 0)
    .sort((a, b) => b.score - a.score || a.reply.shortcut.localeCompare(b.reply.shortcut))
    .map((entry) => entry.reply);
}
