// Whether a plan needs people to act even when every change succeeds: an account was skipped
// (invalid file) or a client is in conflict. `plan` and `apply` exit 1 then; the daemon calls
// such a run partial.
import type { Plan } from '../model/plan.js';

export function needsAttention(plan: Plan): boolean {
  return plan.skippedAccounts.length > 0 || plan.conflicts.length > 0;
}
