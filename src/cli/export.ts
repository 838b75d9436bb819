// `clientsync export --account ID`: an account file for the account's existing Keycloak
// clients, so a team can bring hand-made clients under clientsync (with adopt: true).
import { readSettingsFile, validateRepository } from '../config/index.js';
import { CONNECTION_HELP } from '../keycloak/connection.js';
import { UsageError } from '../model/errors.js';
import { type Command, EXIT_OK, parseFlags } from './command.js';
import { accountYaml } from './export-yaml.js';
import { formatText } from './format-problems.js';
import { INSECURE_HTTP_FLAG, keycloakFromEnv } from './keycloak-env.js';
import { resolveDir } from './validate.js';
import { validateSettingsFile } from '../config/validate-repository.js';

const help = `Usage: clientsync export --account ID [--dir DIR] [--insecure-http]

Writes, to standard output, an account file (clients/ID.yaml) that declares the account's
existing clients in Keycloak: those whose clientId starts with 'ID_'. Clients not yet managed
by clientsync get 'adopt: true', so the first apply takes them over instead of reporting a
conflict. The realm and the known scopes come from DIR/clientsync.yaml. The result is
validated; any problem (a value Keycloak accepts but clientsync's rules don't) is printed
to standard error, to fix before committing. No secret is exported.

  clientsync export --account acme > clients/acme.yaml

Options:
  --account ID  the account id (the file name under clients/)
  --dir DIR     the folder that holds clientsync.yaml (default: .)
  -h, --help    show this help

${CONNECTION_HELP}
`;

export const exportCommand: Command = {
  name: 'export',
  help,
  async run(argv, io) {
    const { values } = parseFlags('export', argv, { ...INSECURE_HTTP_FLAG, account: { type: 'string' }, dir: { type: 'string' } });
    const account = values['account'];
    if (typeof account !== 'string' || account === '') throw new UsageError('--account ID is required, e.g. clientsync export --account acme');
    const dir = await resolveDir(io, 'export', values['dir']);
    const settingsFile = readSettingsFile(dir);
    const settings = validateSettingsFile(settingsFile).settings;
    if (!settings) throw new UsageError(`${dir}/clientsync.yaml is missing or invalid; run 'clientsync validate' there first`);
    if (!new RegExp(settings.accountIdPattern, 'u').test(account)) {
      throw new UsageError(`'${account}' is not a valid account id: it must match ${settings.accountIdPattern}`);
    }
    const keycloak = keycloakFromEnv(io, values);
    const live = await keycloak.listClients(settings.realm, Object.keys(settings.scopes));
    const mine = live
      .filter((c) => !c.builtIn && c.clientId.startsWith(`${account}_`))
      .sort((a, b) => (a.clientId < b.clientId ? -1 : 1));
    const text = accountYaml(account, settings.realm, mine);
    io.stdout.write(text);
    const file = `clients/${account}.yaml`;
    const check = validateRepository({ settings: settingsFile, accounts: [{ file, bytes: new TextEncoder().encode(text), size: text.length }], misplaced: [] }, new Date());
    const problems = check.problems.filter((p) => p.file === file);
    if (mine.length === 0) io.stderr.write(`clientsync export: realm '${settings.realm}' has no clients starting with '${account}_'\n`);
    if (problems.length > 0) {
      io.stderr.write(`clientsync export: the exported file needs edits before it validates:\n`);
      io.stderr.write(formatText({ problems, fileCount: 1, clientCount: 0 }));
    }
    return EXIT_OK;
  },
};
