import { describe, expect, it } from 'vitest';
import { accountsFromClaim, canSeeAccount, viewerFromClaims } from './access.js';

const rules = { accountsClaim: 'groups', operatorRole: 'clientsync-operator' };

describe('who sees what', () => {
  it('reads account ids and /accounts/<id> groups from the configured claim, ignoring other groups', () => {
    expect(accountsFromClaim(['/accounts/acme', 'globex', '/admins', '/accounts/x/y', '', 42])).toEqual(['acme', 'globex']);
    expect(accountsFromClaim('acme globex')).toEqual(['acme', 'globex']);
    expect(accountsFromClaim(undefined)).toEqual([]);
    expect(accountsFromClaim({ acme: true })).toEqual([]);
  });

  it('a viewer sees the accounts of their token only; the operator role sees every account', () => {
    const viewer = viewerFromClaims({ preferred_username: 'ann', groups: ['/accounts/acme'], realm_access: { roles: ['offline_access'] } }, rules);
    expect(viewer).toEqual({ name: 'ann', operator: false, accounts: ['acme'] });
    expect(canSeeAccount(viewer, 'acme')).toBe(true);
    expect(canSeeAccount(viewer, 'globex')).toBe(false);
    const operator = viewerFromClaims({ sub: 'u1', realm_access: { roles: ['clientsync-operator'] } }, rules);
    expect(operator.operator).toBe(true);
    expect(canSeeAccount(operator, 'globex')).toBe(true);
  });

  it('the claim and the role are configurable; a role in another claim does not count', () => {
    const custom = { accountsClaim: 'clientsync_accounts', operatorRole: 'ops' };
    expect(viewerFromClaims({ clientsync_accounts: ['acme'], groups: ['/accounts/globex'], realm_access: { roles: ['ops'] } }, custom)).toMatchObject({ operator: true, accounts: ['acme'] });
    expect(viewerFromClaims({ roles: ['clientsync-operator'], resource_access: { x: { roles: ['clientsync-operator'] } } }, rules).operator).toBe(false);
  });
});
