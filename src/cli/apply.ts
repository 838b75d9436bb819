// `clientsync apply`: computes the plan afresh and executes it (design 5).
import { parseSecretSink, renderApplyReport } from '../apply/index.js';
import { CONNECTION_HELP } from '../keycloak/connection.js';
import { DEFAULT_MAX_DELETES, needsAttention, renderPlan } from '../plan/index.js';
import { gitRevision } from '../sync/git-revision.js';
import { runSync } from '../sync/run-sync.js';
import { type Command, EXIT_FAILURE, EXIT_OK, integer, parseFlags } from './command.js';
import { INSECURE_HTTP_FLAG, keycloakFromEnv } from './keycloak-env.js';
import { reportProblems, useColor } from './sync-common.js';
import { resolveDir } from './validate.js';

export const DEFAULT_CONCURRENCY = 8;

const help = `Usage: clientsync apply [--dir DIR] [--max-deletes N] [--allow-empty] [--concurrency N] [--secret-sink file:DIR]
                         [--insecure-http]

Makes Keycloak match git: computes the plan (as 'clientsync plan' shows it), prints it, and
executes it: creates, adopts and updates, secret rotations, then deletes. One failed change
does not stop the others; each change's outcome is reported. A re-run retries what failed.

Options:
  --dir DIR            the folder that holds clientsync.yaml and clients/ (default: .)
  --max-deletes N      refuse the whole run (changing nothing) if it would delete more than
                       N clients (default: ${DEFAULT_MAX_DELETES})
  --allow-empty        allow deletes when no account file exists at all (a broken checkout
                       must not wipe the realm, so this is off by default)
  --concurrency N      changes run at once, 1 to 64 (default: ${DEFAULT_CONCURRENCY})
  --secret-sink SINK   where new secrets (create, rotate) go: none (default: they stay only in
                       Keycloak; read one with 'clientsync secret get') or file:DIR
                       (DIR/<clientId>.json, mode 0600, written atomically)
  -h, --help           show this help

Exit codes: 0 everything applied; 1 a change failed, an account was skipped (invalid file),
a client is in conflict, or the run was refused (--max-deletes); 64 bad usage or a missing
setting.

${CONNECTION_HELP}
`;

export const applyCommand: Command = {
  name: 'apply',
  help,
  async run(argv, io) {
    const { values } = parseFlags('apply', argv, {
      ...INSECURE_HTTP_FLAG,
      dir: { type: 'string' },
      'max-deletes': { type: 'string' },
      'allow-empty': { type: 'boolean' },
      concurrency: { type: 'string' },
      'secret-sink': { type: 'string' },
    });
    const maxDeletes = integer('apply', 'max-deletes', values['max-deletes'], DEFAULT_MAX_DELETES, 0);
    const concurrency = integer('apply', 'concurrency', values['concurrency'], DEFAULT_CONCURRENCY, 1, 64);
    const sink = parseSecretSink(typeof values['secret-sink'] === 'string' ? values['secret-sink'] : undefined);
    const dir = await resolveDir(io, 'apply', values['dir']);
    const keycloak = keycloakFromEnv(io, values);
    const revision = await gitRevision(dir);
    const result = await runSync({
      dir,
      keycloak,
      now: new Date(),
      revision,
      allowEmpty: values['allow-empty'] === true,
      maxDeletes,
      concurrency,
      sink,
      onPlanned: ({ validation, plan }) => {
        reportProblems(io, validation);
        io.stdout.write(renderPlan(plan, 'text', { color: useColor(io) }));
      },
    });
    if (result.refusal !== null) {
      io.stderr.write(`clientsync apply: ${result.refusal}\n`);
      return EXIT_FAILURE;
    }
    if (result.report !== null) io.stdout.write(`\n${renderApplyReport(result.report)}`);
    return (result.report?.ok ?? true) && !needsAttention(result.plan) ? EXIT_OK : EXIT_FAILURE;
  },
};
