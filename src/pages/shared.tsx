// Pieces shared by the pages: what a page is given, the last run's notice, the search box.
import type { AppliedView, PagesSnapshot, RunView } from './view-model.js';
import type { PageContext } from './layout.js';
import { Time } from './layout.js';

export interface PageData {
  /** The last run that read Keycloak and made a plan, restricted to what the viewer may see. */
  readonly snapshot: PagesSnapshot | null;
  /** The last run of any outcome (it may be newer than the snapshot). */
  readonly lastRun: RunView | null;
  lastApplied(account: string): AppliedView | null;
}

/** Says when the last run failed or was refused (the data shown is then older or not applied). */
export function RunNotice(props: { readonly data: PageData; readonly ctx: PageContext }) {
  const { lastRun, snapshot } = props.data;
  if (lastRun === null || lastRun.outcome === 'success' || lastRun.outcome === 'partial') return null;
  const stale = snapshot !== null && snapshot.runId !== lastRun.id;
  return (
    <div class="notice bad" role="status">
      <p>
        {`The last run (${lastRun.id}) ${lastRun.outcome === 'refused' ? 'was refused: nothing was applied' : 'failed'}`} at <Time iso={lastRun.endedAt} />
        {props.ctx.viewer?.operator && lastRun.message !== null ? `: ${lastRun.message}` : '.'}
        {stale ? ` The data below is from run ${snapshot.runId}.` : ''}
      </p>
    </div>
  );
}

/** A GET form (works without JavaScript); with JavaScript the table filters as one types. */
export function SearchBox(props: { readonly table: string; readonly label: string; readonly q: string }) {
  const id = `${props.table}-q`;
  return (
    <form class="search" method="get" role="search">
      <label for={id}>{props.label}</label>
      <input type="search" id={id} name="q" value={props.q} data-filter={props.table} autocomplete="off" />
      <button type="submit">Search</button>
    </form>
  );
}
