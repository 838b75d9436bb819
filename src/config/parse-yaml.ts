// Bytes → YAML document, or problems. Pure: the caller reads the file.
// Guards: size limit, strict UTF-8, bounded nesting, duplicate keys, bounded aliases, one
// document per file. Any input, however hostile, ends as a document or as problems: never an
// exception, never time beyond linear in the (bounded) size.
import type { CST, Document } from 'yaml';
import type { Problem } from '../model/problem.js';
import type { ParsedSource } from './source.js';
import { Composer, isAlias, isMap, isPair, isScalar, isSeq, Lexer, LineCounter, Parser, YAMLParseError } from './yaml-library.js';
import { plural } from '../shared/plural.js';

/** Files above this size are refused before parsing (1 MiB). */
export const MAX_FILE_BYTES = 1024 * 1024;
/**
 * Alias expansions per document; a legitimate account file needs none, so a hundred is
 * generous. Counted as a full expansion of the document does: each `*alias` once, plus the
 * aliases inside the value it copies (so an alias bomb is refused at its first few levels).
 */
export const MAX_ALIAS_COUNT = 100;
/**
 * Collections nested in collections, at most. A legitimate file needs 4 (clients → list →
 * client → list). Without a bound, the yaml library recurses once per level while composing:
 * 10,000 nested `[` overflow the stack (it then reports "Maximum call stack size exceeded" at a
 * depth that depends on the thread's stack size), and a deep file is parsed to its end first.
 */
export const MAX_NESTING_DEPTH = 32;
/**
 * YAML syntax problems listed per file; the rest are counted in one last problem. Past the first
 * few they follow from the first ones, and a 1 MiB file can hold 750,000 of them: 100 MB of
 * output, a GitHub job summary far over its 1 MiB limit.
 */
export const MAX_SYNTAX_PROBLEMS = 100;

export interface ParseResult {
  readonly source: ParsedSource | null;
  readonly problems: readonly Problem[];
}

function problem(file: string, line: number, column: number, message: string, severity: 'error' | 'warning' = 'error'): Problem {
  return { file, line, column, rule: 'yaml-syntax', severity, message };
}

/** Finds the line and column of the first byte that is not valid UTF-8. */
function firstInvalidUtf8(bytes: Uint8Array): { line: number; column: number } {
  let line = 1;
  let column = 1;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let length = 0;
    if (b < 0x80) length = 1;
    else if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b >= 0xe0 && b <= 0xef) length = 3;
    else if (b >= 0xf0 && b <= 0xf4) length = 4;
    if (length === 0 || i + length > bytes.length) return { line, column };
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(i, i + length));
    } catch {
      return { line, column };
    }
    if (b === 0x0a) {
      line++;
      column = 1;
    } else column++;
    i += length;
  }
  return { line, column };
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * `totalBytes` is the file's size when the caller read only its first MAX_FILE_BYTES + 1 bytes
 * (so that a huge file is never read whole).
 */
