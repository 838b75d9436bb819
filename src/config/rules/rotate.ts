import type { Problem } from '../../model/problem.js';
import { parseRfc3339 } from '../../shared/rfc3339.js';
import { clientEntries, clientName, problemAt, type AccountContext } from './context.js';

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
