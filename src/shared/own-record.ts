// Records whose keys come from YAML (scope names, account ids) are looked up by those keys: a
// plain object answers `constructor` or `valueOf` from Object.prototype. clientsync.yaml once
// gave account 'constructor' the limit "function Object()", and a scope named valueOf crashed
// validate. These records have no prototype, and lookups ask for own keys only.

/** A copy of `record` without a prototype: only its own keys answer. */
export function ownRecord<T>(record: Readonly<Record<string, T>>): Record<string, T> {
  const copy = Object.create(null) as Record<string, T>;
  for (const [key, value] of Object.entries(record)) copy[key] = value;
  return copy;
}

/** record[key] when `key` is the record's own, else undefined. */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
