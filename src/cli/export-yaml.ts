// Live clients → the YAML of an account file (for onboarding clients made by hand). Pure.
import { Document, isSeq, visit } from 'yaml';
import type { ClientSpec } from '../model/desired.js';
import type { LiveClient } from '../model/live.js';

export function specOf(live: LiveClient): ClientSpec {
  const f = live.fields;
  // Built in the order of an account file's keys (the YAML keeps it); empty fields are left out.
  return {
    clientId: live.clientId,
    ...(f.displayName ? { displayName: f.displayName } : {}),
    ...(f.description ? { description: f.description } : {}),
    capabilities: [...f.capabilities],
    ...(f.rootUrl ? { rootUrl: f.rootUrl } : {}),
    ...(f.homeUrl ? { homeUrl: f.homeUrl } : {}),
    ...(f.redirectUris.length ? { redirectUris: [...f.redirectUris] } : {}),
    ...(f.postLogoutRedirectUris.length ? { postLogoutRedirectUris: [...f.postLogoutRedirectUris] } : {}),
    ...(f.webOrigins.length ? { webOrigins: [...f.webOrigins] } : {}),
    ...(f.adminUrl ? { adminUrl: f.adminUrl } : {}),
    ...(f.backchannelLogoutUrl ? { backchannelLogoutUrl: f.backchannelLogoutUrl } : {}),
    ...(f.scopes.length ? { scopes: [...f.scopes] } : {}),
    ...(live.managed ? {} : { adopt: true }),
  };
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
