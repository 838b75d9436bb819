// `clientsync secret get CLIENT_ID`: prints a client's current secret, for operators. The one
// command that prints a secret, and only because it is asked to, only on stdout.
// `clientsync secret deliver CLIENT_ID [--target NAME]`: sends the current secret again to the
// configured delivery targets (reason "requested"), e.g. to a target added later.
import { deliverSecret } from '../apply/index.js';
import { readSettingsFile } from '../config/index.js';
import { DELIVERY_ENV, loadSecretSink } from '../delivery/index.js';
import { escapeUnsafe } from '../plan/display.js';
import { validateSettingsFile } from '../config/validate-repository.js';
import { CONNECTION_HELP } from '../keycloak/connection.js';
import { KeycloakRefusedError, UsageError } from '../model/errors.js';
import { type CliIo, type Command, EXIT_FAILURE, EXIT_OK, parseFlags, stringFlag } from './command.js';
import { INSECURE_HTTP_FLAG, keycloakFromEnv } from './keycloak-env.js';
import { resolveDir } from './validate.js';

const help = `Usage: clientsync secret get CLIENT_ID [--realm REALM | --dir DIR] [--insecure-http]
       clientsync secret deliver CLIENT_ID [--target NAME] [--secret-delivery FILE] [--realm REALM | --dir DIR]
                                [--insecure-http]

get      prints the current secret of a client, and nothing else, to standard output (for a
         pipe into your secret store).
deliver  sends the current secret of a client managed by clientsync to the delivery targets
         (all of them, or --target NAME), with reason "requested": for a target added later,
         an adopted client, or a team that lost its copy. The secret is not printed. Targets
         that take it leave the client's pending-delivery marker (docs/secrets.md).

The realm is --realm, or else the one in DIR/clientsync.yaml.

Options:
  --realm REALM           the realm of the client
  --dir DIR               the folder whose clientsync.yaml names the realm (default: .)
  --target NAME           deliver: only this target of the delivery file
  --secret-delivery FILE  deliver: the delivery targets (default $${DELIVERY_ENV})
  --secret-sink file:DIR  deliver: a directory target named "file"
  -h, --help              show this help

Exit codes: 0 printed or delivered; 1 no such client, a delivery failed or Keycloak refused;
64 bad usage or a bad delivery file.

${CONNECTION_HELP}
`;

/** The realm from --realm, else from DIR/clientsync.yaml. */
export async function realmFor(io: CliIo, command: string, values: Record<string, string | boolean | undefined>): Promise<string> {
  if (typeof values['realm'] === 'string' && values['realm'] !== '') return values['realm'];
  const dir = await resolveDir(io, command, values['dir']);
  const settings = validateSettingsFile(readSettingsFile(dir)).settings;
  if (!settings) throw new UsageError(`no realm: pass --realm, or run where a valid clientsync.yaml is (or pass --dir)`);
  return settings.realm;
}

export const secretCommand: Command = {
  name: 'secret',
  help,
  async run(argv, io) {
    const { values, positionals } = parseFlags(
      'secret',
      argv,
      {
        ...INSECURE_HTTP_FLAG,
        realm: { type: 'string' },
        dir: { type: 'string' },
        target: { type: 'string' },
        'secret-delivery': { type: 'string' },
        'secret-sink': { type: 'string' },
      },
      true,
    );
    const [verb, clientId, ...extra] = positionals;
    if (verb !== 'get' && verb !== 'deliver') throw new UsageError(`expected 'secret get CLIENT_ID' or 'secret deliver CLIENT_ID'${verb ? ` (got '${verb}')` : ''}`);
    if (!clientId) throw new UsageError(`secret ${verb} needs a CLIENT_ID, e.g. clientsync secret ${verb} acme_reporting`);
    if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'`);
    if (verb === 'deliver') return deliver(io, clientId, values);
    for (const flag of ['target', 'secret-delivery', 'secret-sink']) {
      if (values[flag] !== undefined) throw new UsageError(`--${flag} belongs to 'secret deliver', not 'secret get'`);
    }
    const found = await findClient(io, clientId, values);
    if (found === null) return EXIT_FAILURE;
    const { realm, keycloak, client } = found;
    try {
      const secret = await keycloak.getSecret(realm, client.id);
      io.stdout.write(`${secret.reveal()}\n`);
      return EXIT_OK;
    } catch (error) {
      if (error instanceof KeycloakRefusedError) throw error;
      io.stderr.write(`clientsync secret: ${error instanceof Error ? error.message : String(error)}\n`);
      return EXIT_FAILURE;
    }
  },
};

/** The client both verbs act on, in the realm of --realm or clientsync.yaml; null (said on stderr) when absent. */
async function findClient(io: CliIo, clientId: string, values: Record<string, string | boolean | undefined>) {
  const realm = await realmFor(io, 'secret', values);
  const keycloak = keycloakFromEnv(io, values);
  const client = await keycloak.findClient(realm, clientId, []);
  if (!client) {
    io.stderr.write(`clientsync secret: no client '${clientId}' in realm '${realm}'\n`);
    return null;
  }
  return { realm, keycloak, client };
}

async function deliver(io: CliIo, clientId: string, values: Record<string, string | boolean | undefined>): Promise<number> {
  const text = (name: string) => stringFlag(values, name);
  // The delivery file is checked before anything else happens.
  const sink = await loadSecretSink({ deliveryFile: text('secret-delivery'), secretSink: text('secret-sink'), env: io.env });
  if (sink.targets.length === 0) {
    throw new UsageError(`no delivery target: pass --secret-delivery FILE (or set ${DELIVERY_ENV}), or --secret-sink file:DIR`);
  }
  const only = text('target');
  const names = sink.targets.map((t) => t.name);
  if (only !== undefined && !names.includes(only)) {
    throw new UsageError(`--target '${only}' is not a configured delivery target; configured: ${names.join(', ')}`);
  }
  const found = await findClient(io, clientId, values);
  if (found === null) return EXIT_FAILURE;
  const { realm, keycloak, client } = found;
  if (!client.managed || client.builtIn) {
    // Writing the delivery marker would mark it managed: clientsync delivers only its own clients.
    io.stderr.write(`clientsync secret: '${clientId}' is not managed by clientsync; adopt it first (adopt: true), or use 'secret get'\n`);
    return EXIT_FAILURE;
  }
  const now = new Date();
  const account = client.account ?? clientId.split('_')[0] ?? clientId;
  const outcomes = await deliverSecret(
    { keycloak, realm, targets: sink.targets, now: () => now },
    { id: client.id, clientId, account, revision: client.revision, fields: client.fields },
    { at: now.toISOString(), reason: 'requested', targets: only === undefined ? names : [only] },
    client.pendingDelivery ?? null,
  );
  for (const o of outcomes) {
    if (o.outcome === 'delivered') io.stdout.write(`✓ delivered ${clientId} → ${o.target}\n`);
    else io.stderr.write(`✗ ${clientId} → ${o.target}: ${escapeUnsafe(o.error ?? 'failed')}\n`);
    if (o.output !== undefined) io.stderr.write(`${o.output.split('\n').map((l) => `  ${o.target}: ${l}`).join('\n')}\n`);
  }
  return outcomes.every((o) => o.outcome === 'delivered') ? EXIT_OK : EXIT_FAILURE;
}
