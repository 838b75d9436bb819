// A parsed YAML file with what is needed to point at its nodes: the document, the line
// counter, and helpers that turn a value path into a 1-based line and column.
import type { Document, LineCounter, Node, Pair, YAMLMap } from 'yaml';
import { isMap, isPair, isScalar, isSeq } from './yaml-library.js';

export type ValuePath = readonly (string | number)[];

export interface Position {
  readonly line: number;
  readonly column: number;
}

export interface ParsedSource {
  /** Repository-relative path with `/` separators. */
  readonly file: string;
  readonly doc: Document.Parsed;
  readonly lineCounter: LineCounter;
  /** The plain JavaScript value of the document (null for an empty file). */
  readonly value: unknown;
}

function positionAt(source: ParsedSource, offset: number): Position {
  const { line, col } = source.lineCounter.linePos(offset);
  return { line, column: col };
}

/**
 * Each mapping's pairs by key (the first pair of a key, as a search from the start finds it),
 * built once per mapping: a search per lookup made a file of 20,000 unknown keys, each reported
 * at its position, take minutes (quadratic); with the index it is linear.
 */
const pairIndexes = new WeakMap<YAMLMap, Map<unknown, Pair>>();

function pairOf(map: YAMLMap, key: string | number): Pair | undefined {
  let index = pairIndexes.get(map);
  if (index === undefined) {
    index = new Map();
    for (const p of map.items) {
      if (!isPair(p)) continue;
      const k = isScalar(p.key) ? p.key.value : p.key;
      if (!index.has(k)) index.set(k, p);
    }
    pairIndexes.set(map, index);
  }
  return index.get(key);
}

function child(node: unknown, key: string | number): { node: unknown; pair?: Pair } | undefined {
  if (isMap(node)) {
    const pair = pairOf(node, key);
    return pair ? { node: pair.value, pair } : undefined;
  }
  if (isSeq(node) && typeof key === 'number') {
    const item = node.items[key];
    return item === undefined ? undefined : { node: item };
  }
  return undefined;
}

function isEmptyNode(node: unknown): boolean {
  const range = (node as Node | null | undefined)?.range;
  return !range || range[0] === range[1];
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}

/**
 * Where the value at `path` starts; with `part: 'key'`, where its key starts (for unknown or
 * misplaced fields). Falls back to the nearest ancestor that exists, then to 1:1.
 */
export function positionOf(source: ParsedSource, path: ValuePath, part: 'value' | 'key' = 'value'): Position {
  let node: unknown = source.doc.contents;
  let best = rangeStart(node);
  for (let i = 0; i < path.length; i++) {
    const next = child(node, path[i]!);
    if (!next) break;
    const last = i === path.length - 1;
    if (last && part === 'key' && next.pair) {
      best = rangeStart(next.pair.key) ?? best;
      break;
    }
    node = next.node;
    // A key with no value (`redirectUris:`) has an empty node: point at its key instead.
    const empty = isEmptyNode(node);
    best = (empty ? undefined : rangeStart(node)) ?? (next.pair ? rangeStart(next.pair.key) : undefined) ?? best;
  }
  return best === undefined ? { line: 1, column: 1 } : positionAt(source, best);
}

/** Position of the end of the file, for problems about something missing at top level. */
export function startOfFile(): Position {
  return { line: 1, column: 1 };
}
