// One failing and one passing case per rule (docs/design.md, "Validation rules"), asserting rule id, line and column.
import { describe, expect, it } from 'vitest';
import { problemsOf, SETTINGS_YAML, validateFiles, where } from '../../test/support/config-helpers.js';

const web = (extra = '') => `clients:
  - clientId: acme_web
    capabilities: [WebApp]
    redirectUris: ["https://app.acme.example/*"]
${extra}`;

describe('schema', () => {
  it('passes a minimal valid client', () => {
    expect(problemsOf('clients:\n  - clientId: acme_a\n    capabilities: [Script]\n')).toEqual([]);
  });
  it('reports an unknown field at its key, with a suggestion', () => {
    const p = problemsOf(web('    redirectUri: ["https://x.example/"]\n'));
    expect(where(p)).toEqual(['schema@5:5']);
    expect(p[0]!.message).toContain("did you mean 'redirectUris'");
  });
  it('reports a missing required field on the client', () => {
    const p = problemsOf('clients:\n  - clientId: acme_a\n');
    expect(where(p)).toEqual(['schema@2:5']);
    expect(p[0]!.message).toContain("missing required field 'capabilities'");
  });
  it('reports a wrong type at the value', () => {
    const p = problemsOf(web('    scopes: datahub-api\n'));
    expect(where(p)).toEqual(['schema@5:13']);
    expect(p[0]!.message).toMatch(/must be a list/);
  });
  it('reports an unknown capability at the item with a suggestion', () => {
    const p = problemsOf('clients:\n  - clientId: acme_a\n    capabilities: [Script, script]\n');
    expect(where(p)).toEqual(['schema@3:28']);
    expect(p[0]!.message).toContain("did you mean 'Script'");
  });
  it('reports a list item given twice on the repetition', () => {
    const p = problemsOf('clients:\n  - clientId: acme_a\n    capabilities: [Script]\n    scopes: [push-data, push-data]\n');
    expect(where(p)).toEqual(['schema@4:25']);
  });
  it('refuses settings fields in an account file (clientsync.yaml cannot be overridden)', () => {
    const p = problemsOf('realm: master\nclientLimit: 100\nclients: []\n');
    expect(where(p)).toEqual(['schema@1:1', 'schema@2:1']);
  });
});

describe('client-id-prefix', () => {
  it('passes <account>_<name>', () => {
    expect(problemsOf('clients:\n  - clientId: acme_a.b-C_9\n    capabilities: [Script]\n')).toEqual([]);
  });
  it("refuses a clientId that claims another account's prefix", () => {
    const p = problemsOf('clients:\n  - clientId: beta_reporting\n    capabilities: [Script]\n');
    expect(where(p)).toEqual(['client-id-prefix@2:15']);
    expect(p[0]!.message).toContain("must start with 'acme_'");
    expect(p[0]!.message).toContain('clients/beta.yaml');
  });
  it('never names an invalid account id as the owner of a prefix: suggests a valid one (#12.20)', () => {
    const p = problemsOf('clients:\n  - clientId: Initech_Foo\n    capabilities: [Script]\n');
    expect(where(p)).toEqual(['client-id-prefix@2:15']);
    expect(p[0]!.message).not.toContain('clients/Initech.yaml');
    expect(p[0]!.message).toContain("'Initech' is not a valid account id");
    expect(p[0]!.message).toContain('clients/initech.yaml');
    const none = problemsOf('clients:\n  - clientId: ___x\n    capabilities: [Script]\n');
    expect(none[0]!.message).not.toMatch(/clients\/[^ ]*\.yaml/);
  });
  it('refuses an empty name and characters outside [A-Za-z0-9._-]', () => {
    const p = problemsOf('clients:\n  - clientId: acme_\n    capabilities: [Script]\n  - clientId: acme_a/b\n    capabilities: [Script]\n');
    expect(where(p)).toEqual(['client-id-prefix@2:15', 'client-id-prefix@4:15']);
  });
  it('refuses a prefix that only starts like the account (acme-x_ is not acme_)', () => {
    expect(where(problemsOf('clients:\n  - clientId: acmex_a\n    capabilities: [Script]\n'))).toEqual(['client-id-prefix@2:15']);
  });
});

