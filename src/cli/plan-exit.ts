import type { Plan } from '../model/plan.js';
import { needsAttention } from '../plan/attention.js';
import { EXIT_CHANGES, EXIT_FAILURE, EXIT_OK } from './command.js';

/**
 * 1 when an account was skipped or a conflict found; 2 for changes if asked; else 0
 * (docs/design.md, "Errors and exit codes").
 */
export function computeExit(plan: Plan, detailed: boolean): number {
  if (needsAttention(plan)) return EXIT_FAILURE;
  if (detailed && plan.changes.length > 0) return EXIT_CHANGES;
  return EXIT_OK;
}
