// The default, human-readable rendering for terminals and CI logs.
import type { ManagedValue } from '../model/live.js';
import type { Action, Change, Plan } from '../model/plan.js';
import { ACTION_SYMBOL, attentionSentence, escapeUnsafe, NO_CHANGES, owedSentence, summarySentence } from './display.js';
import { plural } from '../shared/plural.js';

export interface TextRenderOptions {
  /** ANSI colours; the CLI sets it only on a TTY with NO_COLOR unset. */
  readonly color?: boolean;
}

type Style = 'bold' | 'dim' | 'red' | 'green' | 'yellow' | 'magenta' | 'cyan';
const SGR: Readonly<Record<Style, string>> = {
  bold: '1',
  dim: '2',
  red: '31',
  green: '32',
  yellow: '33',
  magenta: '35',
  cyan: '36',
};
const ACTION_STYLE: Readonly<Record<Action, Style>> = {
  create: 'green',
  update: 'yellow',
  delete: 'red',
  rotate: 'cyan',
  adopt: 'magenta',
};
const ACTION_WIDTH = Math.max(...Object.keys(ACTION_STYLE).map((a) => a.length));

export function renderText(plan: Plan, options: TextRenderOptions = {}): string {
  const paint = (style: Style, text: string): string =>
    options.color === true ? `\u001b[${SGR[style]}m${text}\u001b[0m` : text;
  const lines: string[] = [];
  const revision = plan.revision === null ? ' (no git revision)' : ` at revision ${show(plan.revision)}`;
  lines.push(paint('bold', `Plan for realm ${show(plan.realm)}${revision}`), '');
  if (plan.revision?.endsWith('+dirty') === true) {
    lines.push(paint('yellow', `! uncommitted changes in clientsync.yaml or clients/: this plan is of the files as they are, not of commit ${show(plan.revision.slice(0, -'+dirty'.length))}`), '');
  }

  for (const change of plan.changes) lines.push(...changeLines(change, paint));
  if (plan.changes.length > 0) lines.push('');

  section(lines, paint('bold', 'Scheduled rotations (not due yet):'), plan.scheduled, (s) =>
    `  ${ACTION_SYMBOL.rotate} ${show(s.clientId)} (account ${show(s.account)}) at ${show(s.rotateAt)}`,
  );
  section(
    lines,
    paint('bold', 'Skipped accounts (invalid files: nothing in them is created, changed or deleted):'),
    plan.skippedAccounts,
    (s) =>
      `  ${paint('red', '!')} ${show(s.account)}: ${show(s.file)} has ${plural(s.problems, 'problem')}; ` +
      'run `clientsync validate` to see them',
  );
  section(lines, paint('bold', 'Conflicts (nothing is done to these clients):'), plan.conflicts, (c) =>
    `  ${paint('red', '!')} ${show(c.clientId)} (account ${show(c.account)}): ${escapeUnsafe(c.message)}`,
  );
  section(lines, paint('bold', 'Secrets still owed to delivery targets (apply delivers them where the targets are configured):'), plan.pendingDeliveries ?? [], (d) =>
    `  ✉ ${show(d.clientId)} (account ${show(d.account)}): ${escapeUnsafe(owedSentence(d.pending))}`,
  );
  section(lines, paint('bold', 'Notices:'), plan.notices, (n) => `  ${paint('yellow', '!')} ${escapeUnsafe(n)}`);

  const attention = attentionSentence(plan);
  if (plan.changes.length > 0) lines.push(paint('bold', summarySentence(plan.summary)));
  else lines.push(attention === null ? paint('green', NO_CHANGES) : 'No changes to apply.');
  if (attention !== null) lines.push(paint('yellow', attention));
  return `${lines.join('\n')}\n`;
}

function changeLines(change: Change, paint: (style: Style, text: string) => string): string[] {
  const label = `${ACTION_SYMBOL[change.action]} ${change.action.padEnd(ACTION_WIDTH)}`;
  const head = `${paint(ACTION_STYLE[change.action], label)} ${show(change.clientId)} (account ${show(change.account)})`;
  const body = (change.fields ?? []).map(
    (f) => `    ${f.field}: ${showValue(f.before)} ${paint('dim', '→')} ${showValue(f.after)}`,
  );
  if (change.action === 'adopt' && body.length === 0) {
    body.push(paint('dim', '    (fields already match; only the clientsync markers are added)'));
  }
  for (const warning of change.warnings ?? []) body.push(paint('yellow', `    ! warning: ${escapeUnsafe(warning)}`));
  if (change.rotateAt !== undefined) {
    body.push(
      change.action === 'rotate'
        ? `    new secret, as requested for ${show(change.rotateAt)}`
        : `    rotate ${show(change.rotateAt)} recorded as honoured (a new client's secret is new anyway)`,
    );
  }
  return [head, ...body];
}

function section<T>(lines: string[], title: string, items: readonly T[], line: (item: T) => string): void {
  if (items.length === 0) return;
  lines.push(title, ...items.map(line), '');
}

// URL-like strings read best bare; anything else (spaces, commas, brackets, "(none)") is quoted
// so that list separators and the empty marker stay unambiguous.
const BARE = /^[A-Za-z0-9._~:/?#@!$&'*+;=%-]+$/;

function show(text: string): string {
  if (BARE.test(text)) return text;
  return escapeUnsafe(JSON.stringify(text));
}

function showValue(value: ManagedValue): string {
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return value === '' ? '(none)' : show(value);
  return value.length === 0 ? '(none)' : `[${value.map(show).join(', ')}]`;
}
