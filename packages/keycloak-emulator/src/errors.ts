// Keycloak's error answers, as values. Handlers throw `KeycloakError`; the server turns it into
// the status and JSON body Keycloak sends. Two body shapes exist in Keycloak:
//   OAuth2ErrorRepresentation {"error", "error_description"?}  (exception mapper, token endpoint)
//   ErrorRepresentation       {"errorMessage", ...}            (ErrorResponse.exists/error)

export type ErrorBody =
  | { readonly error: string; readonly error_description?: string }
  | { readonly errorMessage: string };

export class KeycloakError extends Error {
  override readonly name = 'KeycloakError';
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super('errorMessage' in body ? body.errorMessage : body.error);
  }
}

/** `{"error": message}`: what Keycloak's exception mapper sends for a WebApplicationException. */
export function webError(status: number, message: string): KeycloakError {
  return new KeycloakError(status, { error: message });
}

export const unauthorized = (): KeycloakError => webError(401, 'HTTP 401 Unauthorized');
export const forbidden = (): KeycloakError => webError(403, 'HTTP 403 Forbidden');
export const notFound = (message = 'HTTP 404 Not Found'): KeycloakError => webError(404, message);
export const methodNotAllowed = (): KeycloakError => webError(405, 'HTTP 405 Method Not Allowed');
export const unsupportedMediaType = (): KeycloakError =>
  webError(415, 'The content-type header value did not match the value in @Consumes');

/** ErrorResponseException(error, description, status). */
export function oauthError(status: number, error: string, description: string): KeycloakError {
  return new KeycloakError(status, { error, error_description: description });
}

/** ErrorResponse.exists / ErrorResponse.error: `{"errorMessage": ...}`. */
export function errorMessage(status: number, message: string): KeycloakError {
  return new KeycloakError(status, { errorMessage: message });
}

/** What Keycloak answers for an unexpected exception (and what a bug in the emulator becomes). */
export const serverError = (): KeycloakError =>
  oauthError(500, 'unknown_error', 'For more on this error consult the server log.');

/** A JSON body Jackson could not bind (wrong type, array for an object, ...). */
export const cannotBind = (): KeycloakError => oauthError(400, 'unknown_error', 'Cannot parse the JSON');

/** A JSON body that is not JSON at all. */
export const cannotParse = (): KeycloakError => oauthError(400, 'invalid_request', 'Cannot parse the JSON');
