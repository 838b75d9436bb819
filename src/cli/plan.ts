// `clientsync plan`: what apply would change in Keycloak, computed from git and Keycloak.
import { computeExit } from './plan-exit.js';
import { PLAN_FORMATS, renderPlan, type PlanFormat } from '../plan/index.js';
import { gitRevision } from '../sync/git-revision.js';
import { planSync } from '../sync/sync-plan.js';
import { CONNECTION_HELP } from '../keycloak/connection.js';
import { choice, type Command, parseFlags } from './command.js';
import { INSECURE_HTTP_FLAG, keycloakFromEnv } from './keycloak-env.js';
import { reportProblems, useColor } from './sync-common.js';
import { policyFlags } from './sync-policy-flags.js';
import { resolveDir } from './validate.js';

/** `plan` offers only --allow-empty of the policy: it applies nothing and delivers no secret. */
const POLICY = policyFlags('plan', ['allow-empty']);

const help = `Usage: clientsync plan [--dir DIR] [--format text|markdown|json] [--detailed-exitcode] [--allow-empty]
                        [--insecure-http]

Shows what 'clientsync apply' would change in Keycloak: clients to create, update, adopt,
delete, and secrets to rotate, each changed field with its value before and after. Reads
Keycloak; changes nothing.

Options:
  --dir DIR            the folder that holds clientsync.yaml and clients/ (default: .)
  --format FORMAT      text (default), markdown (for a pull-request comment), json
  --detailed-exitcode  exit 2 when there are changes (0 means none)
  --allow-empty        plan deletes even when no account file exists at all
  -h, --help           show this help

Exit codes: 0 success (no changes with --detailed-exitcode); 2 changes (with
--detailed-exitcode); 1 error, or an account was skipped (invalid file) or a client is in
conflict (the whole plan is printed first); 64 bad usage or a missing setting.

${CONNECTION_HELP}
`;

export const planCommand: Command = {
  name: 'plan',
  help,
  async run(argv, io) {
    const { values } = parseFlags('plan', argv, {
      ...INSECURE_HTTP_FLAG,
      dir: { type: 'string' },
      format: { type: 'string' },
      'detailed-exitcode': { type: 'boolean' },
      ...POLICY.flags,
    });
    const format: PlanFormat = choice('plan', 'format', values['format'], PLAN_FORMATS, 'text');
    const policy = await POLICY.build(values, io);
    const dir = await resolveDir(io, 'plan', values['dir']);
    const keycloak = keycloakFromEnv(io, values, { pageConcurrency: policy.pageConcurrency });
    const { validation, plan } = await planSync({
      dir,
      keycloak,
      now: new Date(),
      // Not awaited here: git runs while the files are read (gitRevision never rejects).
      revision: gitRevision(dir),
      policy,
    });
    reportProblems(io, validation);
    io.stdout.write(renderPlan(plan, format, { color: format === 'text' && useColor(io) }));
    return computeExit(plan, values['detailed-exitcode'] === true);
  },
};
