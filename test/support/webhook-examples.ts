// Webhook deliveries as GitHub sends them, built from the recorded payloads of
// @octokit/webhooks-examples with numbers, shas and repository replaced, and signed as GitHub
// signs them (HMAC-SHA256 of the exact body, X-Hub-Signature-256, a fresh X-GitHub-Delivery).
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type { EmitterWebhookEvent } from '@octokit/webhooks';
import { signBody } from '../../src/daemon/webhook.js';

type PullRequestPayload = EmitterWebhookEvent<'pull_request'>['payload'];
type PushPayload = EmitterWebhookEvent<'push'>['payload'];

interface ExampleSet {
  readonly name: string;
  readonly examples: readonly Record<string, unknown>[];
}

const require = createRequire(import.meta.url);

export function webhookExamples() {
  const all = require('@octokit/webhooks-examples') as readonly ExampleSet[];
  const of = (name: string) => all.find((e) => e.name === name)?.examples ?? [];
  return {
    /** A deep copy of the first recorded pull_request payload with this action. */
    pullRequest(action: string): PullRequestPayload {
      const found = of('pull_request').find((e) => e['action'] === action);
      if (found === undefined) throw new Error(`no recorded pull_request ${action} payload`);
      return structuredClone(found) as unknown as PullRequestPayload;
    },
    push(): PushPayload {
      const found = of('push')[0];
      if (found === undefined) throw new Error('no recorded push payload');
      return structuredClone(found) as unknown as PushPayload;
    },
  };
}

export interface RepositoryInfo {
  readonly owner: string;
  readonly name: string;
  /** The clone URL GitHub would report (for --git-url matching). */
  readonly cloneUrl?: string;
}

function withRepository<T extends { repository?: unknown }>(payload: T, repo: RepositoryInfo): T {
  const r = payload.repository as Record<string, unknown> & { owner: Record<string, unknown> };
  r['name'] = repo.name;
  r['full_name'] = `${repo.owner}/${repo.name}`;
  r.owner['login'] = repo.owner;
  r['clone_url'] = repo.cloneUrl ?? `https://github.com/${repo.owner}/${repo.name}.git`;
  r['html_url'] = `https://github.com/${repo.owner}/${repo.name}`;
  r['ssh_url'] = `git@github.com:${repo.owner}/${repo.name}.git`;
  return payload;
}

/** A pull_request delivery for `number` at `headSha` into `base`. */
export function pullRequestPayload(action: string, repo: RepositoryInfo, number: number, headSha: string, options: { base?: string; fork?: string } = {}): PullRequestPayload {
  const payload = withRepository(webhookExamples().pullRequest(action), repo);
  payload.number = number;
  const pr = payload.pull_request as unknown as Record<string, unknown> & { head: Record<string, unknown>; base: Record<string, unknown> };
  pr['number'] = number;
  pr.head['sha'] = headSha;
  pr.base['ref'] = options.base ?? 'main';
  const headRepo = pr.head['repo'] as Record<string, unknown> | null;
  if (headRepo && options.fork !== undefined) {
    headRepo['full_name'] = options.fork;
    headRepo['fork'] = true;
  }
  return payload;
}

export function pushPayload(repo: RepositoryInfo, branch: string, after: string): PushPayload {
  const payload = withRepository(webhookExamples().push(), repo);
  payload.ref = `refs/heads/${branch}`;
  payload.after = after;
  return payload;
}

/** Headers and body of a signed delivery. */
export function signedDelivery(event: string, payload: unknown, secret: string, id: string = randomUUID()): { headers: Record<string, string>; body: string } {
  const body = JSON.stringify(payload);
  return {
    body,
    headers: { 'content-type': 'application/json', 'x-github-event': event, 'x-github-delivery': id, 'x-hub-signature-256': signBody(secret, body), 'user-agent': 'GitHub-Hookshot/test' },
  };
}
