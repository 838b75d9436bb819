import { ownValue } from '../../shared/own-record.js';
import type { Problem } from '../../model/problem.js';
import { positionOf, type ValuePath } from '../source.js';
import { accountIdHint, safeRegExp } from './account-id.js';
import { clientEntries, isRecord, problemAt, type AccountContext } from './context.js';

const NAME_PART = /^[A-Za-z0-9._-]+$/;

/** `client-id-prefix`: every clientId is `<accountId>_<name>`, name of [A-Za-z0-9._-]+. */
export function clientIdPrefixRule(ctx: AccountContext): Problem[] {
  const prefix = `${ctx.accountId}_`;
  const problems: Problem[] = [];
  for (const entry of clientEntries(ctx)) {
    const id = entry.client['clientId'];
    if (typeof id !== 'string' || id === '') continue;
    const at = [...entry.path, 'clientId'];
    if (!id.startsWith(prefix)) {
      const claimed = id.includes('_') ? id.slice(0, id.indexOf('_')) : undefined;
      const other = claimed && claimed !== ctx.accountId ? ownerNote(claimed, ctx.settings.accountIdPattern) : '';
      problems.push(
        problemAt(ctx, 'client-id-prefix', at, `clientId '${id}' must start with '${prefix}'${other}; write e.g. '${prefix}${suffixHint(id)}'`),
      );
      continue;
    }
    const name = id.slice(prefix.length);
    if (name === '') {
      problems.push(problemAt(ctx, 'client-id-prefix', at, `clientId '${id}' needs a name after '${prefix}', e.g. '${prefix}reporting'`));
    } else if (!NAME_PART.test(name)) {
      const bad = [...new Set([...name].filter((c) => !/[A-Za-z0-9._-]/.test(c)))].map((c) => `'${c}'`).join(', ');
      problems.push(
        problemAt(ctx, 'client-id-prefix', at, `clientId '${id}' contains ${bad}; after '${prefix}' use only letters, digits, '.', '_' and '-'`),
      );
    }
  }
  return problems;
}

/** Who a foreign prefix belongs to; never names an invalid account id as an account or a file. */
function ownerNote(claimed: string, accountIdPattern: string): string {
  const pattern = safeRegExp(accountIdPattern);
  if (pattern === undefined) return '';
  if (pattern.test(claimed)) return ` ('${claimed}_' belongs to account '${claimed}', whose clients live in clients/${claimed}.yaml)`;
  const hint = accountIdHint(claimed, pattern);
  return hint === null
    ? ` ('${claimed}' is not a valid account id either)`
    : ` ('${claimed}' is not a valid account id; the account would be '${hint}', whose clients live in clients/${hint}.yaml)`;
}

function suffixHint(id: string): string {
  const tail = id.includes('_') ? id.slice(id.indexOf('_') + 1) : id;
  const cleaned = tail.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  return cleaned || 'name';
}

/** `client-id-unique`: no clientId twice in the file (reported on the repetition). */
export function clientIdUniqueRule(ctx: AccountContext): Problem[] {
  // Where the first one is, is looked up only for a repetition: positions cost a walk of the
  // document, and nearly every file has none to report.
  const firstSeen = new Map<string, ValuePath>();
  const problems: Problem[] = [];
  for (const entry of clientEntries(ctx)) {
    const id = entry.client['clientId'];
    if (typeof id !== 'string' || id === '') continue;
    const path = [...entry.path, 'clientId'];
    const earlier = firstSeen.get(id);
    if (earlier === undefined) {
      firstSeen.set(id, path);
    } else {
      const line = positionOf(ctx.source, earlier).line;
      problems.push(
        problemAt(ctx, 'client-id-unique', path, `clientId '${id}' is already declared on line ${line}; give this client another clientId or remove it`),
      );
    }
  }
  return problems;
}

/** `client-limit`: the account declares no more clients than its limit. */
export function clientLimitRule(ctx: AccountContext): Problem[] {
  const root = ctx.source.value;
  if (!isRecord(root) || !Array.isArray(root['clients'])) return [];
  const count = root['clients'].length;
  const raised = ownValue(ctx.settings.clientLimits, ctx.accountId);
  const limit = raised ?? ctx.settings.clientLimit;
  if (count <= limit) return [];
  const source = raised !== undefined ? `clientLimits.${ctx.accountId} in clientsync.yaml` : 'clientLimit in clientsync.yaml';
  return [
    problemAt(
      ctx,
      'client-limit',
      ['clients', limit],
      `account '${ctx.accountId}' declares ${count} clients; its limit is ${limit} (${source}). ` +
        'Remove clients, or ask a platform administrator to raise the limit',
    ),
  ];
}
