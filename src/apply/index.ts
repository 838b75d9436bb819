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
// - Rotation: regenerate, then record rotated-at with the pending-delivery marker, then deliver.
//   A crash before the record rotates again (never lost); a failed delivery never rotates
//   again: it stays pending on the client in Keycloak and later runs deliver it (deliver.ts).
// - A create carries the pending-delivery marker in its own body: a crash before the delivery
//   loses nothing.
// - Secrets go only to the delivery targets; outcomes, messages and reports never hold one.
export { applyPlan, type ApplyDeps, type ApplyPolicy } from './apply-plan.js';
export { applyGuard, type GuardOptions } from './guard.js';
export type { ApplyReport, ChangeOutcome, ChangeRef, OutcomeCounts, OutcomeError } from './outcome.js';
export { renderApplyReport } from './render-report.js';
export { describeError } from './outcome.js';
export {
  combineSinks,
  deliveryDocument,
  describeSink,
  FILE_SINK_TARGET,
  FileSecretSink,
  NONE_SINK,
  parseSecretSink,
  type DeliveryReceipt,
  type DeliveryTarget,
  type SecretDelivery,
  type SecretSink,
} from './secret-sink.js';
export { deliverSecret, type DeliveryOutcome, type DeliverDeps, type OwingClient } from './deliver.js';
