// `clientsync list`: the settings page's list of API clients, from git; with --live, compared
// with Keycloak so drift shows.
import { loadRepository } from '../config/index.js';
import { CONNECTION_HELP } from '../keycloak/connection.js';
import type { LiveClient, ManagedFieldName } from '../model/live.js';
import { emptyValue, MANAGED_FIELDS } from '../model/managed-fields.js';
import { desiredFields, diffFields } from '../plan/index.js';
import { owedSentence } from '../plan/display.js';
import { SettingsInvalidError } from '../sync/sync-plan.js';
import { choice, type Command, EXIT_OK, parseFlags } from './command.js';
import { INSECURE_HTTP_FLAG, keycloakFromEnv } from './keycloak-env.js';
import { reportProblems } from './sync-common.js';
import { renderTable } from './table.js';
import { resolveDir } from './validate.js';

const help = `Usage: clientsync list [--dir DIR] [--live] [--format text|json] [--insecure-http]

Lists the declared API clients with the settings page's columns: Client ID, Display Name,
Description, Capability Types, Scopes. Accounts whose file is invalid are named at the end.

Options:
  --dir DIR        the folder that holds clientsync.yaml and clients/ (default: .)
  --live           also read Keycloak and add a column saying whether each client is in
                   sync, drifted (which fields), missing, or not managed by clientsync, and
                   which delivery targets still owe its secret; managed clients that no
                   file declares are listed too
  --format FORMAT  text (default) or json
  -h, --help       show this help

${CONNECTION_HELP}
`;

/** The managed fields the settings page's list shows, as columns after Client ID. */
const LISTED = MANAGED_FIELDS.filter((f) => f.column !== null);

/** One line of the list: account and clientId, the LISTED fields by name, and with --live a `keycloak` state. */
interface Row {
  readonly account: string;
  readonly clientId: string;
  readonly [field: string]: unknown;
  readonly keycloak?: string;
}

/** The LISTED fields of a client, as declared (`spec`, absent ones empty) or as Keycloak holds them. */
function listedValues(values: { readonly [K in ManagedFieldName]?: unknown }): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of LISTED) {
    const value = values[f.name] ?? emptyValue(f.compare);
    out[f.name] = Array.isArray(value) ? [...(value as unknown[])] : value;
  }
  return out;
}

/** A table cell; a blank Display Name shows the clientId, as on the settings page. */
function cell(name: string, value: unknown, clientId: string): string {
  if (Array.isArray(value)) return value.join(', ');
  const text = String(value);
  return name === 'displayName' && text === '' ? clientId : text;
}

function liveStatus(live: LiveClient | undefined, drift: readonly string[], adopt: boolean): string {
  if (!live) return 'missing: apply creates it';
  if (!live.managed) return adopt ? 'unmanaged: apply adopts it' : 'conflict: exists, not managed (add adopt: true)';
  return `${drift.length === 0 ? 'in sync' : `drift: ${drift.join(', ')}`}${owed(live)}`;
}

/** A secret the client still owes delivery targets (docs/secrets.md); never drift. */
function owed(live: LiveClient): string {
  return live.pendingDelivery === undefined ? '' : `; secret owed to ${owedSentence(live.pendingDelivery)}`;
}

export const listCommand: Command = {
  name: 'list',
  help,
  async run(argv, io) {
    const { values } = parseFlags('list', argv, {
      ...INSECURE_HTTP_FLAG,
      dir: { type: 'string' },
      live: { type: 'boolean' },
      format: { type: 'string' },
    });
    const format = choice('list', 'format', values['format'], ['text', 'json'] as const, 'text');
    const dir = await resolveDir(io, 'list', values['dir']);
    const withLive = values['live'] === true;
    const keycloak = withLive ? keycloakFromEnv(io, values) : null;
    const validation = await loadRepository(dir, new Date());
    const desired = validation.desired;
    if (!desired) throw new SettingsInvalidError(validation, 'nothing was listed');
    reportProblems(io, validation);
    const settings = desired.settings;
    const live = keycloak ? await keycloak.listClients(settings.realm, Object.keys(settings.scopes), validation.clientCount) : [];
    const liveById = new Map(live.map((c) => [c.clientId, c]));

    const rows: Row[] = [];
    for (const account of desired.accounts) {
      for (const spec of account.clients) {
        const row: Row = { account: account.accountId, clientId: spec.clientId, ...listedValues(spec) };
        if (withLive) {
          const l = liveById.get(spec.clientId);
          const drift = l ? diffFields(l.fields, desiredFields(spec, settings)).map((f) => f.field) : [];
          rows.push({ ...row, keycloak: liveStatus(l, drift, spec.adopt === true) });
        } else rows.push(row);
      }
    }
    const declared = new Set(rows.map((r) => r.clientId));
    const skipped = desired.accounts.filter((a) => !a.valid);
    const frozen = new Set(skipped.map((a) => a.accountId));
    if (withLive) {
      for (const l of live) {
        if (!l.managed || l.builtIn || declared.has(l.clientId)) continue;
        const account = l.account ?? l.clientId.split('_')[0] ?? '';
        rows.push({
          account,
          clientId: l.clientId,
          ...listedValues(l.fields),
          keycloak: `${frozen.has(account) ? 'not declared (account skipped: kept)' : 'not declared: apply deletes it'}${owed(l)}`,
        });
      }
    }
    rows.sort((a, b) => (a.clientId < b.clientId ? -1 : a.clientId > b.clientId ? 1 : 0));

    if (format === 'json') {
      io.stdout.write(`${JSON.stringify({ realm: settings.realm, clients: rows, skippedAccounts: skipped.map((a) => ({ account: a.accountId, file: a.file, problems: a.errorCount })) }, null, 2)}\n`);
      return EXIT_OK;
    }
    const header = ['Client ID', ...LISTED.map((f) => f.column), ...(withLive ? ['Keycloak'] : [])];
    const cells = rows.map((r) => [r.clientId, ...LISTED.map((f) => cell(f.name, r[f.name], r.clientId)), ...(withLive ? [r.keycloak ?? ''] : [])]);
    io.stdout.write(rows.length > 0 ? renderTable(header, cells) : 'No clients declared.\n');
    for (const a of skipped) io.stdout.write(`! account '${a.accountId}' skipped: ${a.file} has ${a.errorCount} problem(s); run 'clientsync validate'\n`);
    return EXIT_OK;
  },
};