export function parseYamlFile(file: string, bytes: Uint8Array, totalBytes = bytes.length): ParseResult {
  if (totalBytes > MAX_FILE_BYTES || bytes.length > MAX_FILE_BYTES) {
    return {
      source: null,
      problems: [problem(file, 1, 1, `file is ${Math.max(totalBytes, bytes.length)} bytes; the limit is ${MAX_FILE_BYTES} bytes (1 MiB): remove what does not belong`)],
    };
  }
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    return {
      source: null,
      problems: [problem(file, at.line, at.column, 'file is not valid UTF-8 text; save it as UTF-8')],
    };
  }
  const lineCounter = linesOf(text);
  const parsed = withoutStackTraces(() => parseBounded(text));
  if (parsed.tooDeepAt !== null) {
    const pos = lineCounter.linePos(parsed.tooDeepAt);
    return {
      source: null,
      problems: [
        problem(
          file,
          pos.line,
          pos.col,
          `values are nested more than ${MAX_NESTING_DEPTH} levels deep here; clientsync's files need at most 4 (clients, a client, a list): remove the extra brackets or indentation`,
        ),
      ],
    };
  }
  const doc = parsed.doc;
  const problems: Problem[] = [];
  for (const error of doc.errors.slice(0, MAX_SYNTAX_PROBLEMS)) {
    const pos = lineCounter.linePos(error.pos[0]);
    problems.push(problem(file, pos.line, pos.col, yamlErrorMessage(error.code, error.message)));
  }
  const firstUnlisted = doc.errors[MAX_SYNTAX_PROBLEMS];
  if (firstUnlisted !== undefined) {
    const pos = lineCounter.linePos(firstUnlisted.pos[0]);
    const more = doc.errors.length - MAX_SYNTAX_PROBLEMS;
    problems.push(
      problem(file, pos.line, pos.col, `${plural(more, 'more YAML syntax error')} from here on are not listed (only the first ${MAX_SYNTAX_PROBLEMS} are); fix the ones above first, the later ones often follow from them`),
    );
  }
  for (const warning of doc.warnings.slice(0, MAX_SYNTAX_PROBLEMS)) {
    const pos = lineCounter.linePos(warning.pos[0]);
    problems.push(problem(file, pos.line, pos.col, yamlErrorMessage(warning.code, warning.message), 'warning'));
  }
  if (doc.errors.length > 0) return { source: null, problems };

  const crossing = aliasBeyondBound(doc);
  if (crossing !== null) {
    const pos = lineCounter.linePos(crossing.offset);
    problems.push(
      problem(
        file,
        pos.line,
        pos.col,
        `too many YAML aliases: with this one the file makes ${crossing.total} alias expansions (each *alias counts once, plus the aliases inside the value it copies), and at most ${MAX_ALIAS_COUNT} are allowed; write the values out instead of using anchors and aliases`,
      ),
    );
    return { source: null, problems };
  }

  let value: unknown;
  try {
    // The aliases were counted above; the library's own estimate (uses of an anchor times the
    // uses nested in it) refused files far below the bound, with a wrong count in the message.
    value = withoutStackTraces(() => doc.toJS({ maxAliasCount: -1 }));
  } catch (error) {
    // yaml throws a ReferenceError when aliases expand beyond maxAliasCount (a "billion laughs" file).
    const message = error instanceof Error ? error.message : String(error);
    const isAlias = /alias/i.test(message);
    problems.push(
      problem(
        file,
        1,
        1,
        isAlias
          ? `too many YAML aliases (more than ${MAX_ALIAS_COUNT}); write the values out instead of using anchors and aliases`
          : `the file could not be read as YAML: ${message}`,
      ),
    );
    return { source: null, problems };
  }
  return { source: { file, doc, lineCounter, value }, problems };
}

/**
 * The first alias, in document order, at which the document's alias expansions exceed
 * MAX_ALIAS_COUNT, with the running total there; null when they stay within it. The expansions
 * an anchored value brings are computed once per anchor and capped, so a bomb costs no more
 * than its size to count; an alias inside the value it refers to counts once (a cycle).
 */
function aliasBeyondBound(doc: Document.Parsed): { offset: number; total: string } | null {
  const cap = MAX_ALIAS_COUNT + 1;
  const costOf = new Map<unknown, number>();
  const inProgress = new Set<unknown>();
  /** Expansions that materialising `node` performs (capped at `cap`). */
  const cost = (node: unknown): number => {
    if (isAlias(node)) {
      const target = node.resolve(doc);
      if (target === undefined) return 1;
      const known = costOf.get(target);
      if (known !== undefined) return Math.min(cap, 1 + known);
      // An alias inside the value it refers to: the library makes it a cycle (one reference,
      // nothing copied), which later checks refuse as a value of the wrong shape.
      if (inProgress.has(target)) return 1;
      inProgress.add(target);
      const inner = cost(target);
      inProgress.delete(target);
      costOf.set(target, inner);
      return Math.min(cap, 1 + inner);
    }
    let sum = 0;
    if (isMap(node) || isSeq(node)) for (const item of node.items) sum = Math.min(cap, sum + cost(item));
    else if (isPair(node)) sum = Math.min(cap, cost(node.key) + cost(node.value));
    return sum;
  };
  let total = 0;
  let found: { offset: number; total: string } | null = null;
  const walk = (node: unknown): void => {
    if (found !== null) return;
    if (isAlias(node)) {
      const own = cost(node);
      total += own;
      // A capped cost hides the true number (a bomb's runs into the billions): say "more than".
      if (total > MAX_ALIAS_COUNT) found = { offset: node.range?.[0] ?? 0, total: own === cap ? `more than ${MAX_ALIAS_COUNT}` : String(total) };
      return;
    }
    if (isMap(node) || isSeq(node)) for (const item of node.items) walk(item);
    else if (isPair(node)) {
      walk(node.key);
      walk(node.value);
    }
  };
  walk(doc.contents);
  return found;
}