describe('client-id-unique', () => {
  it('passes distinct ids', () => {
    expect(problemsOf('clients:\n  - {clientId: acme_a, capabilities: [Script]}\n  - {clientId: acme_b, capabilities: [Script]}\n')).toEqual([]);
  });
  it('reports the repetition and names the first line', () => {
    const p = problemsOf('clients:\n  - clientId: acme_a\n    capabilities: [Script]\n  - clientId: acme_a\n    capabilities: [Script]\n');
    expect(where(p)).toEqual(['client-id-unique@4:15']);
    expect(p[0]!.message).toContain('line 2');
  });
  it('names the first line for every later repetition', () => {
    const p = problemsOf('clients:\n  - {clientId: acme_a, capabilities: [Script]}\n  - {clientId: acme_b, capabilities: [Script]}\n  - {clientId: acme_a, capabilities: [Script]}\n  - {clientId: acme_a, capabilities: [Script]}\n');
    expect(where(p)).toEqual(['client-id-unique@4:16', 'client-id-unique@5:16']);
    expect(p.map((x) => /line \d+/.exec(x.message)?.[0])).toEqual(['line 2', 'line 2']);
  });
});

describe('client-limit', () => {
  const clients = (n: number) => `clients:\n${Array.from({ length: n }, (_, i) => `  - {clientId: ACC_c${i}, capabilities: [Script]}\n`).join('')}`;
  it('allows exactly the default limit', () => {
    expect(problemsOf(clients(5).replaceAll('ACC', 'acme'))).toEqual([]);
  });
  it('reports the first client over the limit', () => {
    const p = problemsOf(clients(6).replaceAll('ACC', 'acme'));
    expect(where(p)).toEqual(['client-limit@7:5']);
    expect(p[0]!.message).toContain('limit is 5');
  });
  it('honours a raised limit from clientLimits', () => {
    expect(problemsOf(clients(8).replaceAll('ACC', 'big'), 'big')).toEqual([]);
    expect(where(problemsOf(clients(9).replaceAll('ACC', 'big'), 'big'))).toEqual(['client-limit@10:5']);
  });
  it("gives accounts named like Object.prototype's keys the default limit, not the prototype's value", () => {
    // 'constructor' matches the default accountIdPattern; its limit was "function Object()".
    expect(problemsOf(clients(5).replaceAll('ACC', 'constructor'), 'constructor')).toEqual([]);
    const p = problemsOf(clients(6).replaceAll('ACC', 'constructor'), 'constructor');
    expect(where(p)).toEqual(['client-limit@7:5']);
    expect(p[0]!.message).toContain('its limit is 5 (clientLimit in clientsync.yaml)');
  });
});

describe('capabilities', () => {
  it('passes WebApp + Backchannel with a logout URL', () => {
    expect(problemsOf(web('    capabilities: [WebApp, Backchannel]\n    backchannelLogoutUrl: https://app.acme.example/logout\n').replace('    capabilities: [WebApp]\n', ''))).toEqual([]);
  });
  it('needs one of WebApp or Script', () => {
    expect(where(problemsOf('clients:\n  - clientId: acme_a\n    capabilities: []\n'))).toEqual(['capabilities@3:19']);
  });
  it('Backchannel needs WebApp and backchannelLogoutUrl', () => {
    const p = problemsOf('clients:\n  - clientId: acme_a\n    capabilities: [Script, Backchannel]\n');
    expect(where(p)).toEqual(['capabilities@3:28', 'capabilities@3:28']);
    expect(p.map((x) => x.message).join()).toMatch(/needs the WebApp capability.*needs backchannelLogoutUrl/);
  });
  it('backchannelLogoutUrl needs Backchannel', () => {
    expect(where(problemsOf(web('    backchannelLogoutUrl: https://app.acme.example/logout\n')))).toEqual(['capabilities@5:5']);
  });
});

