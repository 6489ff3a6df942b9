/**
 * @module core/suggest
 * "Did you mean": the known names closest to a mistyped one (server ids, client ids, field names).
 */

const MAX_SUGGESTIONS = 3;

function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur.push(Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/**
 * Ids close to `wanted`: substring matches first, then small edit distances.
 * @example suggestIds('cusor', ['cursor', 'vscode']) // ['cursor']
 */
export function suggestIds(wanted: string, ids: readonly string[]): string[] {
  const w = wanted.toLowerCase();
  const limit = Math.max(2, Math.floor(w.length / 3));
  return ids
    .map((id) => ({
      id,
      score: id.includes(w) || (w.length >= 3 && w.includes(id)) ? 0 : levenshtein(w, id),
    }))
    .filter((s) => s.score <= limit)
    .sort((a, b) => a.score - b.score || a.id.localeCompare(b.id))
    .slice(0, MAX_SUGGESTIONS)
    .map((s) => s.id);
}

/** ` Did you mean "a" or "b"?`, or nothing when no known id is close. */
export function didYouMean(wanted: string, ids: readonly string[]): string {
  const near = suggestIds(wanted, ids);
  return near.length > 0 ? ` Did you mean ${near.map((s) => `"${s}"`).join(' or ')}?` : '';
}
