import type { Problem } from '../../model/problem.js';
import { clientEntries, clientName, problemAt, type AccountContext } from './context.js';

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$/;

/** Parses an RFC 3339 date-time with a zone; returns epoch milliseconds or null. */
export function parseRfc3339(text: string): number | null {
  const m = RFC3339.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [number, number, number, number, number, number];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 60) return null;
  if (m[9] !== undefined && (Number(m[9]) > 23 || Number(m[10]) > 59)) return null;
  const ms = Date.parse(text.replace(' ', 'T').replace(/z$/, 'Z').replace('t', 'T'));
  return Number.isNaN(ms) ? null : ms;
}

/** `rotate`: an RFC 3339 timestamp with a zone; a future one is a warning that says when. */
export function rotateRule(ctx: AccountContext): Problem[] {
  const problems: Problem[] = [];
  for (const entry of clientEntries(ctx)) {
    const value = entry.client['rotate'];
    if (typeof value !== 'string') continue; // absent, or the schema reports the type
    const at = [...entry.path, 'rotate'];
    const ms = parseRfc3339(value);
    if (ms === null) {
      problems.push(
        problemAt(
          ctx,
          'rotate',
          at,
          `rotate '${value}' is not an RFC 3339 timestamp with a time zone; write e.g. rotate: "2026-11-20T09:00:00Z" (date, 'T', time, and 'Z' or an offset like +01:00)`,
        ),
      );
    } else if (ms > ctx.now.getTime()) {
      problems.push(
        problemAt(ctx, 'rotate', at, `scheduled: ${clientName(entry)} gets a new secret at or after ${new Date(ms).toISOString()}, not before`, {
          severity: 'warning',
        }),
      );
    }
  }
  return problems;
}