describe('redirects', () => {
  it('WebApp needs a redirect URI', () => {
    expect(where(problemsOf('clients:\n  - clientId: acme_a\n    capabilities: [WebApp]\n'))).toEqual(['redirects@3:19']);
    expect(where(problemsOf('clients:\n  - clientId: acme_a\n    capabilities: [WebApp]\n    redirectUris: []\n'))).toEqual(['redirects@4:19']);
  });
  it('a Script-only client has no redirect URIs, post-logout URIs or web origins', () => {
    const p = problemsOf(
      'clients:\n  - clientId: acme_a\n    capabilities: [Script]\n    redirectUris: ["https://a.example/"]\n    postLogoutRedirectUris: ["+"]\n    webOrigins: ["+"]\n',
    );
    expect(where(p)).toEqual(['redirects@4:5', 'redirects@5:5', 'redirects@6:5']);
  });
  it('a WebApp + Script client may have them', () => {
    expect(problemsOf(web('    webOrigins: ["+"]\n').replace('[WebApp]', '[WebApp, Script]'))).toEqual([]);
  });
});

describe('url', () => {
  const redirect = (uri: string, extra = '') => problemsOf(`clients:\n  - clientId: acme_a\n    capabilities: [WebApp]\n${extra}    redirectUris: ["${uri}"]\n`);
  it.each([
    'https://app.acme.example/*',
    'https://app.acme.example/callback',
    'http://localhost:3000/*',
    'http://127.0.0.1:8080/cb',
    'http://[::1]/cb',
    'https://app.acme.example/path*',
  ])('accepts %s', (uri) => {
    expect(redirect(uri)).toEqual([]);
  });
  it.each([
    ['http://app.acme.example/cb', 'use https://'],
    ['ftp://app.acme.example/cb', 'ftp: scheme'],
    ['javascript:alert(1)', 'javascript: scheme'],
    ['data:text/html,x', 'data: scheme'],
    ['https://app.acme.example/cb#x', 'fragment'],
    ['*', 'open redirect'],
    ['https://*.acme.example/', 'host part'],
    ['https://acme.example*', 'host part'],
    ['https://app.acme.example/*/x', 'last character'],
    ['https://user:pw@app.acme.example/', 'credentials'],
    ['//evil.example/', 'protocol-relative'],
    ['callback', 'neither an absolute URL'],
    ['/callback', 'needs rootUrl'],
  ])('refuses %s (%s), pointing at the item', (uri, fragment) => {
    const p = redirect(uri);
    expect(where(p)).toEqual(['url@4:20']);
    expect(p[0]!.message).toContain(fragment);
  });
  it('accepts a relative URI when rootUrl is set', () => {
    expect(redirect('/callback', '    rootUrl: https://app.acme.example\n')).toEqual([]);
  });
  it('refuses a relative or wildcard rootUrl and a wildcard homeUrl', () => {
    const p = problemsOf(`clients:\n  - clientId: acme_a\n    capabilities: [Script]\n    rootUrl: /x\n    homeUrl: https://a.example/*\n`);
    expect(where(p)).toEqual(['url@4:14', 'url@5:14']);
  });
  it("accepts '+' in postLogoutRedirectUris only", () => {
    expect(problemsOf(web('    postLogoutRedirectUris: ["+"]\n'))).toEqual([]);
    expect(where(problemsOf(web('    homeUrl: "+"\n')))).toEqual(['url@5:14']);
  });
});

