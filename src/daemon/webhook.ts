// GitHub push webhooks: the signature check and what an event asks for. Pure functions over the
// raw request; the HTTP layer calls them and answers.
//
// Invariants:
// - Nothing is triggered unless X-Hub-Signature-256 is the HMAC-SHA256 of the exact body bytes
//   under CLIENTSYNC_WEBHOOK_SECRET, compared in constant time on equal-length buffers.
// - Without a configured secret no request is ever accepted (an unsigned webhook would let
//   anybody who reaches the port trigger runs).
// - The payload is read only after the signature is verified, and only for `ref`.
import { createHmac, timingSafeEqual } from 'node:crypto';

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
  | { readonly kind: 'ping' }
  | { readonly kind: 'ignore'; readonly reason: string }
  | { readonly kind: 'bad-request'; readonly reason: string };

/**
 * What a verified delivery asks for. `branch` is the branch the daemon follows (null for a local
 * folder: every push triggers a run, since the folder may be updated from any branch).
 */
export function decideWebhook(event: string | undefined, contentType: string | undefined, body: Buffer, branch: string | null): WebhookDecision {
  if (event === 'ping') return { kind: 'ping' };
  if (event !== 'push') return { kind: 'ignore', reason: `event '${event ?? '(none)'}' is not a push; only push events trigger a run` };
  const payload = parsePayload(contentType, body);
  if (payload === null) return { kind: 'bad-request', reason: 'the push payload is not JSON (application/json, or a form with a payload field)' };
  const ref = typeof payload['ref'] === 'string' ? payload['ref'] : null;
  if (branch === null) return { kind: 'trigger', ref };
  if (ref === null) return { kind: 'bad-request', reason: 'the push payload has no ref' };
  if (ref !== `refs/heads/${branch}`) return { kind: 'ignore', reason: `push to ${ref}; this daemon follows refs/heads/${branch}` };
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
