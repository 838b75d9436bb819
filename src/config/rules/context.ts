// What every semantic rule sees: one parsed account file, its account id, the settings and
// the clock (passed in, so validation stays pure). Rules are defensive: the schema may have
// failed, so each one checks the types it relies on and skips what it cannot judge.
import type { Settings } from '../../model/desired.js';
import type { Problem, RuleId, Severity } from '../../model/problem.js';
import { positionOf, type ParsedSource, type ValuePath } from '../source.js';

export interface AccountContext {
  readonly source: ParsedSource;
  readonly accountId: string;
  readonly settings: Settings;
  /** False when clientsync.yaml could not be read: scope names cannot be judged then. */
  readonly settingsKnown: boolean;
  readonly now: Date;
}

export type ClientRecord = Readonly<Record<string, unknown>>;

export interface ClientEntry {
  readonly index: number;
  readonly client: ClientRecord;
  readonly path: ValuePath;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function clientEntries(ctx: AccountContext): ClientEntry[] {
  const root = ctx.source.value;
  if (!isRecord(root) || !Array.isArray(root['clients'])) return [];
  const out: ClientEntry[] = [];
  root['clients'].forEach((client, index) => {
    if (isRecord(client)) out.push({ index, client, path: ['clients', index] });
  });
  return out;
}

export function problemAt(
  ctx: AccountContext,
  rule: RuleId,
  path: ValuePath,
  message: string,
  options: { severity?: Severity; part?: 'key' | 'value' } = {},
): Problem {
  return {
    file: ctx.source.file,
    ...positionOf(ctx.source, path, options.part ?? 'value'),
    rule,
    severity: options.severity ?? 'error',
    message,
  };
}

/** `clients[2] (acme_x)`: names a client in messages by its position and id. */
export function clientName(entry: ClientEntry): string {
  const id = entry.client['clientId'];
  return typeof id === 'string' ? `client '${id}'` : `clients[${entry.index}]`;
}
