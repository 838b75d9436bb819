// Orderings shared by the planner and the renderers; string order itself is shared/order.ts.
import type { Action, Change } from '../model/plan.js';
import { compareStrings } from '../shared/order.js';

export { compareStrings, sortedUnique } from '../shared/order.js';

/** The order changes of one client are listed and applied in (docs/design.md, "Apply": rotate after writes). */
export const ACTION_ORDER: readonly Action[] = ['create', 'adopt', 'update', 'rotate', 'delete'];

export function compareChanges(a: Change, b: Change): number {
  return (
    compareStrings(a.account, b.account) ||
    compareStrings(a.clientId, b.clientId) ||
    ACTION_ORDER.indexOf(a.action) - ACTION_ORDER.indexOf(b.action)
  );
}
