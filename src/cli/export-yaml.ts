// Live clients → the YAML of an account file (for onboarding clients made by hand). Pure.
import { Document, isSeq, visit } from 'yaml';
import type { ClientSpec } from '../model/desired.js';
import type { LiveClient } from '../model/live.js';
import { MANAGED_FIELDS, type YamlFieldName } from '../model/managed-fields.js';
import { isEmptyValue } from '../plan/fields.js';

// The managed fields a YAML entry must have (written even when empty); tsc fails when ClientSpec
// gains a required field that is not listed here.
type RequiredYamlField = { [K in YamlFieldName]-?: undefined extends ClientSpec[K] ? never : K }[YamlFieldName];
const REQUIRED: Readonly<Record<RequiredYamlField, true>> = { capabilities: true };

/**
 * A live client as an entry of `clients:` (keys in the order written): its managed fields in the
 * table's order, empty ones left out. Checked by validating the file, not by a type.
 */
function specOf(live: LiveClient): Readonly<Record<string, unknown>> {
  const spec: Record<string, unknown> = { clientId: live.clientId };
  for (const f of MANAGED_FIELDS) {
    const value = live.fields[f.name];
    if (!f.yaml || (isEmptyValue(value) && !Object.hasOwn(REQUIRED, f.name))) continue;
    spec[f.name] = Array.isArray(value) ? [...(value as readonly string[])] : value;
  }
  if (!live.managed) spec['adopt'] = true;
  return spec;
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
