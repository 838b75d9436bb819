// Request and reply values shared by the handlers, and the body readers with Keycloak's
// content-type rules: a JSON resource accepts application/json (any case, any parameters) or no
// content type at all; anything else is 415. An empty body reaches the resource as null (500).
import type { IncomingHttpHeaders } from 'node:http';
import { serverError, unsupportedMediaType } from './errors.js';
import { bindArray, bindObject, parseJson, type Decoded, type Representation } from './json-reader.js';

export interface Request {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly params: Readonly<Record<string, string>>;
  readonly body: Buffer;
  /** scheme://host:port the client used, for Location headers and token issuers. */
  readonly baseUrl: string;
}

export interface Reply {
  readonly status: number;
  /** A value to send as JSON, or a ready JSON text. */
  readonly json?: unknown;
  /** JSON already serialized (large lists are assembled from cached pieces). */
  readonly jsonText?: string;
  readonly text?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export const noContent = (): Reply => ({ status: 204 });
export const ok = (json: unknown, headers?: Record<string, string>): Reply =>
  headers ? { status: 200, json, headers } : { status: 200, json };
export const created = (location: string): Reply => ({ status: 201, headers: { location } });

function mediaType(req: Request): string | null {
  const header = req.headers['content-type'];
  if (header === undefined) return null;
  return header.split(';')[0]?.trim().toLowerCase() ?? '';
}

/** Throws 415 unless the request may carry JSON. */
export function requireJsonContentType(req: Request): void {
  const type = mediaType(req);
  if (type !== null && type !== 'application/json') throw unsupportedMediaType();
}

export function readObject(req: Request, rep: Representation): Decoded {
  requireJsonContentType(req);
  const text = req.body.toString('utf8');
  if (text.trim() === '') throw serverError();
  return bindObject(parseJson(text), rep);
}

export function readArray(req: Request, rep: Representation): Decoded[] {
  requireJsonContentType(req);
  const text = req.body.toString('utf8');
  if (text.trim() === '') throw serverError();
  return bindArray(parseJson(text), rep);
}

/** A form body (application/x-www-form-urlencoded); any other body reads as an empty form. */
export function readForm(req: Request): URLSearchParams {
  return mediaType(req) === 'application/x-www-form-urlencoded' ? new URLSearchParams(req.body.toString('utf8')) : new URLSearchParams();
}

/** A JAX-RS Integer query parameter: absent → null; not a number → the resource is not found (404). */
export function integerParam(req: Request, name: string): number | null | 'invalid' {
  const value = req.query.get(name);
  if (value === null || value === '') return null;
  if (!/^[+-]?\d+$/.test(value.trim())) return 'invalid';
  const n = Number(value.trim());
  return n > 2147483647 || n < -2147483648 ? 'invalid' : n;
}

/** A JAX-RS boolean query parameter: true only for "true" (any case). */
export function booleanParam(req: Request, name: string): boolean {
  return (req.query.get(name) ?? '').toLowerCase() === 'true';
}
