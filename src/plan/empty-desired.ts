// The empty-desired guard (docs/design.md, "Invariants"): no account file at all while Keycloak
// holds clients managed by clientsync looks like a broken checkout, not an intent, so nothing is
// deleted without --allow-empty. The planner withholds the deletes (and says so in a notice);
// `apply` refuses the run with the same words, exit 1, as it does for --max-deletes.
import type { DesiredState } from '../model/desired.js';
import type { LiveClient } from '../model/live.js';
import { plural } from '../shared/plural.js';

/** How many managed clients an empty desired state would delete, or 0 when the guard does not apply. */
export function emptyDesiredWithheld(desired: DesiredState, live: readonly LiveClient[], allowEmpty: boolean): number {
  if (allowEmpty || desired.accounts.length > 0) return 0;
  return live.filter((c) => c.managed && !c.builtIn).length;
}

/** The plan's notice. */
export function emptyDesiredNotice(managed: number): string {
  return (
    `No account files were found, but Keycloak holds ${plural(managed, 'client')} managed by ` +
    'clientsync: none is deleted, because a broken checkout must not wipe the realm. If removing ' +
    'every client is intended, run again with --allow-empty.'
  );
}

/** `apply`'s refusal. */
export function emptyDesiredRefusal(managed: number): string {
  return (
    `Refusing to apply: no account files were found, but Keycloak holds ${plural(managed, 'client')} managed by ` +
    'clientsync. Nothing was deleted: a broken checkout must not wipe the realm. If removing every client ' +
    'is intended, run again with --allow-empty.'
  );
}
