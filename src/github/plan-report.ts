// What a pull request plan says on GitHub: the `clientsync/plan` and `clientsync/sync` commit
// statuses (state + a description that fits GitHub's 140 characters) and the one plan comment.
// Pure: values in, strings out. Nothing here holds a secret: plans carry none, problems are our
// own words with positions, and text from the pull request's files is escaped.
import type { Plan } from '../model/plan.js';
import type { Problem } from '../model/problem.js';
import { plural } from '../shared/plural.js';
import { code, escapeText, PLAN_COMMENT_MARKER, renderMarkdown } from '../plan/render-markdown.js';

export type StatusState = 'pending' | 'success' | 'failure' | 'error';

export interface CommitStatus {
  readonly state: StatusState;
  readonly description: string;
}

export const PLAN_CONTEXT = 'clientsync/plan';
export const SYNC_CONTEXT = 'clientsync/sync';
/** GitHub refuses longer status descriptions. */
export const MAX_DESCRIPTION = 140;
/** GitHub refuses comment bodies of 65,536 characters or more; a margin for the cut notice. */
export const MAX_COMMENT = 65_000;

export function fitDescription(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return [...line].length <= MAX_DESCRIPTION ? line : `${[...line].slice(0, MAX_DESCRIPTION - 1).join('')}…`;
}

function status(state: StatusState, description: string): CommitStatus {
  return { state, description: fitDescription(description) };
}

/** What a pull request plan came to; everything the status and the comment say follows from it. */
export type PlanResult =
  | { readonly kind: 'planned'; readonly plan: Plan; readonly problems: readonly Problem[] }
  | { readonly kind: 'invalid-settings'; readonly problems: readonly Problem[] }
  | { readonly kind: 'no-client-changes' }
  | { readonly kind: 'refused'; readonly reason: string }
  | { readonly kind: 'unreachable'; readonly what: 'git' | 'Keycloak'; readonly message: string };

function errorsOf(problems: readonly Problem[]): Problem[] {
  return problems.filter((p) => p.severity === 'error');
}

function problemsSentence(errors: readonly Problem[]): string {
  const files = [...new Set(errors.map((p) => p.file))];
  const first = errors[0];
  const at = first === undefined ? '' : `, first at ${first.file}:${first.line}`;
  return files.length === 1 ? `${plural(errors.length, 'problem')} in ${files[0]}${at}` : `${plural(errors.length, 'problem')} in ${files.length} files${at}`;
}

export const PENDING: CommitStatus = status('pending', 'Planning against live Keycloak (read only)…');

export function planStatus(result: PlanResult): CommitStatus {
  switch (result.kind) {
    case 'no-client-changes':
      return status('success', 'No client changes: clientsync.yaml and clients/ are unchanged');
    case 'refused':
      return status('error', result.reason);
    case 'unreachable':
      return status('error', `${result.what} could not be reached; push again or wait for the next delivery to retry`);
    case 'invalid-settings': {
      const errors = errorsOf(result.problems);
      return status('failure', `clientsync.yaml is missing or invalid: ${problemsSentence(errors.length > 0 ? errors : result.problems)}`);
    }
    case 'planned': {
      const { plan } = result;
      const errors = errorsOf(result.problems);
      if (errors.length > 0) return status('failure', problemsSentence(errors));
      const skipped = plan.skippedAccounts[0];
      if (skipped !== undefined) return status('failure', `account ${skipped.account} skipped: ${plural(skipped.problems, 'problem')} in ${skipped.file}`);
      const conflict = plan.conflicts[0];
      if (conflict !== undefined) return status('failure', `${plural(plan.conflicts.length, 'conflict')}: ${conflict.clientId} exists in Keycloak unmanaged`);
      const s = plan.summary;
      const extra = [s.rotate > 0 ? `, ${s.rotate} to rotate` : '', s.adopt > 0 ? `, ${s.adopt} to adopt` : ''].join('');
      return status('success', `${s.create} to create, ${s.update} to update, ${s.delete} to delete${extra}`);
    }
  }
}

export interface SyncRunFacts {
  /** Null when the run did not reach Keycloak: no status is set then. */
  readonly summary: Plan['summary'] | null;
  readonly outcome: 'success' | 'partial' | 'refused' | 'failed';
  readonly applied: number;
  readonly failed: number;
  readonly skippedAccounts: readonly { readonly account: string }[];
  readonly conflicts: number;
  readonly refusal: string | null;
  readonly failureMessage: string | null;
}

