// What a client still owes which delivery target, and the decisions about it. Pure: values in,
// values out. The marker lives on the client in Keycloak (attribute clientsync.delivery-pending)
// so that nothing is lost with the process: it names the targets still owed and the time of the
// secret it covers, never the secret and never a hash of it.
//
// The rules (docs/secrets.md):
// - a new secret (create, rotation) owes every target configured at that moment; targets added
//   later are not owed older secrets (an operator asks with `clientsync secret deliver`);
// - a newer secret supersedes an undelivered older one: the marker is replaced, not merged;
// - a target leaves the marker only once the command exited 0 (or the file was written);
// - a marker naming a target that is not configured where the run happens is kept as it is
//   (another deployment may have it) and shown, never silently dropped;
// - a marker that cannot be read (edited by hand) owes every configured target: delivering
//   twice is better than never.

import { DELIVERY_REASONS, type DeliveryReason, type PendingDelivery } from '../model/delivery.js';

export { DELIVERY_REASONS, type DeliveryReason, type PendingDelivery };

export const PENDING_ATTRIBUTE = 'clientsync.delivery-pending';

/** A marker for a secret generated at `at`, owed to `targets`; null when there is none to owe. */
export function pendingFor(reason: DeliveryReason, at: Date, targets: readonly string[]): PendingDelivery | null {
  const names = sortedUnique(targets);
  return names.length === 0 ? null : { at: at.toISOString(), reason, targets: names };
}

/** The attribute's value: a small JSON object with fixed key order (stable, readable in the console). */
export function encodePending(pending: PendingDelivery): string {
  return JSON.stringify({ at: pending.at, reason: pending.reason, targets: sortedUnique(pending.targets) });
}

/** '' (or no attribute) is nothing pending; anything unparseable is an unreadable marker. */
export function decodePending(value: string): PendingDelivery | null {
  if (value.trim() === '') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return UNREADABLE;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return UNREADABLE;
  const { at, reason, targets } = parsed as Record<string, unknown>;
  if (typeof at !== 'string' || !DELIVERY_REASONS.includes(reason as DeliveryReason)) return UNREADABLE;
  if (!Array.isArray(targets) || !targets.every((t): t is string => typeof t === 'string' && t !== '')) return UNREADABLE;
  if (targets.length === 0) return null;
  return { at, reason: reason as DeliveryReason, targets: sortedUnique(targets) };
}

const UNREADABLE: PendingDelivery = { at: '', reason: 'rotated', targets: [], unreadable: true };

export interface Owed {
  /** Configured targets to deliver to now, in the configuration's order. */
  readonly due: readonly string[];
  /** Targets the marker names that are not configured here: kept, shown, not delivered. */
  readonly notConfigured: readonly string[];
}

export function owedTargets(pending: PendingDelivery, configured: readonly string[]): Owed {
  if (pending.unreadable === true) return { due: [...configured], notConfigured: [] };
  const owed = new Set(pending.targets);
  return {
    due: configured.filter((name) => owed.has(name)),
    notConfigured: pending.targets.filter((name) => !configured.includes(name)),
  };
}

/**
 * The marker after the targets in `delivered` got the secret: those leave it, the rest stay
 * (an unreadable marker becomes a readable one naming what is still owed). Null: nothing owed.
 */
export function remainingAfter(
  pending: PendingDelivery,
  configured: readonly string[],
  delivered: readonly string[],
  now: Date,
): PendingDelivery | null {
  const done = new Set(delivered);
  if (pending.unreadable === true) return pendingFor('rotated', now, configured.filter((t) => !done.has(t)));
  const left = pending.targets.filter((t) => !done.has(t));
  return left.length === 0 ? null : { at: pending.at, reason: pending.reason, targets: left };
}

/** True when writing `next` would change what the attribute says. */
export function markerChanged(before: PendingDelivery | null, next: PendingDelivery | null): boolean {
  if (before === null || next === null) return before !== next;
  return before.unreadable === true || encodePending(before) !== encodePending(next);
}

function sortedUnique(values: readonly string[]): string[] {
  return [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
