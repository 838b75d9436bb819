// `clientsync secret get CLIENT_ID`: prints a client's current secret, for operators. The one
// command that prints a secret, and only because it is asked to, only on stdout.
import { readSettingsFile } from '../config/index.js';
import { validateSettingsFile } from '../config/validate-repository.js';
import { CONNECTION_HELP } from '../keycloak/connection.js';
import { KeycloakRefusedError, UsageError } from '../model/errors.js';
import { type CliIo, type Command, EXIT_FAILURE, EXIT_OK, parseFlags } from './command.js';
import { INSECURE_HTTP_FLAG, keycloakFromEnv } from './keycloak-env.js';
import { resolveDir } from './validate.js';

const help = `Usage: clientsync secret get CLIENT_ID [--realm REALM | --dir DIR] [--insecure-http]

Prints the current secret of a client, and nothing else, to standard output (for a pipe
into your secret store). The realm is --realm, or else the one in DIR/clientsync.yaml.

Options:
  --realm REALM  the realm of the client
  --dir DIR      the folder whose clientsync.yaml names the realm (default: .)
  -h, --help     show this help

Exit codes: 0 printed; 1 no such client or Keycloak refused; 64 bad usage.

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
    const { values, positionals } = parseFlags('secret', argv, { ...INSECURE_HTTP_FLAG, realm: { type: 'string' }, dir: { type: 'string' } }, true);
    const [verb, clientId, ...extra] = positionals;
    if (verb !== 'get') throw new UsageError(`expected 'secret get CLIENT_ID'${verb ? ` (got '${verb}')` : ''}`);
    if (!clientId) throw new UsageError('secret get needs a CLIENT_ID, e.g. clientsync secret get acme_reporting');
    if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'`);
    const realm = await realmFor(io, 'secret', values);
    const keycloak = keycloakFromEnv(io, values);
    const client = await keycloak.findClient(realm, clientId, []);
    if (!client) {
      io.stderr.write(`clientsync secret: no client '${clientId}' in realm '${realm}'\n`);
      return EXIT_FAILURE;
    }
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
