// Webhook replay protection: the X-GitHub-Delivery ids and body digests of recent accepted
// deliveries, so that a delivery sent again is acknowledged and ignored.
//
// Why both: the delivery id is not covered by the signature (only the body is), so a replayed
// request with a made-up id would pass an id check alone; GitHub never sends the same body
// twice for different events (each payload carries its own head, time stamps and ids).
// Only deliveries that were acted on are remembered: one answered 503 (the daemon was stopping)
// may be redelivered from GitHub's settings page and is then taken.
//
// Bounded: the oldest entries are forgotten first (a Map keeps insertion order). In memory
// only: a restart forgets them, and a replay after a restart is harmless, as every run and plan
// recomputes from git and Keycloak (a trigger carries nothing).
import { createHash } from 'node:crypto';

export const DEFAULT_REMEMBERED_DELIVERIES = 10_000;

export type Replay = { readonly kind: 'new' } | { readonly kind: 'repeat'; readonly by: 'delivery id' | 'body' };

export class RecentDeliveries {
  readonly #ids = new Map<string, true>();
  readonly #bodies = new Map<string, true>();
  constructor(readonly capacity = DEFAULT_REMEMBERED_DELIVERIES) {
    if (!(capacity >= 1)) throw new RangeError(`capacity must be at least 1, got ${capacity}`);
  }

  static digest(body: Buffer): string {
    return createHash('sha256').update(body).digest('hex');
  }

  check(id: string, body: Buffer): Replay {
    if (this.#ids.has(id)) return { kind: 'repeat', by: 'delivery id' };
    if (this.#bodies.has(RecentDeliveries.digest(body))) return { kind: 'repeat', by: 'body' };
    return { kind: 'new' };
  }

  remember(id: string, body: Buffer): void {
    remember(this.#ids, id, this.capacity);
    remember(this.#bodies, RecentDeliveries.digest(body), this.capacity);
  }

  get size(): number {
    return this.#ids.size;
  }
}

function remember(map: Map<string, true>, key: string, capacity: number): void {
  map.delete(key);
  map.set(key, true);
  while (map.size > capacity) {
    const oldest = map.keys().next().value;
    if (oldest === undefined) break;
    map.delete(oldest);
  }
}
