// The URL of an Admin REST API resource, as the admin client builds it: KEYCLOAK_URL may carry a
// path (a Keycloak behind /auth) and a trailing slash.

/** `path` is below /admin/realms/, its parts already encoded. */
export function adminUrl(baseUrl: string, path: string): URL {
  const url = new URL(baseUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/admin/realms/${path}`;
  url.search = '';
  url.hash = '';
  return url;
}
