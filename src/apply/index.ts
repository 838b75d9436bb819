// apply/: executes a plan against Keycloak and reports an outcome per change
// (docs/design.md, "Apply").
//
// Invariants:
// - The only code that writes to Keycloak. It consumes a plan computed beforehand; it decides
//   nothing about what should change (that is the planner's job) and runs no dry run.
// - Refusals (applyGuard: --max-deletes) come before the applier: a refused run changes nothing.
// - Deletes run after every other change; one client's changes run in the plan's order;
//   independent clients run concurrently under one bound.
// - One failed change never stops the others; every change gets an outcome.
// - Rotation is at-least-once: regenerate, deliver to the sink, then record rotated-at. A crash
//   or a failure before the record makes the next run rotate again; a rotation is never lost.
// - Secrets go only to the secret sink; outcomes, messages and reports never hold one.
export { applyPlan, type ApplyDeps } from './apply-plan.js';
export { applyGuard, type GuardOptions } from './guard.js';
export type { ApplyReport, ChangeOutcome, ChangeRef, OutcomeCounts, OutcomeError } from './outcome.js';
export { renderApplyReport } from './render-report.js';
export { describeError } from './outcome.js';
export {
  FileSecretSink,
  NONE_SINK,
  parseSecretSink,
  type SecretDelivery,
  type SecretSink,
  type SinkOptions,
} from './secret-sink.js';
