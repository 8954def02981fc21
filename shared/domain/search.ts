/**
 * Search over the tablet's catalog of learning resources: pure, dependency-free, fast enough to run on
 * every keystroke. Everything is folded (no case, no Vietnamese diacritics), once per document in
 * `buildIndex` and once per query in `search`.
 */

/**
 * Text for matching: lower case, no Vietnamese diacritics (đ → d), punctuation as spaces, single
 * spaces, trimmed. Ð/ð (the look-alike often typed for Đ) fold to d too.
 */
export function foldVietnamese(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐðÐ]/g, 'd')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A document to search: its fields' text, each with a weight (e.g. title 3, topic 2, description 1). */
export interface SearchDoc {
  id: string;
  fields: { text: string; weight: number }[];
}

/** One searched document, its fields as token numbers into the vocabulary. */
interface IndexedDoc {
  id: string;
  /** Highest weight first (equals in their given order); fields of weight 0 or less left out. */
  fields: { tokens: Int32Array; weight: number }[];
  /** The first token of the highest-weighted field (the title), or -1. */
  titleStart: number;
}

/** Built by `buildIndex`; read only by `search`. */
export interface SearchIndex {
  readonly docs: readonly IndexedDoc[];
  /** Every distinct folded token, sorted by code unit (so tokens sharing a prefix are adjacent). */
  readonly vocab: readonly string[];
  /** Per token number: the documents holding it, ascending, each once, with the highest weight of a field holding it. */
  readonly postings: readonly { docs: Int32Array; weights: Float64Array }[];
  /** Token length → the numbers of the tokens of that length (candidates for a typo). */
  readonly byLength: ReadonlyMap<number, readonly number[]>;
}

/** Match quality of a query token against a document token. */
const EXACT = 1;
const PREFIX = 0.7;
const TYPO = 0.4;
/** Shortest query token that may match with a typo. */
const MIN_TYPO_LENGTH = 4;
/** Times the field's weight, when the query's tokens appear consecutively in that field. */
const PHRASE = 0.5;
/** Added when the first query token matches the first token of the title field. */
const TITLE_START = 0.3;

const tokenize = (s: string): string[] => {
  const folded = foldVietnamese(s);
  return folded === '' ? [] : folded.split(' ');
};

/**
 * Folds every document once and builds the vocabulary and postings that make `search` fast. Fields
 * of weight 0 or less are not searched.
 */
export function buildIndex(docs: SearchDoc[]): SearchIndex {
  const folded = docs.map((doc) =>
    doc.fields
      .filter((f) => f.weight > 0)
      .sort((a, b) => b.weight - a.weight)
      .map((f) => ({ words: tokenize(f.text), weight: f.weight })),
  );

  const vocab = [...new Set(folded.flatMap((fields) => fields.flatMap((f) => f.words)))].sort((a, b) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  const tokenIds = new Map(vocab.map((token, i) => [token, i]));

  const lists = vocab.map(() => ({ docs: [] as number[], weights: [] as number[] }));
  const indexed = folded.map((fields, d): IndexedDoc => {
    const tokenized = fields.map(({ words, weight }) => {
      const tokens = new Int32Array(words.length);
      for (let p = 0; p < words.length; p++) {
        const t = tokenIds.get(words[p]!)!;
        tokens[p] = t;
        const list = lists[t]!;
        // Fields come highest weight first: a document already listed has its best weight.
        if (list.docs[list.docs.length - 1] !== d) {
          list.docs.push(d);
          list.weights.push(weight);
        }
      }
      return { tokens, weight };
    });
    return { id: docs[d]!.id, fields: tokenized, titleStart: tokenized[0]?.tokens[0] ?? -1 };
  });

  const byLength = new Map<number, number[]>();
  vocab.forEach((token, i) => {
    const bucket = byLength.get(token.length);
    if (bucket) bucket.push(i);
    else byLength.set(token.length, [i]);
  });

  const postings = lists.map((l) => ({ docs: Int32Array.from(l.docs), weights: Float64Array.from(l.weights) }));
  return { docs: indexed, vocab, postings, byLength };
}

/** Whether a and b (a ≠ b) are one insertion, deletion, substitution or swap of neighbours apart. */
function withinOneEdit(a: string, b: string): boolean {
  if (a.length < b.length) [a, b] = [b, a];
  const n = b.length;
  if (a.length - n > 1) return false;
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (a.length > n) {
    // One deletion from a at i.
    for (let j = i; j < n; j++) if (a.charCodeAt(j + 1) !== b.charCodeAt(j)) return false;
    return true;
  }
  const rest = (from: number) => {
    for (let j = from; j < n; j++) if (a.charCodeAt(j) !== b.charCodeAt(j)) return false;
    return true;
  };
  if (rest(i + 1)) return true; // substitution at i
  return i + 1 < n && a.charCodeAt(i) === b.charCodeAt(i + 1) && a.charCodeAt(i + 1) === b.charCodeAt(i) && rest(i + 2);
}

/** The vocabulary tokens a query token matches, with their quality (0 where none). */
function matchesOf(index: SearchIndex, q: string): { quality: Float64Array; ids: number[] } {
  const { vocab } = index;
  const quality = new Float64Array(vocab.length);
  const ids: number[] = [];

  let lo = 0;
  let hi = vocab.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (vocab[mid]! < q) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < vocab.length && vocab[i]!.startsWith(q); i++) {
    quality[i] = vocab[i]!.length === q.length ? EXACT : PREFIX;
    ids.push(i);
  }

  if (q.length >= MIN_TYPO_LENGTH) {
    for (let len = q.length - 1; len <= q.length + 1; len++) {
      for (const i of index.byLength.get(len) ?? []) {
        if (quality[i] === 0 && withinOneEdit(q, vocab[i]!)) {
          quality[i] = TYPO;
          ids.push(i);
        }
      }
    }
  }
  return { quality, ids };
}

