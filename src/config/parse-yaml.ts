// Bytes → YAML document, or problems. Pure: the caller reads the file.
// Guards: size limit, strict UTF-8, duplicate keys, bounded aliases, one document per file.
import { LineCounter, parseDocument } from 'yaml';
import type { Problem } from '../model/problem.js';
import type { ParsedSource } from './source.js';

/** Files above this size are refused before parsing (1 MiB). */
export const MAX_FILE_BYTES = 1024 * 1024;
/** Aliases per document; a legitimate account file needs none, so a handful is generous. */
export const MAX_ALIAS_COUNT = 100;

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
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    uniqueKeys: true,
    prettyErrors: false,
    strict: true,
  });
  const problems: Problem[] = [];
  for (const error of doc.errors) {
    const pos = lineCounter.linePos(error.pos[0]);
    problems.push(problem(file, pos.line, pos.col, yamlErrorMessage(error.code, error.message)));
  }
  for (const warning of doc.warnings) {
    const pos = lineCounter.linePos(warning.pos[0]);
    problems.push(problem(file, pos.line, pos.col, yamlErrorMessage(warning.code, warning.message), 'warning'));
  }
  if (doc.errors.length > 0) return { source: null, problems };

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
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
