// A KeycloakPort that refuses to start a call once a signal is aborted: how a run that reached
// its time limit (or a daemon shutting down) stops without leaving a call half made. Calls
// already under way finish (each has its own timeout in the adapter); later ones throw the
// signal's reason, so the applier records those changes as failed and a later run redoes them.
import type { KeycloakPort } from '../keycloak/port.js';

export function abortablePort(port: KeycloakPort, signal: AbortSignal): KeycloakPort {
  const guard =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      signal.throwIfAborted();
      return call(...args);
    };
  return {
    listClients: guard((realm, scopes, expected) => port.listClients(realm, scopes, expected)),
    findClient: guard((realm, clientId, scopes) => port.findClient(realm, clientId, scopes)),
    createClient: guard((realm, clientId, fields, markers, scopes) => port.createClient(realm, clientId, fields, markers, scopes)),
    updateClient: guard((realm, live, fields, markers, scopes) => port.updateClient(realm, live, fields, markers, scopes)),
    recordRotation: guard((realm, live, fields, markers) => port.recordRotation(realm, live, fields, markers)),
    deleteClient: guard((realm, id) => port.deleteClient(realm, id)),
    regenerateSecret: guard((realm, id) => port.regenerateSecret(realm, id)),
    getSecret: guard((realm, id) => port.getSecret(realm, id)),
    listClientScopes: guard((realm) => port.listClientScopes(realm)),
  };
}