/**
 * The documents matching a query, best first, at most `limit`. Every query token must match a token
 * of the document: equal (best), a prefix of it, or — for tokens of 4 letters or more — one edit
 * away (weakest). Score: per query token its best match quality × field weight, plus a bonus (× field
 * weight) when the query's tokens appear in a row in a field, plus a small one when the first query
 * token matches the start of the highest-weighted field. Equal scores keep the order of the documents.
 * An empty query, or a limit under 1, finds nothing.
 */
export function search(index: SearchIndex, query: string, limit = 50): { id: string; score: number }[] {
  const tokens = tokenize(query);
  if (tokens.length === 0 || !(limit > 0)) return [];

  const matches = tokens.map((q) => matchesOf(index, q));
  if (matches.some((m) => m.ids.length === 0)) return [];

  // Per query token, each document's best match (quality × weight) from the postings; `passed` counts
  // the query tokens a document has matched so far, so only documents matching all of them add up.
  const count = index.docs.length;
  const total = new Float64Array(count);
  const passed = new Int32Array(count);
  const tokenBest = new Float64Array(count);
  const touched: number[] = [];
  const n = matches.length;
  for (let k = 0; k < n; k++) {
    const { quality, ids } = matches[k]!;
    touched.length = 0;
    for (const t of ids) {
      const q = quality[t]!;
      const { docs, weights } = index.postings[t]!;
      for (let j = 0; j < docs.length; j++) {
        const d = docs[j]!;
        if (passed[d] !== k) continue;
        const s = q * weights[j]!;
        if (tokenBest[d] === 0) touched.push(d);
        if (s > tokenBest[d]!) tokenBest[d] = s;
      }
    }
    for (const d of touched) {
      total[d] = total[d]! + tokenBest[d]!;
      passed[d] = k + 1;
      tokenBest[d] = 0;
    }
    if (touched.length === 0) return [];
  }

  // `touched` now holds the documents matching every query token, in no particular order.
  const qualities = matches.map((m) => m.quality);
  const hits: Hit[] = [];
  for (const d of touched) {
    const doc = index.docs[d]!;
    let score = total[d]!;
    if (doc.titleStart !== -1 && qualities[0]![doc.titleStart]! > 0) score += TITLE_START;
    if (n > 1) score += phraseWeight(doc, qualities) * PHRASE;
    hits.push({ doc: d, score });
  }
  return topHits(hits, limit).map((h) => ({ id: index.docs[h.doc]!.id, score: h.score }));
}

interface Hit {
  doc: number;
  score: number;
}

const above = (a: Hit, b: Hit) => a.score > b.score || (a.score === b.score && a.doc < b.doc);

/** The best `limit` hits, best first: a sort when they are few, else one pass keeping the best so far. */
function topHits(hits: Hit[], limit: number): Hit[] {
  if (hits.length <= limit * 8) return hits.sort((a, b) => b.score - a.score || a.doc - b.doc).slice(0, limit);
  const top: Hit[] = [];
  for (const hit of hits) {
    if (top.length >= limit && !above(hit, top[top.length - 1]!)) continue;
    let at = top.length;
    while (at > 0 && above(hit, top[at - 1]!)) at--;
    top.splice(at, 0, hit);
    if (top.length > limit) top.pop();
  }
  return top;
}

/** The weight of the highest-weighted field where the query tokens match consecutive tokens, or 0. */
function phraseWeight(doc: IndexedDoc, qualities: Float64Array[]): number {
  const n = qualities.length;
  for (const { tokens, weight } of doc.fields) {
    for (let p = 0; p + n <= tokens.length; p++) {
      let k = 0;
      while (k < n && qualities[k]![tokens[p + k]!]! > 0) k++;
      if (k === n) return weight;
    }
  }
  return 0;
}
