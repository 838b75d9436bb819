// `clientsync apply`: computes the plan afresh and executes it (docs/design.md, "Apply").
import { renderApplyReport } from '../apply/index.js';
import { DELIVERY_ENV } from '../delivery/index.js';
import { CONNECTION_HELP } from '../keycloak/connection.js';
import { DEFAULT_MAX_DELETES, emptyDesiredRefusal, emptyDesiredWithheld, needsAttention, renderPlan } from '../plan/index.js';
import { gitRevision } from '../sync/git-revision.js';
import type { OwedDelivery } from '../model/plan.js';
import { runSync } from '../sync/run-sync.js';
import { type Command, EXIT_FAILURE, EXIT_OK, parseFlags } from './command.js';
import { DEFAULT_CONCURRENCY } from '../sync/sync-policy.js';
import { reportRefusal } from './failure.js';
import { INSECURE_HTTP_FLAG, keycloakFromEnv } from './keycloak-env.js';
import { reportProblems, useColor } from './sync-common.js';
import { policyFlags } from './sync-policy-flags.js';
import { resolveDir } from './validate.js';

/** The policy flags `apply` offers (all of them), in the order its help lists them. */
const POLICY = policyFlags('apply', ['max-deletes', 'allow-empty', 'concurrency', 'secret-delivery', 'secret-sink']);

const help = `Usage: clientsync apply [--dir DIR] [--max-deletes N] [--allow-empty] [--concurrency N]
                        [--secret-delivery FILE] [--secret-sink file:DIR] [--insecure-http]

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
  --secret-delivery FILE
                       the delivery targets new secrets (create, rotate) go to: commands and
                       directories, configured beside the deployment (docs/secrets.md); default
                       $${DELIVERY_ENV}. Without any target a secret stays only in
                       Keycloak: read it with 'clientsync secret get'. Secrets still owed from
                       earlier runs are delivered too; a failed delivery stays pending
  --secret-sink SINK   none (default) or file:DIR: one directory target named "file"
                       (DIR/<clientId>.json, mode 0600; DIR must be 0700)
  -h, --help           show this help

Exit codes: 0 everything applied; 1 a change or a secret delivery failed, an account was
skipped (invalid file), a client is in conflict, or the run was refused (--max-deletes, or no
account file at all without --allow-empty); 64 bad usage, a bad delivery file or a missing
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
      ...POLICY.flags,
    });
    const policy = await POLICY.build(values, io);
    const dir = await resolveDir(io, 'apply', values['dir']);
    const keycloak = keycloakFromEnv(io, values, { pageConcurrency: policy.pageConcurrency });
    const revision = await gitRevision(dir);
    const result = await runSync({
      dir,
      keycloak,
      now: new Date(),
      revision,
      policy,
      onPlanned: ({ validation, plan }) => {
        reportProblems(io, validation);
        io.stdout.write(renderPlan(plan, 'text', { color: useColor(io) }));
      },
    });
    if (result.refusal !== null) return reportRefusal('apply', result.refusal, io);
    if (result.report !== null) io.stdout.write(`\n${renderApplyReport(result.report)}`);
    // The empty-desired guard withheld every delete: a refusal like --max-deletes (exit 1), with
    // the flag that allows it. (An empty desired state has no other change to apply.)
    const withheld = emptyDesiredWithheld(result.desired, result.live, policy.allowEmpty);
    if (withheld > 0) return reportRefusal('apply', emptyDesiredRefusal(withheld), io);
    const notHere = owedElsewhere(result.plan.pendingDeliveries ?? [], policy.sink.targets.map((t) => t.name));
    if (notHere !== '') io.stderr.write(`clientsync apply: ${notHere}\n`);
    return (result.report?.ok ?? true) && !needsAttention(result.plan) ? EXIT_OK : EXIT_FAILURE;
  },
};

/** Secrets owed to targets this run does not have: said once, so nobody thinks they went out. */
function owedElsewhere(owed: readonly OwedDelivery[], configured: readonly string[]): string {
  const clients = owed.filter((o) => o.pending.unreadable !== true && o.pending.targets.some((t) => !configured.includes(t)));
  if (clients.length === 0) return '';
  const names = [...new Set(clients.flatMap((o) => o.pending.targets.filter((t) => !configured.includes(t))))].sort();
  return (
    `${clients.length} client${clients.length === 1 ? '' : 's'} still owe${clients.length === 1 ? 's' : ''} a secret to target${names.length === 1 ? '' : 's'} ` +
    `${names.join(', ')}, not configured here (--secret-delivery); they are delivered where ${names.length === 1 ? 'it is' : 'they are'}.`
  );
}
