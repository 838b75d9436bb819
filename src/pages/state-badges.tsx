// How states read on the pages: one word (with a tone) and, where useful, the details.
import type { AccountState, ClientView } from './view-model.js';
import { Badge, type Tone } from './layout.js';

const ACCOUNT: Record<AccountState, { readonly label: string; readonly tone: Tone }> = {
  'in-sync': { label: 'in sync', tone: 'ok' },
  drift: { label: 'drift', tone: 'warn' },
  pending: { label: 'pending', tone: 'info' },
  skipped: { label: 'skipped', tone: 'bad' },
  failing: { label: 'failing', tone: 'bad' },
};

const CLIENT: Record<ClientView['state'], { readonly label: string; readonly tone: Tone }> = {
  'in-sync': { label: 'in sync', tone: 'ok' },
  drift: { label: 'drift', tone: 'warn' },
  'to-create': { label: 'to be created', tone: 'info' },
  'to-delete': { label: 'to be deleted', tone: 'warn' },
  conflict: { label: 'conflict', tone: 'bad' },
  frozen: { label: 'left as is', tone: 'bad' },
};

export function AccountBadge(props: { readonly state: AccountState }) {
  const { label, tone } = ACCOUNT[props.state];
  return <Badge tone={tone}>{label}</Badge>;
}

export function ClientBadge(props: { readonly state: ClientView['state'] }) {
  const { label, tone } = CLIENT[props.state];
  return <Badge tone={tone}>{label}</Badge>;
}

export function clientStateText(c: ClientView): string {
  return CLIENT[c.state].label;
}
