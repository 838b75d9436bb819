// The checks that make `apply` change nothing at all: run before the applier is called.
import type { Plan } from '../model/plan.js';
import { checkDeleteLimit } from '../plan/index.js';

export interface GuardOptions {
  /** `--max-deletes` (default DEFAULT_MAX_DELETES from src/plan). */
  readonly maxDeletes: number;
}

/** The refusal message when the plan must not be applied at all, else null. */
export function applyGuard(plan: Plan, options: GuardOptions): string | null {
  return checkDeleteLimit(plan, options.maxDeletes);
}
