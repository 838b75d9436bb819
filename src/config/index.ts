// config: reads clientsync.yaml and clients/*.yaml with source positions and validates them
// against the JSON Schemas in schemas/ plus the semantic rules
// (docs/design.md, "Validation rules").
// Invariants: every problem points at the offending node (file, line, column); all problems
// of all files are collected in one run, never only the first; only read-repository.ts does
// I/O, everything else takes values and returns values (the clock is a parameter).
// The path from a folder to a result, list → read → validate → assemble: load-repository.ts.
export { readRepository, readSettingsFile, CLIENTS_DIR } from './read-repository.js';
export { loadRepository } from './load-repository.js';
export { validateRepository, type ValidationResult } from './validate-repository.js';
export type { RepositoryFiles, RawFile } from './repository-files.js';
export { parseRfc3339 } from '../shared/rfc3339.js';
export { MAX_FILE_BYTES, MAX_ALIAS_COUNT } from './parse-yaml.js';
