// Java's hash iteration order. Keycloak builds many lists from HashMap/HashSet (scope names,
// redirect URIs, web origins, attribute maps, validation messages), so their order on the wire
// is the iteration order of a Java hash table. Reproducing it keeps responses byte-comparable.

/** `String.hashCode()` of Java: UTF-16 code units, 32-bit wrap-around. */
export function javaStringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

/** `Objects.hash(...)` / `Arrays.hashCode(Object[])` over strings (null counts as 0). */
export function javaObjectsHash(values: readonly (string | null | undefined)[]): number {
  let h = 1;
  for (const v of values) h = (Math.imul(31, h) + (v == null ? 0 : javaStringHash(v))) | 0;
  return h;
}

/**
 * The order in which a java.util.HashMap filled with `items` (in this order) iterates them:
 * bucket by bucket, insertion order inside a bucket, the table doubled whenever it is more than
 * three quarters full. Later duplicates (same key) are dropped, as a set would.
 */
export function javaHashOrder<T>(items: Iterable<T>, hash: (item: T) => number, key: (item: T) => string): T[] {
  const unique = new Map<string, T>();
  for (const item of items) if (!unique.has(key(item))) unique.set(key(item), item);
  let capacity = 16;
  while (unique.size > capacity * 0.75) capacity *= 2;
  const buckets: T[][] = [];
  for (const item of unique.values()) {
    const h = hash(item);
    const index = (h ^ (h >>> 16)) & (capacity - 1);
    (buckets[index] ??= []).push(item);
  }
  const out: T[] = [];
  for (const bucket of buckets) if (bucket) out.push(...bucket);
  return out;
}

const memo = new Map<string, readonly string[]>();
const MEMO_SIZE = 10_000;

/**
 * A java.util.HashSet<String> iterated: deduplicated strings in Java's order. Memoized, since
 * thousands of clients share the same few scope-name sets.
 */
export function javaStringSetOrder(values: readonly string[]): string[] {
  if (values.length < 2) return [...values];
  const key = values.join('\u0000');
  let ordered = memo.get(key);
  if (!ordered) {
    ordered = javaHashOrder(values, javaStringHash, (s) => s);
    if (memo.size >= MEMO_SIZE) memo.clear();
    memo.set(key, ordered);
  }
  return [...ordered];
}