describe('url: addresses Keycloak itself calls (#12.6)', () => {
  const backchannel = (field: 'adminUrl' | 'backchannelLogoutUrl', uri: string, extra = '') =>
    problemsOf(
      `clients:\n  - clientId: acme_a\n    capabilities: [WebApp, Backchannel]\n    redirectUris: ["https://app.acme.example/*"]\n    backchannelLogoutUrl: ${field === 'backchannelLogoutUrl' ? uri : 'https://app.acme.example/logout'}\n${field === 'adminUrl' ? `    adminUrl: ${uri}\n` : ''}${extra}`,
    );
  it.each([
    ['http://localhost:8080/logout', 'loopback'],
    ['http://127.0.0.1/logout', 'loopback'],
    ['http://127.1.2.3:9000/x', 'loopback'],
    ['http://2130706433/x', 'loopback'],
    ['http://[::1]/x', 'loopback'],
    ['https://[::ffff:127.0.0.1]/x', 'loopback'],
    ['https://api.localhost/x', 'loopback'],
    ['http://169.254.169.254/latest/meta-data/', 'link-local'],
    ['https://[fe80::1]/x', 'link-local'],
    ['https://0.0.0.0/x', 'unspecified'],
  ])('refuses %s in backchannelLogoutUrl and adminUrl (%s)', (uri, why) => {
    for (const field of ['adminUrl', 'backchannelLogoutUrl'] as const) {
      const p = backchannel(field, uri);
      expect(p.map((x) => x.rule)).toEqual(['url']);
      expect(p[0]!.message).toContain(field);
      expect(p[0]!.message).toContain(why);
      expect(p[0]!.message).toContain('allowedInternalHosts');
    }
  });
  it('refuses a relative one resolved against a loopback rootUrl, and still allows loopback redirect URIs and origins', () => {
    const p = problemsOf(
      'clients:\n  - clientId: acme_a\n    capabilities: [WebApp, Backchannel]\n    rootUrl: http://localhost:3000\n    redirectUris: ["/*", "http://127.0.0.1:3000/cb"]\n    webOrigins: ["http://localhost:3000"]\n    backchannelLogoutUrl: /logout\n    adminUrl: /admin\n',
    );
    expect(where(p)).toEqual(['url@7:27', 'url@8:15']);
    expect(p[0]!.message).toContain("rootUrl 'http://localhost:3000'");
  });
  it('accepts public and private-network hosts, and what the operator allows in clientsync.yaml', () => {
    expect(backchannel('backchannelLogoutUrl', 'https://10.0.0.5/logout')).toEqual([]);
    expect(backchannel('adminUrl', 'https://app.acme.example/admin')).toEqual([]);
    const settings = `${SETTINGS_YAML}allowedInternalHosts: [localhost, "127.0.0.1"]\n`;
    const file = (uri: string) => `clients:\n  - clientId: acme_a\n    capabilities: [WebApp, Backchannel]\n    redirectUris: ["https://app.acme.example/*"]\n    backchannelLogoutUrl: ${uri}\n`;
    expect(validateFiles({ 'clients/acme.yaml': file('http://localhost:8081/logout') }, { settings }).problems).toEqual([]);
    expect(validateFiles({ 'clients/acme.yaml': file('http://127.0.0.1:8081/logout') }, { settings }).problems).toEqual([]);
    expect(where(validateFiles({ 'clients/acme.yaml': file('http://169.254.169.254/') }, { settings }).problems)).toEqual(['url@5:27']);
  });
});

