// Secret delivery as domain values (docs/design.md, "Apply"; docs/secrets.md): why a secret is sent, and what a
// client still owes which delivery target. Never holds a secret.

export type DeliveryReason = 'created' | 'rotated' | 'requested';

export const DELIVERY_REASONS: readonly DeliveryReason[] = ['created', 'rotated', 'requested'];

/** The clientsync.delivery-pending marker of a client, decoded (src/delivery/pending.ts). */
export interface PendingDelivery {
  /** RFC 3339 time the secret it covers was generated (or requested again). */
  readonly at: string;
  readonly reason: DeliveryReason;
  /** Target names still owed, sorted, without duplicates. */
  readonly targets: readonly string[];
  /** The attribute held something this version cannot read: every configured target is owed. */
  readonly unreadable?: true;
}
