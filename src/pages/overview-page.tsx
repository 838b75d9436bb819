// `/`: the accounts the viewer may see, with state, clients used / limit, last applied revision.
import { plural, matches, searchTerms } from './format.js';
import { Layout, renderDocument, Revision, Time, type PageContext } from './layout.js';
import { AccountBadge } from './state-badges.js';
import { RunNotice, SearchBox, type PageData } from './shared.js';

export function renderOverviewPage(ctx: PageContext, data: PageData, q: string): string {
  const { snapshot } = data;
  const accounts = snapshot?.accounts ?? [];
  const terms = searchTerms(q);
  const searchText = (a: (typeof accounts)[number]): string => `${a.account} ${a.state.replace('-', ' ')} ${a.reason}`;
  return renderDocument(
    <Layout ctx={ctx} title="Accounts" current="accounts">
      <h1>Accounts</h1>
      <RunNotice data={data} ctx={ctx} />
      {snapshot === null ? (
        <p>No data yet: the daemon's first run has not read Keycloak. This page fills in once it has.</p>
      ) : (
        <>
          <p class="meta">
            Realm <code>{snapshot.realm}</code>; data read from git revision <Revision revision={snapshot.revision} ctx={ctx} /> and Keycloak at{' '}
            <Time iso={snapshot.readAt} /> (run {snapshot.runId}). {plural(accounts.length, 'account')} shown.
          </p>
          {accounts.length === 0 ? (
            <p>{ctx.viewer?.operator ? 'No account file exists yet.' : 'Your sign-in names no account that clientsync knows. Ask an operator to add you to your account.'}</p>
          ) : (
            <>
              <SearchBox table="accounts" label="Search accounts" q={q} />
              <table id="accounts" class="cards">
                <caption id="accounts-count" aria-live="polite">
                  {`${accounts.filter((a) => matches(searchText(a), terms)).length} of ${accounts.length} shown`}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Account</th>
                    <th scope="col">State</th>
                    <th scope="col">Clients used / limit</th>
                    <th scope="col">Last applied</th>
                  </tr>
                </thead>
                <tbody>
                  {accounts.map((a) => {
                    const applied = data.lastApplied(a.account);
                    return (
                      <tr data-search={searchText(a)} hidden={!matches(searchText(a), terms)}>
                        <td data-label="Account">
                          <a href={`/accounts/${encodeURIComponent(a.account)}`}>{a.account}</a>
                        </td>
                        <td data-label="State">
                          <AccountBadge state={a.state} /> <span class="small">{a.reason}</span>
                        </td>
                        <td data-label="Clients used / limit">{`${a.clientsUsed} / ${a.clientLimit}`}</td>
                        <td data-label="Last applied">
                          {applied === null ? (
                            a.revisions.length === 1 ? (
                              <>
                                <Revision revision={a.revisions[0]!} ctx={ctx} /> <span class="small">before the daemon started</span>
                              </>
                            ) : (
                              <span class="small">{a.revisions.length === 0 ? 'nothing yet' : `${a.revisions.length} revisions, before the daemon started`}</span>
                            )
                          ) : (
                            <>
                              <Revision revision={applied.revision} ctx={ctx} /> <span class="small">at</span> <Time iso={applied.at} />
                            </>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </>
          )}
        </>
      )}
    </Layout>,
  );
}
