// Reads request bodies the way Keycloak's Jackson setup does, because its answers to bad input
// depend on how far Jackson got:
//   not JSON at all                 → 400 invalid_request "Cannot parse the JSON"
//   JSON of the wrong shape or type → 400 unknown_error "Cannot parse the JSON"
//   a field the representation lacks → 400 "Invalid json representation for X. Unrecognized
//                                      field "f" at line L column C." (Jackson's location)
//   `null` or an empty body          → the resource gets null and fails: 500
// Scalars are coerced as Jackson coerces them (1 → "1" for a string field, "true" → true, ...).
import { cannotBind, cannotParse, serverError, webError } from './errors.js';

interface Location {
  readonly line: number;
  readonly column: number;
}

export type JsonNode =
  | { readonly kind: 'object'; readonly entries: readonly JsonEntry[]; readonly at: Location }
  | { readonly kind: 'array'; readonly items: readonly JsonNode[]; readonly at: Location }
  | { readonly kind: 'string'; readonly value: string; readonly at: Location }
  | { readonly kind: 'number'; readonly text: string; readonly value: number; readonly at: Location }
  | { readonly kind: 'boolean'; readonly value: boolean; readonly at: Location }
  | { readonly kind: 'null'; readonly at: Location };

export interface JsonEntry {
  readonly key: string;
  readonly value: JsonNode;
}

class SyntaxFailure extends Error {}

/**
 * A JSON parser that remembers, for each value, where Jackson's parser stands after reading the
 * value's first token (after `{`, `[` or an opening quote; after a number or literal), which is
 * the location Jackson reports for an unrecognized field.
 */
export function parseJson(text: string): JsonNode {
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const here = (): Location => ({ line, column: i - lineStart + 1 });
  const fail = (): never => {
    throw new SyntaxFailure();
  };
  const skipWhitespace = (): void => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0d) i++;
      else if (c === 0x0a) {
        i++;
        line++;
        lineStart = i;
      } else return;
    }
  };
  const readString = (): string => {
    // at the opening quote
    i++;
    let out = '';
    let start = i;
    for (;;) {
      if (i >= text.length) fail();
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        out += text.slice(start, i);
        i++;
        return out;
      }
      if (c < 0x20) fail();
      if (c === 0x5c) {
        out += text.slice(start, i);
        const e = text[i + 1];
        i += 2;
        switch (e) {
          case '"': out += '"'; break;
          case '\\': out += '\\'; break;
          case '/': out += '/'; break;
          case 'b': out += '\b'; break;
          case 'f': out += '\f'; break;
          case 'n': out += '\n'; break;
          case 'r': out += '\r'; break;
          case 't': out += '\t'; break;
          case 'u': {
            const hex = text.slice(i, i + 4);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail();
            out += String.fromCharCode(parseInt(hex, 16));
            i += 4;
            break;
          }
          default:
            fail();
        }
        start = i;
        continue;
      }
      i++;
    }
  };
  const readValue = (): JsonNode => {
    skipWhitespace();
    const c = text[i];
    if (c === '{') {
      i++;
      const at = here();
      const entries: JsonEntry[] = [];
      skipWhitespace();
      if (text[i] === '}') {
        i++;
        return { kind: 'object', entries, at };
      }
      for (;;) {
        skipWhitespace();
        if (text[i] !== '"') fail();
        const key = readString();
        skipWhitespace();
        if (text[i] !== ':') fail();
        i++;
        entries.push({ key, value: readValue() });
        skipWhitespace();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return { kind: 'object', entries, at };
        }
        fail();
      }
    }
    if (c === '[') {
      i++;
      const at = here();
      const items: JsonNode[] = [];
      skipWhitespace();
      if (text[i] === ']') {
        i++;
        return { kind: 'array', items, at };
      }
      for (;;) {
        items.push(readValue());
        skipWhitespace();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return { kind: 'array', items, at };
        }
        fail();
      }
    }
    if (c === '"') {
      const at = { line, column: i - lineStart + 2 };
      return { kind: 'string', value: readString(), at };
    }
    const literal = /^(?:true|false|null)/.exec(text.slice(i, i + 5));
    if (literal) {
      i += literal[0].length;
      const at = here();
      if (literal[0] === 'null') return { kind: 'null', at };
      return { kind: 'boolean', value: literal[0] === 'true', at };
    }
    const number = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (number) {
      i += number[0].length;
      return { kind: 'number', text: number[0], value: Number(number[0]), at: here() };
    }
    return fail();
  };
  try {
    const node = readValue();
    skipWhitespace();
    if (i !== text.length) fail();
    return node;
  } catch (error) {
    if (error instanceof SyntaxFailure) throw cannotParse();
    throw error;
  }
}

