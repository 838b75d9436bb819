// The rendering for a pull-request comment (GitHub-flavoured markdown). The hidden marker on the
// first line lets a workflow find its earlier comment and update it instead of adding another.
// Text from YAML files is shown in code spans (no markdown, HTML, links or @mentions inside);
// the few sentences that embed it are backslash-escaped.
import type { ManagedValue } from '../model/live.js';
import type { Change, Plan } from '../model/plan.js';
import { ACTION_SYMBOL, attentionSentence, escapeUnsafe, NO_CHANGES, owedSentence, SUMMARY_ORDER } from './display.js';
import { compareStrings } from './order.js';
import { plural } from '../shared/plural.js';

export const PLAN_COMMENT_MARKER = '<!-- clientsync-plan -->';

export function renderMarkdown(plan: Plan): string {
  const blocks: string[] = [PLAN_COMMENT_MARKER + '\n## clientsync plan'];
  const revision = plan.revision === null ? ' (no git revision)' : ` at revision ${code(plan.revision)}`;
  blocks.push(`Realm ${code(plan.realm)}${revision}.`);
  if (plan.revision?.endsWith('+dirty') === true) {
    blocks.push(alert('WARNING', ['Uncommitted changes in clientsync.yaml or clients/: this plan is of the files as they are, not of a commit.']));
  }
  blocks.push(
    [
      `| ${SUMMARY_ORDER.map((a) => `${ACTION_SYMBOL[a]} ${a}`).join(' | ')} |`,
      `|${SUMMARY_ORDER.map(() => ' ---: ').join('|')}|`,
      `| ${SUMMARY_ORDER.map((a) => plan.summary[a]).join(' | ')} |`,
    ].join('\n'),
  );

  if (plan.skippedAccounts.length > 0) {
    blocks.push(
      alert('WARNING', [
        '**Skipped accounts.** These files are invalid, so nothing in these accounts is created, ' +
          'changed or deleted until they validate.',
        '',
        ...plan.skippedAccounts.map(
          (s) => `- ${code(s.account)}: ${code(s.file)} has ${plural(s.problems, 'problem')}`,
        ),
      ]),
    );
  }
  if (plan.conflicts.length > 0) {
    blocks.push(
      alert('WARNING', [
        '**Conflicts.** Nothing is done to these clients.',
        '',
        ...plan.conflicts.map((c) => `- ${code(c.clientId)} (account ${code(c.account)}): ${escapeText(c.message)}`),
      ]),
    );
  }
  for (const notice of plan.notices) blocks.push(alert('IMPORTANT', [escapeText(notice)]));

  if (plan.changes.length === 0) blocks.push(attentionSentence(plan) === null ? NO_CHANGES : 'No changes to apply.');
  for (const [account, changes] of groupByAccount(plan.changes)) {
    blocks.push(`### Account ${code(account)}`);
    for (const change of changes) blocks.push(...changeBlocks(change));
  }

  if (plan.scheduled.length > 0) {
    blocks.push(
      '### Scheduled rotations',
      [
        '| Account | Client | Rotate at |',
        '| --- | --- | --- |',
        ...plan.scheduled.map((s) => `| ${cell(s.account)} | ${cell(s.clientId)} | ${cell(s.rotateAt)} |`),
      ].join('\n'),
    );
  }
  const owed = plan.pendingDeliveries ?? [];
  if (owed.length > 0) {
    blocks.push(
      '### Secrets still owed to delivery targets',
      ['| Account | Client | Owed to |', '| --- | --- | --- |', ...owed.map((d) => `| ${cell(d.account)} | ${cell(d.clientId)} | ${cell(owedSentence(d.pending))} |`)].join('\n'),
    );
  }
  return `${blocks.join('\n\n')}\n`;
}

function changeBlocks(change: Change): string[] {
  const symbol = ACTION_SYMBOL[change.action] === '*' ? '\\*' : ACTION_SYMBOL[change.action];
  const head = `**${symbol} ${change.action}** ${code(change.clientId)}`;
  const out: string[] = [];
  if (change.action === 'rotate') {
    out.push(`${head}: a new secret, as requested for ${code(change.rotateAt ?? '')}`);
    return out;
  }
  if (change.action === 'adopt') out.push(`${head}: becomes managed by clientsync`);
  else out.push(head);
  const fields = change.fields ?? [];
  if (fields.length > 0) {
    out.push(
      [
        '| Field | Before | After |',
        '| --- | --- | --- |',
        ...fields.map((f) => `| ${f.field} | ${valueCell(f.before)} | ${valueCell(f.after)} |`),
      ].join('\n'),
    );
  }
  for (const warning of change.warnings ?? []) out.push(`> **Warning:** ${escapeText(warning)}`);
  if (change.action === 'create' && change.rotateAt !== undefined) {
    out.push(`Rotation ${code(change.rotateAt)} is recorded as honoured: a new client's secret is new anyway.`);
  }
  return out;
}

function groupByAccount(changes: readonly Change[]): ReadonlyMap<string, readonly Change[]> {
  const groups = new Map<string, Change[]>();
  for (const change of changes) {
    const group = groups.get(change.account);
    if (group === undefined) groups.set(change.account, [change]);
    else group.push(change);
  }
  return new Map([...groups].sort(([a], [b]) => compareStrings(a, b)));
}

function alert(kind: 'WARNING' | 'IMPORTANT', lines: readonly string[]): string {
  return [`> [!${kind}]`, ...lines.map((line) => (line === '' ? '>' : `> ${line}`))].join('\n');
}

function valueCell(value: ManagedValue): string {
  if (typeof value === 'boolean') return `\`${value}\``;
  if (typeof value === 'string') return value === '' ? '_(none)_' : cell(value);
  return value.length === 0 ? '_(none)_' : value.map(cell).join('<br>');
}

/** A code span inside a table cell: a pipe would end the cell unless escaped (GFM). */
function cell(text: string): string {
  return code(text).replace(/\|/g, '\\|');
}

/** A code span holding `text` verbatim, whatever backticks it contains. */
export function code(text: string): string {
  const safe = escapeUnsafe(text);
  const longestRun = Math.max(0, ...(safe.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = safe.startsWith('`') || safe.endsWith('`') || (safe.startsWith(' ') && safe.endsWith(' ')) ? ' ' : '';
  return `${fence}${pad}${safe}${pad}${fence}`;
}

/** Plain text with every character markdown or GitHub would interpret escaped. */
export function escapeText(text: string): string {
  return escapeUnsafe(text).replace(/[\\`*_[\]<>&|~#!$@]/g, '\\$&');
}
