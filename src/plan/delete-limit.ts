// The --max-deletes policy (docs/design.md, "Invariants"): apply refuses a whole run that would delete too many
// clients. It lives here, beside the planner, so `plan` can warn with the same words.
import type { Plan } from '../model/plan.js';

export const DEFAULT_MAX_DELETES = 10;

/** The refusal message when `plan` deletes more than `maxDeletes` clients, else null. */
export function checkDeleteLimit(plan: Plan, maxDeletes: number): string | null {
  if (!Number.isSafeInteger(maxDeletes) || maxDeletes < 0) {
    throw new RangeError(`checkDeleteLimit: maxDeletes must be a whole number ≥ 0, got ${maxDeletes}`);
  }
  const deletes = plan.changes.filter((c) => c.action === 'delete').length;
  if (deletes <= maxDeletes) return null;
  return (
    `Refusing to apply: the plan deletes ${deletes} clients, more than --max-deletes ${maxDeletes} allows. ` +
    `Nothing was changed. Review the plan; if these deletes are intended, run again with --max-deletes ${deletes}.`
  );
}
