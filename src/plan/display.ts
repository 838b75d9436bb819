// Words and escapes shared by the text and markdown renderers. Plans embed text from YAML files
// (names, URLs): control and bidirectional-override characters in it are shown escaped, so a
// value cannot move the cursor, recolour a terminal, break a line or reorder what a reviewer reads.
import type { PendingDelivery } from '../model/delivery.js';
import type { Action, Plan, PlanSummary } from '../model/plan.js';
import { plural } from '../shared/plural.js';

export const ACTION_SYMBOL: Readonly<Record<Action, string>> = {
  create: '+',
  update: '~',
  delete: '-',
  rotate: '↻',
  adopt: '*',
};

/** Column order of summaries, as in the json document (docs/design.md, "The plan document"). */
export const SUMMARY_ORDER: readonly (keyof PlanSummary)[] = ['create', 'update', 'delete', 'rotate', 'adopt'];

export const NO_CHANGES = 'No changes. Keycloak matches git.';

// C0 and C1 controls, DEL, bidi marks/embeddings/isolates, line/paragraph separators, BOM.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** Replaces every unsafe character with a visible escape (\n, \t, \uXXXX). */
export function escapeUnsafe(text: string): string {
  return text.replace(UNSAFE, (ch) => {
    if (ch === '\n') return '\\n';
    if (ch === '\r') return '\\r';
    if (ch === '\t') return '\\t';
    return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/** "Plan: 1 to create, 2 to update, 0 to delete, 1 to rotate, 0 to adopt." */
export function summarySentence(summary: PlanSummary): string {
  return `Plan: ${SUMMARY_ORDER.map((action) => `${summary[action]} to ${action}`).join(', ')}.`;
}

/** Something in the plan other than changes that a reader must act on. */
export function attentionSentence(plan: Plan): string | null {
  const parts = [
    plan.skippedAccounts.length > 0 ? plural(plan.skippedAccounts.length, 'account') + ' skipped' : '',
    plan.conflicts.length > 0 ? plural(plan.conflicts.length, 'conflict') : '',
    plan.notices.length > 0 ? plural(plan.notices.length, 'notice') : '',
  ].filter((p) => p !== '');
  return parts.length === 0 ? null : `Attention: ${parts.join(', ')}; see above.`;
}

/** "vault, files (secret created 2026-06-01T12:00:00.000Z)": what a client still owes, in words. */
export function owedSentence(pending: PendingDelivery): string {
  if (pending.unreadable === true) return 'every configured target (its marker could not be read)';
  return `${pending.targets.join(', ')} (secret ${pending.reason} ${pending.at})`;
}
