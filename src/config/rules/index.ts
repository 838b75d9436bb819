// Every semantic rule (docs/design.md, "Validation rules"), run on one account file. Each rule reports all its
// problems; none stops the others.
import type { Problem } from '../../model/problem.js';
import { capabilitiesRule, redirectsRule } from './capabilities.js';
import { clientIdPrefixRule, clientIdUniqueRule, clientLimitRule } from './client-ids.js';
import type { AccountContext } from './context.js';
import { rotateRule } from './rotate.js';
import { scopeKnownRule } from './scopes.js';
import { urlRule, webOriginsRule } from './urls.js';

export type { AccountContext } from './context.js';

const rules: readonly ((ctx: AccountContext) => Problem[])[] = [
  clientIdPrefixRule,
  clientIdUniqueRule,
  clientLimitRule,
  capabilitiesRule,
  redirectsRule,
  urlRule,
  webOriginsRule,
  scopeKnownRule,
  rotateRule,
];

export function accountRuleProblems(ctx: AccountContext): Problem[] {
  return rules.flatMap((rule) => rule(ctx));
}
