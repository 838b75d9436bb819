// The flags that make a SyncPolicy (src/sync/sync-policy.ts), read the same way by `plan`,
// `apply` and `daemon`: each command names the policy flags it offers, puts `flags` into its
// parseFlags options and builds its policy once with `build`. A flag a command does not offer
// keeps its default, and its setting in the environment is not read (`plan` never loads a
// delivery file). Bad values are usage errors (exit 64) naming the flag.
import { loadSecretSink } from '../delivery/index.js';
import { syncPolicy, type SyncPolicy } from '../sync/sync-policy.js';
import { integer, stringFlag, type CliIo } from './command.js';

const POLICY_FLAGS = {
  'max-deletes': { type: 'string' },
  'allow-empty': { type: 'boolean' },
  concurrency: { type: 'string' },
  'secret-delivery': { type: 'string' },
  'secret-sink': { type: 'string' },
} as const;

export type PolicyFlag = keyof typeof POLICY_FLAGS;

export interface PolicyFlags<F extends PolicyFlag> {
  readonly flags: { readonly [K in F]: (typeof POLICY_FLAGS)[K] };
  /** The policy from the parsed flags and the environment, checked in the order of `offered`. */
  build(values: Readonly<Record<string, string | boolean | undefined>>, io: Pick<CliIo, 'env'>): Promise<SyncPolicy>;
}

export function policyFlags<const F extends PolicyFlag>(command: string, offered: readonly F[]): PolicyFlags<F> {
  const has = (name: PolicyFlag): boolean => (offered as readonly PolicyFlag[]).includes(name);
  return {
    flags: Object.fromEntries(offered.map((name) => [name, POLICY_FLAGS[name]])) as PolicyFlags<F>['flags'],
    async build(values, io) {
      const defaults = syncPolicy();
      const str = (name: PolicyFlag): string | undefined => stringFlag(values, name);
      const maxDeletes = has('max-deletes') ? integer(command, 'max-deletes', values['max-deletes'], defaults.maxDeletes, 0) : defaults.maxDeletes;
      const concurrency = has('concurrency') ? integer(command, 'concurrency', values['concurrency'], defaults.concurrency, 1, 64) : defaults.concurrency;
      const sink =
        has('secret-delivery') || has('secret-sink')
          ? await loadSecretSink({ deliveryFile: str('secret-delivery'), secretSink: str('secret-sink'), env: io.env })
          : defaults.sink;
      return syncPolicy({ maxDeletes, allowEmpty: has('allow-empty') && values['allow-empty'] === true, concurrency, sink });
    },
  };
}