/**
 * Where each line starts, from the text itself. The parser's own line counting (its onNewLine
 * callback) misses the line breaks inside a scalar it rejects (e.g. a block scalar where the
 * document cannot hold one), so problems after it were placed lines too early, past the end of
 * the line they named.
 */
function linesOf(text: string): LineCounter {
  const lineCounter = new LineCounter();
  lineCounter.addNewLine(0);
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineCounter.addNewLine(i + 1);
  return lineCounter;
}

/**
 * What `parseDocument` does, with the nesting bounded while parsing: the lexer's tokens are fed
 * to the parser one by one, and parsing stops at the first token that opens a level beyond
 * MAX_NESTING_DEPTH (the parser's stack holds the document, each open collection and at most a
 * scalar or two being read).
 */
function parseBounded(text: string): { doc: Document.Parsed; tooDeepAt: null } | { doc: null; tooDeepAt: number } {
  const parser = new Parser();
  const tokens: CST.Token[] = [];
  for (const lexeme of new Lexer().lex(text)) {
    for (const token of parser.next(lexeme)) tokens.push(token);
    if (parser.stack.length > MAX_NESTING_DEPTH) {
      const collections = parser.stack.filter(isCollection);
      if (collections.length > MAX_NESTING_DEPTH) {
        return { doc: null, tooDeepAt: Math.min(collections[collections.length - 1]?.offset ?? parser.offset, text.length) };
      }
    }
  }
  for (const token of parser.end()) tokens.push(token);
  // uniqueKeys is checked below: the library compares each key with every earlier one of its
  // mapping, which made a file of 40,000 keys take 20 s to parse (quadratic).
  // logLevel 'error': the library would otherwise print warnings (e.g. "Keys with collection
  // values will be stringified") on the process's stderr, outside clientsync's output.
  const composer = new Composer({ uniqueKeys: false, strict: true, logLevel: 'error' });
  let doc: Document.Parsed | null = null;
  for (const next of composer.compose(tokens, true, text.length)) {
    if (doc === null) doc = next;
    else {
      // As parseDocument reports it (yamlErrorMessage turns it into advice).
      doc.errors.push(new YAMLParseError([next.range[0], next.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents'));
      break;
    }
  }
  // compose(…, forceDoc = true) always yields a document, an empty one for empty input.
  if (doc === null) throw new Error('the yaml composer returned no document');
  for (const offset of duplicateKeyOffsets(doc.contents)) {
    doc.errors.push(new YAMLParseError([offset, offset + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
  }
  doc.errors.sort((a, b) => a.pos[0] - b.pos[0]);
  return { doc, tooDeepAt: null };
}

/**
 * Where a key repeats an earlier key of its mapping, as the yaml library's uniqueKeys option
 * finds them (scalar keys by value, other keys by identity), with one Set per mapping.
 */
function duplicateKeyOffsets(root: unknown): number[] {
  const offsets: number[] = [];
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const node = pending.pop();
    if (isSeq(node)) {
      for (const item of node.items) pending.push(item);
    } else if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key: unknown = pair.key;
        const identity = isScalar(key) ? key.value : key;
        if (!(typeof identity === 'number' && Number.isNaN(identity))) {
          if (seen.has(identity)) offsets.push((key as { range?: [number, number, number] } | null)?.range?.[0] ?? 0);
          else seen.add(identity);
        }
        pending.push(key, pair.value);
      }
    }
  }
  return offsets;
}

function isCollection(token: CST.Token): boolean {
  return token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection';
}

/**
 * Runs `fn` with Error.stackTraceLimit = 0: the yaml library makes an Error object per problem,
 * and capturing a stack for each made a 1 MiB file of 750,000 syntax errors take half a minute
 * instead of a few seconds. Synchronous, so nothing else runs while the limit is changed.
 */
function withoutStackTraces<T>(fn: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return fn();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** The yaml library's messages carry a code snippet; keep the first sentence and add advice. */
function yamlErrorMessage(code: string, message: string): string {
  const first = (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '').trim();
  switch (code) {
    case 'DUPLICATE_KEY':
      return `${first}: each key may appear once in a mapping; remove or merge the duplicate`;
    case 'MULTIPLE_DOCS':
      return `${first}: an account file holds one YAML document; remove the extra '---'`;
    case 'TAB_AS_INDENT':
      return `${first}: indent with spaces, not tabs`;
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
    case 'UNEXPECTED_TOKEN':
    case 'BLOCK_AS_IMPLICIT_KEY':
      return `${first}: check the indentation and quoting of this line`;
    default:
      return first;
  }
}
