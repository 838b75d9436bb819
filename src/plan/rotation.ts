// When a declared `rotate` asks for a new secret (docs/design.md, "Plan"): once its instant has come, and only
// if it is later than the last rotation recorded on the client. Instants, not strings, are
// compared, so `…T10:00:00+01:00` and `…T09:00:00Z` are the same request.
import { parseRfc3339 } from '../shared/rfc3339.js';

/**
 * - `due`: regenerate the secret now (then record `rotate` as clientsync.rotated-at);
 * - `scheduled`: the instant is still in the future;
 * - `honoured`: a rotation at or after this instant is already recorded.
 */
export type RotationState = 'due' | 'scheduled' | 'honoured';

/**
 * `rotateMs` is the parsed `rotate` value; `rotatedAt` the client's recorded attribute, or null
 * for a client that does not exist yet or has none. A recorded value that is not a timestamp
 * counts as none: rotating again is the safe side (at-least-once), and the rewrite repairs it.
 */
export function rotationState(rotateMs: number, nowMs: number, rotatedAt: string | null): RotationState {
  if (rotateMs > nowMs) return 'scheduled';
  const recordedMs = rotatedAt === null ? null : parseRfc3339(rotatedAt);
  return recordedMs === null || rotateMs > recordedMs ? 'due' : 'honoured';
}
