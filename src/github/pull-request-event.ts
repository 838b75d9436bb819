// A `pull_request` webhook payload → the few facts the daemon plans with, each checked (the
// payload is signed by GitHub, but its contents come from whoever opened the pull request:
// titles, branch names and fork names are theirs). Pure.
import type { EmitterWebhookEvent } from '@octokit/webhooks';
import { parseRepositoryName, type RepositoryName } from './repository-name.js';

type Payload = EmitterWebhookEvent<'pull_request'>['payload'];

/** The actions that plan the pull request's head; every other action is acknowledged and ignored. */
export const PLANNED_ACTIONS: readonly Payload['action'][] = ['opened', 'reopened', 'synchronize', 'ready_for_review'];

export interface PullRequestEvent {
  readonly action: string;
  readonly number: number;
  /** The head commit GitHub reported; the daemon plans what refs/pull/N/head holds when it fetches. */
  readonly headSha: string;
  /** The branch the pull request merges into. */
  readonly baseRef: string;
  /** Where comments and statuses go (the base repository). */
  readonly repository: RepositoryName;
  /** The head's repository, `owner/name`: another one for a fork's pull request (for the log). */
  readonly headRepository: string | null;
  /** The GitHub App installation that sent it, when the daemon acts as an App. */
  readonly installationId: number | null;
  /** The repository's web address (https://github.com/owner/repo), for links in the comment. */
  readonly htmlUrl: string | null;
}

export type PullRequestDecision =
  | { readonly kind: 'plan'; readonly event: PullRequestEvent }
  | { readonly kind: 'ignore'; readonly reason: string }
  | { readonly kind: 'bad-request'; readonly reason: string };

const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

function object(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** `branch` is the branch the daemon follows: pull requests into another branch are not planned. */
export function parsePullRequestEvent(payload: Record<string, unknown>, branch: string): PullRequestDecision {
  const action = payload['action'];
  if (typeof action !== 'string') return { kind: 'bad-request', reason: 'the pull_request payload has no action' };
  if (!(PLANNED_ACTIONS as readonly string[]).includes(action)) {
    return { kind: 'ignore', reason: `pull_request action '${action.slice(0, 40)}' is not planned (only ${PLANNED_ACTIONS.join(', ')})` };
  }
  const pr = object(payload['pull_request']);
  const number = payload['number'] ?? pr?.['number'];
  const head = object(pr?.['head']);
  const base = object(pr?.['base']);
  const repo = object(payload['repository']);
  const headSha = head?.['sha'];
  const baseRef = base?.['ref'];
  const fullName = repo?.['full_name'];
  if (pr === null || typeof number !== 'number' || !Number.isSafeInteger(number) || number < 1) {
    return { kind: 'bad-request', reason: 'the pull_request payload has no pull request number' };
  }
  if (typeof headSha !== 'string' || !SHA.test(headSha)) return { kind: 'bad-request', reason: 'the pull_request payload has no head sha' };
  if (typeof baseRef !== 'string') return { kind: 'bad-request', reason: 'the pull_request payload has no base ref' };
  const repository = typeof fullName === 'string' ? parseRepositoryName(fullName) : null;
  if (repository === null) return { kind: 'bad-request', reason: 'the pull_request payload has no repository full_name' };
  if (baseRef !== branch) {
    return { kind: 'ignore', reason: `pull request #${number} merges into another branch than ${branch}; only pull requests into ${branch} are planned` };
  }
  const headRepo = object(head?.['repo'])?.['full_name'];
  const installation = object(payload['installation'])?.['id'];
  const htmlUrl = repo?.['html_url'];
  return {
    kind: 'plan',
    event: {
      action,
      number,
      headSha,
      baseRef,
      repository,
      headRepository: typeof headRepo === 'string' ? headRepo.slice(0, 201) : null,
      installationId: typeof installation === 'number' && Number.isSafeInteger(installation) ? installation : null,
      htmlUrl: typeof htmlUrl === 'string' && /^https:\/\/[\w.-]+(:\d+)?\/[\w.-]+\/[\w.-]+$/.test(htmlUrl) ? htmlUrl : null,
    },
  };
}
