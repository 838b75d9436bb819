// `/runs` (operators): recent runs with when, trigger, revision, outcome, duration, changes.
import { durationText } from './format.js';
import { Badge, Layout, renderDocument, Revision, Time, type PageContext } from './layout.js';
import type { RunView } from './view-model.js';

function changesText(run: RunView): string {
  if (run.summary === null) return 'no plan';
  const parts = Object.entries(run.summary)
    .filter(([, n]) => n > 0)
    .map(([action, n]) => `${n} ${action}`);
  if (parts.length === 0) return 'none';
  return `${parts.join(', ')} (${run.applied} applied${run.failed > 0 ? `, ${run.failed} failed` : ''})`;
}

const TONE = { success: 'ok', partial: 'warn', refused: 'bad', failed: 'bad' } as const;

export function renderRunsPage(ctx: PageContext, runs: readonly RunView[]): string {
  return renderDocument(
    <Layout ctx={ctx} title="Runs" current="runs">
      <h1>Recent runs</h1>
      {runs.length === 0 ? (
        <p>No run has finished yet.</p>
      ) : (
        <table class="cards">
          <caption>{`The last ${runs.length} runs, newest first (kept in memory since the daemon started)`}</caption>
          <thead>
            <tr>
              <th scope="col">Run</th>
              <th scope="col">Started</th>
              <th scope="col">Trigger</th>
              <th scope="col">Revision</th>
              <th scope="col">Outcome</th>
              <th scope="col">Duration</th>
              <th scope="col">Changes</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr>
                <td data-label="Run">{r.id}</td>
                <td data-label="Started">
                  <Time iso={r.startedAt} />
                </td>
                <td data-label="Trigger">{r.trigger}</td>
                <td data-label="Revision">
                  <Revision revision={r.revision} ctx={ctx} />
                </td>
                <td data-label="Outcome">
                  <Badge tone={TONE[r.outcome as keyof typeof TONE] ?? 'info'}>{r.outcome}</Badge>
                  {r.message !== null && <div class="small">{r.message}</div>}
                </td>
                <td data-label="Duration">{durationText(r.durationMs)}</td>
                <td data-label="Changes">{changesText(r)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>,
  );
}
