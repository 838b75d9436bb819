// The apply report as text for terminals and CI logs: one line per change, then a summary.
// Holds no secret: outcomes carry none, and Secret renders as [REDACTED] anyway.
import { escapeUnsafe } from '../plan/display.js';
import type { DeliveryOutcome } from './deliver.js';
import type { ApplyReport, ChangeOutcome } from './outcome.js';
import { plural } from '../shared/plural.js';

export function renderApplyReport(report: ApplyReport): string {
  const deliveries = report.deliveries;
  if (report.outcomes.length === 0 && deliveries.length === 0) return 'No changes to apply.\n';
  const lines = [...report.outcomes.map(outcomeLine), ...deliveries.map(deliveryLine)];
  const failed = report.failed === 0 ? '' : `, ${report.failed} failed`;
  lines.push('', `Applied ${plural(report.applied, 'change')}${failed}.`);
  if (deliveries.length > 0) {
    const delivered = deliveries.length - report.deliveriesFailed;
    const failedDeliveries = report.deliveriesFailed === 0 ? '' : `, ${report.deliveriesFailed} failed (still pending: the next run tries again)`;
    lines.push(`Delivered ${plural(delivered, 'secret')}${failedDeliveries}.`);
  }
  if (report.failed > 0) {
    lines.push(
      report.failed === 1
        ? 'Run apply again to retry the failed change: a re-run plans afresh and converges.'
        : 'Run apply again to retry the failed changes: a re-run plans afresh and converges.',
    );
  }
  return `${lines.join('\n')}\n`;
}

function outcomeLine({ change, outcome, error }: ChangeOutcome): string {
  // Messages may quote Keycloak's words: escaped, so they cannot break the line or the terminal.
  const head = `${change.action} ${escapeUnsafe(change.clientId)}`;
  if (outcome === 'applied') return `✓ ${head}`;
  return `✗ ${head}: ${escapeUnsafe(error?.message ?? 'failed')}`;
}

function deliveryLine(d: DeliveryOutcome): string {
  const head = `deliver ${escapeUnsafe(d.clientId)} → ${escapeUnsafe(d.target)} (${d.reason})`;
  if (d.outcome === 'delivered') return `✓ ${head}`;
  return `✗ ${head}: ${escapeUnsafe(d.error ?? 'failed')}`;
}
