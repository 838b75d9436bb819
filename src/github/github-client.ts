// The daemon's GitHub API client: @octokit/rest with @octokit/plugin-retry (5xx, network errors)
// and @octokit/plugin-throttling (primary and secondary rate limits, writes spaced as GitHub
// asks), authenticated as a GitHub App installation (@octokit/auth-app: recommended for
// organisations) or with a fine-grained token. The only place that constructs an Octokit.
//
// Invariants: the token and the App's private key live in the Octokit's auth hook only; they
// never reach a log line (the daemon's logger also scrubs their values), a message or /status.
import { createAppAuth } from '@octokit/auth-app';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import type { DaemonLogger } from '../daemon/logger.js';

export const DEFAULT_GITHUB_API_URL = 'https://api.github.com';

export type GitHubIdentity =
  | { readonly kind: 'token'; readonly token: string }
  | { readonly kind: 'app'; readonly appId: string; readonly privateKey: string; readonly installationId: number | null };

export interface GitHubSettings {
  readonly apiUrl: string;
  readonly identity: GitHubIdentity;
}

/** How an API call ended, for the metrics (a closed set). */
export type ApiResult = 'success' | 'client-error' | 'rate-limited' | 'server-error' | 'network-error';
export const API_RESULTS: readonly ApiResult[] = ['success', 'client-error', 'rate-limited', 'server-error', 'network-error'];

const ClientsyncOctokit = Octokit.plugin(retry, throttling);
export type GitHubClient = InstanceType<typeof ClientsyncOctokit>;

export interface ClientOptions {
  readonly logger: DaemonLogger;
  readonly onResult?: (result: ApiResult) => void;
  /** Retries after a rate limit (default 2). */
  readonly rateLimitRetries?: number;
  /** Base of the retry plugin's backoff in ms (tests shorten it). */
  readonly retryAfterBaseValue?: number;
  readonly version: string;
}

function resultOf(status: number | undefined, remaining: string | null = null): ApiResult {
  if (status === undefined) return 'network-error';
  if (status === 429 || (status === 403 && remaining === '0')) return 'rate-limited';
  if (status >= 500) return 'server-error';
  return status >= 400 ? 'client-error' : 'success';
}

/** An Octokit for the token, the App itself (installationId null: JWT) or one installation. */
export function createGitHubClient(settings: GitHubSettings, options: ClientOptions, installationId: number | null = null): GitHubClient {
  const { logger } = options;
  const retries = options.rateLimitRetries ?? 2;
  const onLimit = (kind: string) => (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
    logger.warn({ method: request.method, url: request.url, retryAfterSeconds: retryAfter, retryCount }, `GitHub ${kind} rate limit reached`);
    return retryCount < retries;
  };
  const identity = settings.identity;
  const auth =
    identity.kind === 'token'
      ? { auth: identity.token }
      : {
          authStrategy: createAppAuth,
          auth: { appId: identity.appId, privateKey: identity.privateKey, ...(installationId === null ? {} : { installationId }) },
        };
  const octokit = new ClientsyncOctokit({
    ...auth,
    baseUrl: settings.apiUrl.replace(/\/+$/, ''),
    userAgent: `clientsync/${options.version}`,
    log: { debug: () => {}, info: () => {}, warn: (message: string) => logger.warn({ source: 'octokit' }, message), error: (message: string) => logger.error({ source: 'octokit' }, message) },
    throttle: { onRateLimit: onLimit('primary'), onSecondaryRateLimit: onLimit('secondary'), ...(options.retryAfterBaseValue === undefined ? {} : { retryAfterBaseValue: options.retryAfterBaseValue }) },
    retry: { doNotRetry: [400, 401, 403, 404, 410, 422, 451] },
    // Counted at the lowest level, so each attempt (retries included) is one call.
    request: {
      fetch: async (url: string | URL | Request, init?: RequestInit) => {
        try {
          const response = await fetch(url, init);
          options.onResult?.(resultOf(response.status, response.headers.get('x-ratelimit-remaining')));
          return response;
        } catch (error) {
          options.onResult?.('network-error');
          throw error;
        }
      },
    },
  });
  return octokit;
}
