// GitHub webhooks (push, pull_request, ping): the signature check and what an event asks for.
// Pure functions over the raw request; the HTTP layer calls them and answers.
//
// Invariants:
// - Nothing is triggered unless X-Hub-Signature-256 is the HMAC-SHA256 of the exact body bytes
//   under CLIENTSYNC_WEBHOOK_SECRET, compared in constant time on equal-length buffers.
// - Without a configured secret no request is ever accepted (an unsigned webhook would let
//   anybody who reaches the port trigger runs).
// - The payload is read only after the signature is verified, and only for `ref`, `repository`
//   and (pull_request) the fields parsePullRequestEvent checks.
// - A delivery about another repository than the followed one is acknowledged and ignored.
//
// The signature check stays these few lines (synchronous, checked against GitHub's documented
// example) rather than @octokit/webhooks' asynchronous verify; the event types come from there.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { describeFollowed, isFollowed, type FollowedRepository } from '../github/repository-name.js';
import { parsePullRequestEvent, type PullRequestEvent } from '../github/pull-request-event.js';

/** Bodies above this size are refused with 413 before their signature is checked. */
export const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;

const SIGNATURE = /^sha256=([0-9a-fA-F]{64})$/;

/** True when `header` is `sha256=<hex HMAC-SHA256 of body under secret>`. */
export function verifySignature(secret: string, body: Buffer, header: string | undefined): boolean {
  if (secret === '' || header === undefined) return false;
  const match = SIGNATURE.exec(header.trim());
  if (!match) return false;
  const given = Buffer.from(match[1]!, 'hex');
  const expected = createHmac('sha256', secret).update(body).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The signature header GitHub would send for `body` (for tests and tooling). */
export function signBody(secret: string, body: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export type WebhookDecision =
  | { readonly kind: 'trigger'; readonly ref: string | null }
  | { readonly kind: 'plan'; readonly event: PullRequestEvent }
  | { readonly kind: 'ping' }
  | { readonly kind: 'ignore'; readonly reason: string }
  | { readonly kind: 'bad-request'; readonly reason: string };

/** What the daemon knows about GitHub when it decides on a delivery. */
export interface WebhookContext {
  /** The repository the daemon follows; null when unknown (a --dir, a file:// URL, no setting). */
  readonly followed: FollowedRepository | null;
  /** Null when pull request planning is on; else why it is off (said in the ignore reason). */
  readonly planningOff: string | null;
}

const NO_GITHUB: WebhookContext = { followed: null, planningOff: 'pull request planning is not configured' };

/**
 * What a verified delivery asks for. `branch` is the branch the daemon follows (null for a local
 * folder: every push triggers a run, since the folder may be updated from any branch).
 */
export function decideWebhook(
  event: string | undefined,
  contentType: string | undefined,
  body: Buffer,
  branch: string | null,
  context: WebhookContext = NO_GITHUB,
): WebhookDecision {
  if (event === 'ping') return { kind: 'ping' };
  if (event !== 'push' && event !== 'pull_request') {
    return { kind: 'ignore', reason: `event '${(event ?? '(none)').slice(0, 60)}' is neither push nor pull_request; nothing to do` };
  }
  const payload = parsePayload(contentType, body);
  if (payload === null) return { kind: 'bad-request', reason: `the ${event} payload is not JSON (application/json, or a form with a payload field)` };
  const { followed } = context;
  if (followed !== null && !isFollowed(payload['repository'], followed)) {
    return { kind: 'ignore', reason: `the delivery is about another repository; this daemon follows ${describeFollowed(followed)}` };
  }
  if (event === 'pull_request') {
    if (context.planningOff !== null) return { kind: 'ignore', reason: `pull request planning is off: ${context.planningOff}` };
    if (branch === null || followed === null) return { kind: 'ignore', reason: 'pull request planning needs --git-url and a known repository' };
    return parsePullRequestEvent(payload, branch);
  }
  const ref = typeof payload['ref'] === 'string' ? payload['ref'] : null;
  if (branch === null) return { kind: 'trigger', ref };
  if (ref === null) return { kind: 'bad-request', reason: 'the push payload has no ref' };
  if (ref !== `refs/heads/${branch}`) return { kind: 'ignore', reason: `push to ${ref.slice(0, 200)}; this daemon follows refs/heads/${branch}` };
  return { kind: 'trigger', ref };
}

function parsePayload(contentType: string | undefined, body: Buffer): Record<string, unknown> | null {
  let text = body.toString('utf8');
  if ((contentType ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    const payload = new URLSearchParams(text).get('payload');
    if (payload === null) return null;
    text = payload;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