/** How a representation field is bound. */
export type FieldKind = 'string' | 'boolean' | 'integer' | 'stringList' | 'stringMap' | 'any';

export interface Representation {
  /** Java class name, used in the unrecognized-field message. */
  readonly name: string;
  readonly fields: Readonly<Record<string, FieldKind>>;
  /** Accept fields not listed (as plain values) instead of refusing them. */
  readonly open?: boolean;
}

export type Decoded = Record<string, unknown>;

/** Binds a parsed top-level value to a representation: a plain object whose fields are coerced. */
export function bindObject(node: JsonNode, rep: Representation): Decoded {
  if (node.kind === 'null') throw serverError();
  if (node.kind !== 'object') throw cannotBind();
  return bindFields(node, rep);
}

/** Binds a JSON array of representations (e.g. role lists). */
export function bindArray(node: JsonNode, rep: Representation): Decoded[] {
  if (node.kind === 'null') throw serverError();
  if (node.kind !== 'array') throw cannotBind();
  return node.items.map((item) => {
    if (item.kind !== 'object') throw cannotBind();
    return bindFields(item, rep);
  });
}

function bindFields(node: Extract<JsonNode, { kind: 'object' }>, rep: Representation): Decoded {
  const out: Decoded = {};
  for (const { key, value } of node.entries) {
    const kind = rep.fields[key] ?? (rep.open ? 'any' : undefined);
    if (kind === undefined) {
      throw webError(
        400,
        `Invalid json representation for ${rep.name}. Unrecognized field "${key}" at line ${value.at.line} column ${value.at.column}.`,
      );
    }
    out[key] = bindValue(value, kind);
  }
  return out;
}

function bindValue(node: JsonNode, kind: FieldKind): unknown {
  if (node.kind === 'null') return null;
  switch (kind) {
    case 'string':
      return asString(node);
    case 'boolean':
      return asBoolean(node);
    case 'integer':
      return asInteger(node);
    case 'stringList':
      if (node.kind !== 'array') throw cannotBind();
      return node.items.map((item) => (item.kind === 'null' ? null : asString(item)));
    case 'stringMap': {
      if (node.kind !== 'object') throw cannotBind();
      const map = new Map<string, string | null>();
      for (const { key, value } of node.entries) map.set(key, value.kind === 'null' ? null : asString(value));
      return map;
    }
    case 'any':
      return toPlain(node);
  }
}

function asString(node: JsonNode): string {
  if (node.kind === 'string') return node.value;
  if (node.kind === 'number') return node.text;
  if (node.kind === 'boolean') return String(node.value);
  throw cannotBind();
}

function asBoolean(node: JsonNode): boolean | null {
  if (node.kind === 'boolean') return node.value;
  if (node.kind === 'string') {
    if (node.value === '') return null;
    if (/^(?:true|True|TRUE)$/.test(node.value)) return true;
    if (/^(?:false|False|FALSE)$/.test(node.value)) return false;
    throw cannotBind();
  }
  if (node.kind === 'number' && /^-?\d+$/.test(node.text)) return node.value !== 0;
  throw cannotBind();
}

function asInteger(node: JsonNode): number | null {
  let value: number;
  if (node.kind === 'number') value = Math.trunc(node.value);
  else if (node.kind === 'string') {
    if (node.value.trim() === '') return null;
    if (!/^[+-]?\d+$/.test(node.value.trim())) throw cannotBind();
    value = Number(node.value.trim());
  } else throw cannotBind();
  if (value > 2147483647 || value < -2147483648) throw cannotBind();
  return value;
}

/** A JSON value as plain JavaScript data. */
export function toPlain(node: JsonNode): unknown {
  switch (node.kind) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const { key, value } of node.entries) out[key] = toPlain(value);
      return out;
    }
    case 'array':
      return node.items.map(toPlain);
    case 'null':
      return null;
    default:
      return node.value;
  }
}
