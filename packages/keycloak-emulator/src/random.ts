// Randomness. Fault decisions come from a seedable generator so a test can replay the same
// sequence of drops/throttles/errors; identifiers and secrets come from the OS (they must be
// unguessable, and no test needs them repeatable).
import { randomBytes, randomUUID } from 'node:crypto';

/** A uniform number in [0, 1). */
export type RandomSource = () => number;

/** mulberry32: small, fast, good enough for fault sampling; the same seed gives the same sequence. */
export function seededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function newId(): string {
  return randomUUID();
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A client secret shaped like Keycloak 26's: 86 alphanumeric characters (the length that gives
 * 512 bits of entropy over a 62-letter alphabet).
 */
export function newSecret(length = 86): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      // Rejection sampling keeps every character equally likely.
      if (byte < 248) out += ALPHANUMERIC[byte % 62];
      if (out.length === length) break;
    }
  }
  return out;
}
