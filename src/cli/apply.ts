// `clientsync apply`: computes the plan afresh and executes it (docs/design.md, "Apply").
import { parseSecretSink, renderApplyReport } from '../apply/index.js';
import { CONNECTION_HELP } from '../keycloak/connection.js';
import { DEFAULT_MAX_DELETES, emptyDesiredRefusal, emptyDesiredWithheld, needsAttention, renderPlan } from '../plan/index.js';
import { gitRevision } from '../sync/git-revision.js';
import { runSync } from '../sync/run-sync.js';
import { type Command, EXIT_FAILURE, EXIT_OK, integer, parseFlags } from './command.js';
import { reportRefusal } from './failure.js';
import { keycloakFromEnv } from './keycloak-env.js';
import { reportProblems, useColor } from './sync-common.js';
import { resolveDir } from './validate.js';

export const DEFAULT_CONCURRENCY = 8;

const help = `Usage: clientsync apply [--dir DIR] [--max-deletes N] [--allow-empty] [--concurrency N] [--secret-sink file:DIR]

Makes Keycloak match git: computes the plan (as 'clientsync plan' shows it), prints it, and
executes it: creates, adopts and updates, secret rotations, then deletes. One failed change
does not stop the others; each change's outcome is reported. A re-run retries what failed.

Options:
  --dir DIR            the folder that holds clientsync.yaml and clients/ (default: .)
  --max-deletes N      refuse the whole run (changing nothing) if it would delete more than
                       N clients (default: ${DEFAULT_MAX_DELETES})
  --allow-empty        allow deletes when no account file exists at all (a broken checkout
                       must not wipe the realm, so without it such a run deletes nothing
                       and exits 1)
  --concurrency N      changes run at once, 1 to 64 (default: ${DEFAULT_CONCURRENCY})
  --secret-sink SINK   where new secrets (create, rotate) go: none (default: they stay only in
                       Keycloak; read one with 'clientsync secret get') or file:DIR
                       (DIR/<clientId>.json, mode 0600, written atomically)
  -h, --help           show this help

Exit codes: 0 everything applied; 1 a change failed, an account was skipped (invalid file),
a client is in conflict, or the run was refused (--max-deletes, or no account file at all
without --allow-empty); 64 bad usage or a missing setting.

${CONNECTION_HELP}
`;

export const applyCommand: Command = {
  name: 'apply',
  help,
  async run(argv, io) {
    const { values } = parseFlags('apply', argv, {
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
    const keycloak = keycloakFromEnv(io);
    const revision = await gitRevision(dir);
    const allowEmpty = values['allow-empty'] === true;
    const result = await runSync({
      dir,
      keycloak,
      now: new Date(),
      revision,
      allowEmpty,
      maxDeletes,
      concurrency,
      sink,
      onPlanned: ({ validation, plan }) => {
        reportProblems(io, validation);
        io.stdout.write(renderPlan(plan, 'text', { color: useColor(io) }));
      },
    });
    if (result.refusal !== null) return reportRefusal('apply', result.refusal, io);
    if (result.report !== null) io.stdout.write(`\n${renderApplyReport(result.report)}`);
    // The empty-desired guard withheld every delete: a refusal like --max-deletes (exit 1), with
    // the flag that allows it. (An empty desired state has no other change to apply.)
    const withheld = emptyDesiredWithheld(result.desired, result.live, allowEmpty);
    if (withheld > 0) return reportRefusal('apply', emptyDesiredRefusal(withheld), io);
    return (result.report?.ok ?? true) && !needsAttention(result.plan) ? EXIT_OK : EXIT_FAILURE;
  },
};
