// How many runs a property or a seeded scenario gets, and with which seed. Default runs are sized
// for `npm test` on two cores; CLIENTSYNC_LONG=1 (`npm run test:long`) runs many more.
// A failing property prints fast-check's seed and path; CLIENTSYNC_SEED=<seed> replays it (and
// seeds the scenario suites that draw their own random numbers).
import fc from 'fast-check';

export const LONG = process.env['CLIENTSYNC_LONG'] === '1';

/** `normal` runs by default, `long` under CLIENTSYNC_LONG=1. */
export function runs(normal: number, long: number): number {
  return LONG ? long : normal;
}

const fixedSeed = process.env['CLIENTSYNC_SEED'];

/** fast-check parameters: the run count, and the seed to replay when CLIENTSYNC_SEED is set. */
export function fcParams<T>(numRuns: number, extra: fc.Parameters<T> = {}): fc.Parameters<T> {
  return { numRuns, ...(fixedSeed === undefined ? {} : { seed: Number(fixedSeed) }), ...extra };
}

/** The base seed of a seeded scenario suite: CLIENTSYNC_SEED, or a fresh one (printed by the caller). */
export function baseSeed(): number {
  return fixedSeed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(fixedSeed);
}

/** The emulator's seeded generator (mulberry32): one implementation for every replayable suite. */
export { seededRandom } from '@clientsync/keycloak-emulator';
