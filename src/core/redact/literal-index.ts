// Finding many known names in a lot of text at once. A regular expression with one alternative per name costs
// time per name at every position (seconds for a 1,000-container host). This index looks up the two characters
// at each position, then, for each length a name starting with them has (longest first), the text of that
// length in a hash: the cost per position does not grow with the number of names (`app-0001` ... `app-0999`).

export interface Literal<K> {
  readonly value: string;
  readonly kind: K;
  /** Docker names and secrets match exactly; Windows names in any (ASCII) case. */
  readonly caseSensitive: boolean;
  /** Not inside a longer word: no letter or digit may touch an edge of the name that is itself a letter or digit. */
  readonly wholeWord: boolean;
}

export interface LiteralMatch<K> {
  readonly start: number;
  readonly end: number;
  readonly literal: Literal<K>;
}

interface Entry<K> {
  readonly literal: Literal<K>;
  /** The value in ASCII lower case (same length, so positions in the lowered text stay valid). */
  readonly folded: string;
  readonly guardStart: boolean;
  readonly guardEnd: boolean;
}

const isWordCode = (c: number): boolean =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** Lower-cases A-Z only, keeping every other character (and so the length) as it is. */
export function foldAscii(text: string): string {
  return /[A-Z]/.test(text) ? text.replace(/[A-Z]+/g, (run) => run.toLowerCase()) : text;
}

const foldCode = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : c);
/** The two characters at `i`, folded, as one number. */
const keyAt = (text: string, i: number): number =>
  (foldCode(text.charCodeAt(i)) << 16) | foldCode(text.charCodeAt(i + 1));

interface Bucket<K> {
  /** Lengths of the names in this bucket, longest first. */
  readonly lengths: number[];
  /** Length -> folded name -> the names with that folding (e.g. `Web` and `web`, both case-sensitive). */
  readonly byLength: Map<number, Map<string, Entry<K>[]>>;
}

/** Builds a matcher for literals of two characters or more; matches are leftmost, longest first, not overlapping. */
export function createLiteralIndex<K>(literals: readonly Literal<K>[]): (input: string) => LiteralMatch<K>[] {
  const buckets = new Map<number, Bucket<K>>();
  for (const literal of literals) {
    if (literal.value.length < 2) continue;
    const folded = foldAscii(literal.value);
    const entry: Entry<K> = {
      literal,
      folded,
      guardStart: literal.wholeWord && isWordCode(literal.value.charCodeAt(0)),
      guardEnd: literal.wholeWord && isWordCode(literal.value.charCodeAt(literal.value.length - 1)),
    };
    const key = keyAt(folded, 0);
    let bucket = buckets.get(key);
    if (!bucket) buckets.set(key, (bucket = { lengths: [], byLength: new Map() }));
    let sameLength = bucket.byLength.get(folded.length);
    if (!sameLength) {
      bucket.byLength.set(folded.length, (sameLength = new Map()));
      bucket.lengths.push(folded.length);
    }
    const twins = sameLength.get(folded);
    if (twins) twins.push(entry);
    else sameLength.set(folded, [entry]);
  }
  for (const bucket of buckets.values()) bucket.lengths.sort((a, b) => b - a);

  const accepts = (entry: Entry<K>, input: string, i: number, end: number): boolean =>
    !(entry.guardStart && i > 0 && isWordCode(input.charCodeAt(i - 1))) &&
    !(entry.guardEnd && end < input.length && isWordCode(input.charCodeAt(end))) &&
    (!entry.literal.caseSensitive || input.startsWith(entry.literal.value, i));

  return (input: string): LiteralMatch<K>[] => {
    const matches: LiteralMatch<K>[] = [];
    if (buckets.size === 0 || input.length < 2) return matches;
    const n = input.length;
    // Folding happens only where two characters match the start of some name: most of a text is never copied.
    for (let i = 0; i < n - 1; i++) {
      const bucket = buckets.get(keyAt(input, i));
      if (bucket === undefined) continue;
      let matched: LiteralMatch<K> | null = null;
      for (const length of bucket.lengths) {
        const end = i + length;
        if (end > n) continue;
        const entry = bucket.byLength
          .get(length)!
          .get(foldAscii(input.slice(i, end)))
          ?.find((e) => accepts(e, input, i, end));
        if (entry) {
          matched = { start: i, end, literal: entry.literal };
          break;
        }
      }
      if (matched) {
        matches.push(matched);
        i = matched.end - 1;
      }
    }
    return matches;
  };
}
