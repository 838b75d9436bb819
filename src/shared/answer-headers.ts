/**
 * Headers on every JSON and plain-text HTTP answer of the daemon (the pages' HTML has its own,
 * stricter set). Some answers echo the request's path (a 404) or carry run details, so a
 * browser must never sniff them into HTML, run anything in them or frame them.
 */
export const PLAIN_ANSWER_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
};
