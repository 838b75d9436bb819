// shared/: small pure helpers that several layers need (the planner, the Keycloak adapter, the
// renderers, the CLI). It sits below all of them and imports nothing from src/, so no layer has
// to import another layer sideways or upwards for a sort or a plural (docs/design.md, "Layers").
export { compareStrings, sortedUnique } from './order.js';
export { parseRfc3339 } from './rfc3339.js';
export { plural } from './plural.js';
export { ownRecord, ownValue } from './own-record.js';