export function syncStatus(run: SyncRunFacts): CommitStatus | null {
  if (run.summary === null) return null;
  if (run.outcome === 'success') return status('success', run.applied === 0 ? 'Keycloak matches this revision' : `Applied ${plural(run.applied, 'change')}; Keycloak matches this revision`);
  const parts: string[] = [];
  if (run.failed > 0) parts.push(`${run.failed} of ${run.applied + run.failed} changes failed`);
  if (run.skippedAccounts.length > 0) parts.push(`account${run.skippedAccounts.length === 1 ? '' : 's'} ${run.skippedAccounts.map((s) => s.account).join(', ')} skipped`);
  if (run.conflicts > 0) parts.push(plural(run.conflicts, 'conflict'));
  if (run.refusal !== null) parts.push(`refused: ${run.refusal}`);
  if (run.failureMessage !== null) parts.push(run.failureMessage);
  return status('failure', parts.join('; ') || `the sync run ended ${run.outcome}`);
}

export interface CommentInput {
  readonly result: PlanResult;
  readonly headSha: string;
  readonly plannedAt: Date;
  /** https://github.com/owner/repo (the payload's html_url), for links to files; null: no links. */
  readonly htmlUrl: string | null;
}

function fileLink(htmlUrl: string | null, sha: string, p: Problem): string {
  const where = `${p.file}:${p.line}:${p.column}`;
  if (htmlUrl === null) return code(where);
  const path = p.file.split('/').map(encodeURIComponent).join('/');
  return `[${code(where)}](${htmlUrl}/blob/${sha}/${path}#L${p.line})`;
}

function problemsBlock(problems: readonly Problem[], input: CommentInput): string[] {
  if (problems.length === 0) return [];
  const errors = errorsOf(problems).length;
  const warnings = problems.length - errors;
  return [
    `### Validation: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`,
    problems.map((p) => `- ${p.severity === 'error' ? '**error**' : 'warning'} ${fileLink(input.htmlUrl, input.headSha, p)} [${p.rule}] ${escapeText(p.message)}`).join('\n'),
  ];
}

/** The comment body: marker, head and time, problems, the plan; cut below GitHub's limit. */
export function planComment(input: CommentInput): string {
  const { result } = input;
  const headLink = input.htmlUrl === null ? code(input.headSha) : `[${code(input.headSha.slice(0, 12))}](${input.htmlUrl}/commit/${input.headSha})`;
  const blocks = [`${PLAN_COMMENT_MARKER}\n## clientsync plan`, `For head ${headLink}, planned ${input.plannedAt.toISOString()} against live Keycloak (read only: nothing is applied before the merge).`];
  const s = planStatus(result);
  switch (result.kind) {
    case 'no-client-changes':
      blocks.push('**No client changes.** This pull request changes neither `clientsync.yaml` nor `clients/`.');
      break;
    case 'refused':
    case 'unreachable':
      blocks.push(`**Not planned:** ${escapeText(s.description)}`);
      break;
    case 'invalid-settings':
      blocks.push('**Not planned:** `clientsync.yaml` is missing or invalid, so no account can be planned.', ...problemsBlock(result.problems, input));
      break;
    case 'planned': {
      const markdown = renderMarkdown(result.plan);
      // Drop the renderer's own marker and heading: this comment has them already.
      const rest = markdown.slice(markdown.indexOf('\n\n') + 2);
      blocks.push(...problemsBlock(result.problems, input), rest.trimEnd());
      break;
    }
  }
  return cut(`${blocks.join('\n\n')}\n`);
}

const CUT_NOTICE = '\n\n---\n**The plan is longer than a GitHub comment holds and was cut here.** Run `clientsync plan` on the pull request\'s branch for all of it.\n';

function cut(body: string): string {
  if (body.length < MAX_COMMENT) return body;
  let head = body.slice(0, MAX_COMMENT - CUT_NOTICE.length);
  head = head.slice(0, Math.max(head.lastIndexOf('\n'), 0));
  // An unterminated code span or table row is harmless once the notice starts a new block.
  return `${head}${CUT_NOTICE}`;
}
