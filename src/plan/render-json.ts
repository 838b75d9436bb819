// The machine-readable rendering: the `formatVersion: 1` document (docs/design.md,
// "The plan document"), plus `notices`.
// Keys are written in a fixed order (objects are rebuilt, never spread), so the bytes depend
// only on the plan.
//
// Left out on purpose: a change's Keycloak-internal `id` (meaningless outside one realm, and it
// changes when a client is re-created) and its `desired` block (the full target state is the
// YAML itself, and `apply` computes the plan afresh rather than consuming this document).
// Adding either later is a compatible change; removing one would not be.
// `pendingDeliveries` (secrets still owed to delivery targets, docs/secrets.md) appears only
// when there are some; `targets: null` means every configured target (an unreadable marker).
// Beyond the product design's example, `scheduled` entries also carry `account` (as changes and conflicts
// do), so a consumer can group everything by account without parsing clientIds.
import type { Change, Plan } from '../model/plan.js';
import { SUMMARY_ORDER } from './display.js';

export function renderJson(plan: Plan): string {
  const document = {
    formatVersion: plan.formatVersion,
    revision: plan.revision,
    realm: plan.realm,
    changes: plan.changes.map(changeJson),
    scheduled: plan.scheduled.map((s) => ({ account: s.account, clientId: s.clientId, rotateAt: s.rotateAt })),
    skippedAccounts: plan.skippedAccounts.map((s) => ({ account: s.account, file: s.file, problems: s.problems })),
    conflicts: plan.conflicts.map((c) => ({ account: c.account, clientId: c.clientId, message: c.message })),
    summary: Object.fromEntries(SUMMARY_ORDER.map((action) => [action, plan.summary[action]])),
    notices: [...plan.notices],
    // Only when there are some, so plans without deliveries keep their bytes.
    ...(plan.pendingDeliveries === undefined || plan.pendingDeliveries.length === 0
      ? {}
      : {
          pendingDeliveries: plan.pendingDeliveries.map((d) => ({
            account: d.account,
            clientId: d.clientId,
            targets: d.pending.unreadable === true ? null : [...d.pending.targets],
            reason: d.pending.unreadable === true ? null : d.pending.reason,
            since: d.pending.unreadable === true ? null : d.pending.at,
          })),
        }),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function changeJson(change: Change): Record<string, unknown> {
  return {
    action: change.action,
    account: change.account,
    clientId: change.clientId,
    ...(change.fields === undefined
      ? {}
      : { fields: change.fields.map((f) => ({ field: f.field, before: f.before, after: f.after })) }),
    ...(change.rotateAt === undefined ? {} : { rotateAt: change.rotateAt }),
    ...(change.warnings === undefined ? {} : { warnings: [...change.warnings] }),
  };
}
