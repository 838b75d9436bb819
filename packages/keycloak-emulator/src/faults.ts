// Fault injection (README.md, "Faults and counters"). Every request outside /_emulator/* first waits
// latencyMs ± jitterMs, then one uniform draw u decides its fate:
//   u < dropRate                          → the connection is destroyed without an answer
//   u < dropRate + throttleRate           → 429 with Retry-After
//   u < dropRate + throttleRate + errorRate → 500 with Keycloak's 500 body
// so each rate is exactly the share of requests that get that fault while the rates add up to at
// most 1 (beyond that, drop wins over throttle, throttle over error).
// tokenLifespanSeconds, when set, replaces the realms' access-token lifespans (Keycloak: 60 s in
// master, 300 s in new realms) for tokens issued from then on.
import type { RandomSource } from './random.js';

export interface Faults {
  readonly latencyMs: number;
  readonly jitterMs: number;
  readonly errorRate: number;
  readonly throttleRate: number;
  readonly dropRate: number;
  /** null: each realm's own lifespan, as Keycloak has it. */
  readonly tokenLifespanSeconds: number | null;
}

export const NO_FAULTS: Faults = {
  latencyMs: 0,
  jitterMs: 0,
  errorRate: 0,
  throttleRate: 0,
  dropRate: 0,
  tokenLifespanSeconds: null,
};

export type FaultDecision = 'drop' | 'throttle' | 'error' | 'pass';

const RATE_FIELDS = ['errorRate', 'throttleRate', 'dropRate'] as const;
const MS_FIELDS = ['latencyMs', 'jitterMs'] as const;
const MAX_DELAY_MS = 600_000;
const MAX_LIFESPAN_SECONDS = 31_536_000;

/**
 * Checks a partial fault setting (from the API, the CLI or a test) and returns the problems, one
 * sentence each; an empty list means it can be applied.
 */
export function faultProblems(input: unknown): string[] {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return ['the body must be a JSON object with any of latencyMs, jitterMs, errorRate, throttleRate, dropRate, tokenLifespanSeconds'];
  }
  const problems: string[] = [];
  const known = new Set<string>([...RATE_FIELDS, ...MS_FIELDS, 'tokenLifespanSeconds']);
  for (const [key, value] of Object.entries(input)) {
    if (!known.has(key)) {
      problems.push(`unknown field "${key}"; known: ${[...known].join(', ')}`);
    } else if ((RATE_FIELDS as readonly string[]).includes(key)) {
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
        problems.push(`${key} must be a number from 0 to 1 (got ${JSON.stringify(value)})`);
      }
    } else if ((MS_FIELDS as readonly string[]).includes(key)) {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_DELAY_MS) {
        problems.push(`${key} must be a whole number of milliseconds from 0 to ${MAX_DELAY_MS} (got ${JSON.stringify(value)})`);
      }
    } else if (value !== null && (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_LIFESPAN_SECONDS)) {
      problems.push(
        `tokenLifespanSeconds must be a whole number of seconds from 1 to ${MAX_LIFESPAN_SECONDS}, or null for Keycloak's defaults (got ${JSON.stringify(value)})`,
      );
    }
  }
  return problems;
}

/** Applies a checked partial setting. Throws on input that `faultProblems` rejects. */
export function mergeFaults(current: Faults, change: Partial<Faults>): Faults {
  const problems = faultProblems(change);
  if (problems.length > 0) throw new RangeError(`invalid faults: ${problems.join('; ')}`);
  const defined = Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined));
  return { ...current, ...defined };
}

export function decideFault(faults: Faults, random: RandomSource): FaultDecision {
  const { dropRate, throttleRate, errorRate } = faults;
  if (dropRate === 0 && throttleRate === 0 && errorRate === 0) return 'pass';
  const u = random();
  if (u < dropRate) return 'drop';
  if (u < dropRate + throttleRate) return 'throttle';
  if (u < dropRate + throttleRate + errorRate) return 'error';
  return 'pass';
}

/** latencyMs plus a uniform jitter in [-jitterMs, +jitterMs], never below zero. */
export function delayFor(faults: Faults, random: RandomSource): number {
  if (faults.latencyMs === 0 && faults.jitterMs === 0) return 0;
  const jitter = faults.jitterMs === 0 ? 0 : (random() * 2 - 1) * faults.jitterMs;
  return Math.max(0, Math.round(faults.latencyMs + jitter));
}
