// plan/: the pure heart of clientsync: (desired, live, now) → Plan, the safety policy, and the
// plan's renderings (text, markdown, json).
//
// Invariants:
// - Pure: values in, values out. No I/O, no clock (the time is an argument), no randomness;
//   identical inputs give deep-equal plans and byte-identical renderings.
// - Only managed fields (docs/design.md, "Managed fields and markers") are compared, both sides
//   normalised: no perpetual diffs.
// - Only clients carrying clientsync's marker are ever updated or deleted; Keycloak's built-in
//   clients never appear; an invalid account file freezes that whole account; an empty desired
//   state deletes nothing without allowEmpty.
// - A plan holds no secret: the model carries none, and nothing here adds one.
export { computePlan, type PlanInput } from './compute-plan.js';
export { needsAttention } from './attention.js';
export { desiredFields } from './desired-fields.js';
export { checkDeleteLimit, DEFAULT_MAX_DELETES } from './delete-limit.js';
export { emptyDesiredNotice, emptyDesiredRefusal, emptyDesiredWithheld } from './empty-desired.js';
export { MANAGED_FIELD_NAMES, diffFields } from './fields.js';
export { rotationState, type RotationState } from './rotation.js';
export { renderPlan, PLAN_FORMATS, type PlanFormat, type RenderOptions } from './render.js';
export { renderText, type TextRenderOptions } from './render-text.js';
export { renderMarkdown, PLAN_COMMENT_MARKER } from './render-markdown.js';
export { renderJson } from './render-json.js';
