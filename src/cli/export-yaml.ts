// Live clients → the YAML of an account file (for onboarding clients made by hand). Pure.
import { Document, isSeq, visit } from 'yaml';
import type { ClientSpec } from '../model/desired.js';
import type { LiveClient } from '../model/live.js';

export function specOf(live: LiveClient): ClientSpec {
  const f = live.fields;
  const spec: Record<string, unknown> = { clientId: live.clientId };
  if (f.displayName) spec['displayName'] = f.displayName;
  if (f.description) spec['description'] = f.description;
  spec['capabilities'] = [...f.capabilities];
  if (f.rootUrl) spec['rootUrl'] = f.rootUrl;
  if (f.homeUrl) spec['homeUrl'] = f.homeUrl;
  if (f.redirectUris.length) spec['redirectUris'] = [...f.redirectUris];
  if (f.postLogoutRedirectUris.length) spec['postLogoutRedirectUris'] = [...f.postLogoutRedirectUris];
  if (f.webOrigins.length) spec['webOrigins'] = [...f.webOrigins];
  if (f.adminUrl) spec['adminUrl'] = f.adminUrl;
  if (f.backchannelLogoutUrl) spec['backchannelLogoutUrl'] = f.backchannelLogoutUrl;
  if (f.scopes.length) spec['scopes'] = [...f.scopes];
  if (!live.managed) spec['adopt'] = true;
  return spec as unknown as ClientSpec;
}

export function accountYaml(accountId: string, realm: string, clients: readonly LiveClient[]): string {
  const header = [
    '# yaml-language-server: $schema=../schemas/account.schema.json',
    `# API clients of the account "${accountId}", exported from Keycloak realm "${realm}" by clientsync export.`,
    '# Clients marked adopt: true were made outside clientsync: the first apply takes them over.',
  ];
  const doc = new Document({ clients: clients.map(specOf) });
  // A public client (a browser app) becomes confidential when taken over: say so on its entry.
  const items = doc.get('clients', true);
  clients.forEach((client, i) => {
    const node = isSeq(items) ? (items.items[i] as { commentBefore?: string | null } | undefined) : undefined;
    if (node !== undefined && client.publicClient === true && !client.managed) {
      node.commentBefore = [
        ` ${client.clientId} is a public client in Keycloak (no secret). Adopting it makes it confidential:`,
        ' every app using it must then send the client secret; a single-page app cannot.',
      ].join('\n');
    }
  });
  // Lists of strings read best on one line, as in the examples: capabilities: [WebApp, Script]
  visit(doc, { Seq: (_key, node) => void (node.items.every((item) => !isSeq(item) && typeof (item as { value?: unknown }).value === 'string') && (node.flow = true)) });
  const body = doc.toString({ lineWidth: 0, flowCollectionPadding: false });
  return `${header.join('\n')}\n${body}`;
}
