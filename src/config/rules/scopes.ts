import type { Problem } from '../../model/problem.js';
import { suggestion } from '../schema-problems.js';
import { clientEntries, problemAt, type AccountContext } from './context.js';

/** `scope-known`: every scope is one that clientsync.yaml lists. */
export function scopeKnownRule(ctx: AccountContext): Problem[] {
  if (!ctx.settingsKnown) return [];
  const known = Object.keys(ctx.settings.scopes);
  const problems: Problem[] = [];
  for (const entry of clientEntries(ctx)) {
    const list = entry.client['scopes'];
    if (!Array.isArray(list)) continue;
    list.forEach((scope, i) => {
      if (typeof scope !== 'string' || scope === '' || Object.hasOwn(ctx.settings.scopes, scope)) return;
      const list = known.length > 0 ? `one of: ${known.join(', ')}` : 'none: clientsync.yaml lists no scopes';
      const near = suggestion(scope, known);
      const hint = near === undefined ? '' : `; did you mean '${near}'?`;
      problems.push(problemAt(ctx, 'scope-known', [...entry.path, 'scopes', i], `unknown scope '${scope}'${hint}; the scopes teams may grant are ${list}`));
    });
  }
  return problems;
}