describe('url: "/*" with rootUrl (#12.8)', () => {
  const redirect = (uri: string, rootUrl?: string) =>
    problemsOf(`clients:\n  - clientId: acme_a\n    capabilities: [WebApp]\n${rootUrl ? `    rootUrl: ${rootUrl}\n` : ''}    redirectUris: ["${uri}"]\n`);
  it("accepts '/*' when rootUrl is set: Keycloak resolves it to the rootUrl's site only", () => {
    expect(redirect('/*', 'https://app.acme.example')).toEqual([]);
    expect(redirect('/app/*', 'https://app.acme.example')).toEqual([]);
  });
  it("refuses '/*' without rootUrl, and '*' always, saying why", () => {
    const noRoot = redirect('/*');
    expect(where(noRoot)).toEqual(['url@4:20']);
    expect(noRoot[0]!.message).toMatch(/needs rootUrl/);
    const star = redirect('*', 'https://app.acme.example');
    expect(star[0]!.message).toMatch(/open redirect/);
    expect(star[0]!.message).toMatch(/'\/\*' with rootUrl/);
  });
});

describe('web-origins', () => {
  const origins = (o: string) => problemsOf(web(`    webOrigins: ["${o}"]\n`));
  it.each(['+', 'https://app.acme.example', 'https://app.acme.example:8443', 'http://localhost:3000'])('accepts %s', (o) => {
    expect(origins(o)).toEqual([]);
  });
  it.each([
    ['*', 'every website'],
    ['https://app.acme.example/', 'has a path'],
    ['https://app.acme.example/x', 'has a path'],
    ['http://app.acme.example', 'use https://'],
    ['app.acme.example', 'not an origin'],
    ['https://*.acme.example', 'wildcards'],
  ])('refuses %s', (o, fragment) => {
    const p = origins(o);
    expect(where(p)).toEqual(['web-origins@5:18']);
    expect(p[0]!.message).toContain(fragment);
  });
});

describe('scope-known', () => {
  it('accepts scopes listed in clientsync.yaml', () => {
    expect(problemsOf('clients:\n  - clientId: acme_a\n    capabilities: [Script]\n    scopes: [datahub-api, push-data]\n')).toEqual([]);
  });
  it('suggests the closest known scope, as for capabilities (#12.21)', () => {
    const p = problemsOf('clients:\n  - clientId: acme_a\n    capabilities: [Script]\n    scopes: [datahub-apii, push_data, profile]\n');
    expect(p.map((x) => x.message)).toEqual([
      expect.stringContaining("unknown scope 'datahub-apii'; did you mean 'datahub-api'?"),
      expect.stringContaining("unknown scope 'push_data'; did you mean 'push-data'?"),
      expect.not.stringContaining('did you mean'),
    ]);
  });
  it('reports an unknown scope at the item and lists the known ones', () => {
    const p = problemsOf('clients:\n  - clientId: acme_a\n    capabilities: [Script]\n    scopes: [datahub-api, profile]\n');
    expect(where(p)).toEqual(['scope-known@4:27']);
    expect(p[0]!.message).toContain('datahub-api, push-data');
  });
});

describe('rotate', () => {
  const rotate = (value: string) => problemsOf(`clients:\n  - clientId: acme_a\n    capabilities: [Script]\n    rotate: ${value}\n`);
  it.each(['"2026-11-20T09:00:00Z"', '2026-11-20T09:00:00Z', '2026-11-20T10:00:00+01:00', '2026-11-20T09:00:00.5Z'])('accepts a past timestamp %s', (v) => {
    expect(rotate(v)).toEqual([]);
  });
  it.each(['2026-11-20', '"2026-11-20T09:00:00"', '"2026-02-30T09:00:00Z"', '"tomorrow"', '"2026-11-20T25:00:00Z"'])('refuses %s', (v) => {
    const p = rotate(v);
    expect(where(p)).toEqual(['rotate@4:13']);
    expect(p[0]!.severity).toBe('error');
  });
  it('a future timestamp is a warning saying when', () => {
    const p = rotate('"2027-01-01T00:00:00Z"');
    expect(where(p)).toEqual(['rotate@4:13']);
    expect(p[0]!.severity).toBe('warning');
    expect(p[0]!.message).toContain('scheduled');
    expect(p[0]!.message).toContain('2027-01-01T00:00:00.000Z');
  });
});
