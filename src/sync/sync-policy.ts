// How a sync may act, as one value: built once by the command line (flags, then the environment)
// and passed down whole to runSync, the planner's guard, the applier and the Keycloak adapter,
// instead of each option threaded through every layer by itself. A new knob is a field here,
// its default in syncPolicy(), and the flag that sets it (cli/sync-policy-flags.ts).
// clientsync.yaml holds no such setting today (its realm, scopes and limits are what the files
// are validated against, not how a run acts).
import { NONE_SINK, type SecretSink } from '../apply/index.js';
import { DEFAULT_PAGE_CONCURRENCY } from '../keycloak/adapter.js';
import { DEFAULT_MAX_DELETES } from '../plan/index.js';

/** `--concurrency`: clients worked on at once. */
export const DEFAULT_CONCURRENCY = 8;

export interface SyncPolicy {
  /** `--max-deletes`: above it the whole run is refused and nothing changes (docs/design.md, "Invariants"). */
  readonly maxDeletes: number;
  /** `--allow-empty`: an empty desired state may delete every managed client. */
  readonly allowEmpty: boolean;
  /** `--concurrency`: clients the applier works on at once. */
  readonly concurrency: number;
  /** Where new secrets go: `--secret-delivery FILE` (or $CLIENTSYNC_SECRET_DELIVERY) and `--secret-sink`. */
  readonly sink: SecretSink;
  /** Keycloak list pages read at once (keycloak/paging.ts); no flag sets it yet. */
  readonly pageConcurrency: number;
}

/** The policy with every default, overridden where given. */
export function syncPolicy(overrides: Partial<SyncPolicy> = {}): SyncPolicy {
  return {
    maxDeletes: DEFAULT_MAX_DELETES,
    allowEmpty: false,
    concurrency: DEFAULT_CONCURRENCY,
    sink: NONE_SINK,
    pageConcurrency: DEFAULT_PAGE_CONCURRENCY,
    ...overrides,
  };
}
