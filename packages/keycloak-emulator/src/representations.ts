// JSON shapes of users, roles and client scopes, as Keycloak's ModelToRepresentation writes them.
import { mapperRepresentation } from './clients.js';
import { javaHashOrder, javaStringHash } from './java-order.js';
import type { ClientScope, ProtocolMapper, Role, User } from './model.js';

export function userRepresentation(user: User, access: Record<string, boolean> | null): Record<string, unknown> {
  const rep: Record<string, unknown> = { id: user.id, username: user.username, emailVerified: false };
  if (Object.keys(user.attributes).length > 0) rep['attributes'] = user.attributes;
  Object.assign(rep, {
    enabled: user.enabled,
    createdTimestamp: user.createdTimestamp,
    totp: false,
    disableableCredentialTypes: [],
    requiredActions: [],
    notBefore: 0,
  });
  if (access) rep['access'] = access;
  return rep;
}

/** Brief form (list answers) or full form (one role, with attributes). */
export function roleRepresentation(role: Role, brief: boolean): Record<string, unknown> {
  const rep: Record<string, unknown> = {
    id: role.id,
    name: role.name,
    description: role.description,
    composite: role.composites.size > 0,
    clientRole: role.clientRole,
    containerId: role.containerId,
  };
  if (rep['description'] === null) delete rep['description'];
  if (!brief) rep['attributes'] = {};
  return rep;
}

export function scopeRepresentation(scope: ClientScope): Record<string, unknown> {
  const rep: Record<string, unknown> = { id: scope.id, name: scope.name };
  if (scope.description !== null) rep['description'] = scope.description;
  if (scope.protocol !== null) rep['protocol'] = scope.protocol;
  rep['attributes'] = Object.fromEntries(scope.attributes);
  if (scope.protocolMappers.length > 0) rep['protocolMappers'] = mappersInOrder(scope.protocolMappers).map(mapperRepresentation);
  return rep;
}

/** Keycloak emits protocol mappers in the hash order of their ids. */
export function mappersInOrder(mappers: readonly ProtocolMapper[]): ProtocolMapper[] {
  return javaHashOrder(mappers, (m) => javaStringHash(m.id), (m) => m.id);
}
