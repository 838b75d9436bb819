// String order for everything clientsync sorts. Strings compare by UTF-16 code unit, never by
// locale, so a plan sorts the same on every machine whatever its ICU data or LANG.

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorted by code unit and without duplicates. */
export function sortedUnique(values: readonly string[]): readonly string[] {
  // Most lists are already in shape (empty, one item, or normalised before): return them as
  // they are. Planning thousands of clients calls this ten times per client.
  let ordered = true;
  for (let i = 1; i < values.length && ordered; i++) ordered = values[i - 1]! < values[i]!;
  return ordered ? values : [...new Set(values)].sort(compareStrings);
}
