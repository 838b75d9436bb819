// `/accounts/<id>`: the seed's table (Client ID, Display Name, Description, Capability Types,
// Scopes) plus each client's state, rotations and the revision that last changed it; a search
// that filters as one types (script) or by ?q= (no script); the file's problems with file:line.
import { matches, plural, searchTerms } from './format.js';
import { Layout, MaybeLink, renderDocument, Revision, Time, type PageContext } from './layout.js';
import { AccountBadge, ClientBadge, clientStateText } from './state-badges.js';
import { RunNotice, SearchBox, type PageData } from './shared.js';
import type { AccountView, ClientView } from './view-model.js';

function searchText(c: ClientView): string {
  return [c.clientId, c.displayName, c.description, c.capabilities.join(' '), c.scopes.join(' '), clientStateText(c)].join(' ');
}

function StateCell(props: { readonly c: ClientView }) {
  const { c } = props;
  return (
    <>
      <ClientBadge state={c.state} />
      {c.driftFields.length > 0 && <div class="small">{`differs in: ${c.driftFields.join(', ')}`}</div>}
      {c.problem !== null && <div class="small">{c.problem}</div>}
    </>
  );
}

function RotationCell(props: { readonly c: ClientView }) {
  const { c } = props;
  return (
    <>
      {c.rotationDue !== null && (
        <div>
          due since <Time iso={c.rotationDue} />
        </div>
      )}
      {c.nextRotation !== null && (
        <div>
          next: <Time iso={c.nextRotation} />
        </div>
      )}
      <div class="small">{c.lastRotation === null ? 'never rotated' : <>last: <Time iso={c.lastRotation} /></>}</div>
      {c.pendingDelivery !== null && (
        <div class="small">
          {c.pendingDelivery.failed ? 'delivery failing' : 'delivery pending'} to {c.pendingDelivery.targets.join(', ')} since{' '}
          <Time iso={c.pendingDelivery.since} />
        </div>
      )}
    </>
  );
}

export function renderAccountPage(ctx: PageContext, data: PageData, account: AccountView, q: string): string {
  const terms = searchTerms(q);
  const shown = account.clients.filter((c) => matches(searchText(c), terms)).length;
  const readAt = data.snapshot?.readAt;
  return renderDocument(
    <Layout ctx={ctx} title={account.account} current="accounts">
      <p class="small">
        <a href="/">All accounts</a>
      </p>
      <h1>{`Account ${account.account}`}</h1>
      <RunNotice data={data} ctx={ctx} />
      <p>
        <AccountBadge state={account.state} /> {account.reason}
      </p>
      <p class="meta">
        {`${account.clientsUsed} of ${account.clientLimit} clients used; declared in `}
        <code>{account.file}</code>
        {readAt !== undefined && (
          <>
            {'; data read at '}
            <Time iso={readAt} />
          </>
        )}
        .
      </p>
      {account.problems.length > 0 && (
        <section aria-labelledby="problems">
          <h2 id="problems">{`Problems in ${account.file} (${account.problems.length})`}</h2>
          <ul class="problems">
            {account.problems.map((p) => (
              <li>
                <code>{`${p.file}:${p.line}:${p.column}`}</code> {`${p.severity} [${p.rule}] ${p.message}`}
              </li>
            ))}
          </ul>
        </section>
      )}
      <h2 id="clients-heading">Clients</h2>
      {account.clients.length === 0 ? (
        <p>No clients.</p>
      ) : (
        <>
          <SearchBox table="clients" label="Search clients" q={q} />
          <table id="clients" class="cards">
            <caption id="clients-count" aria-live="polite">{`${shown} of ${account.clients.length} shown`}</caption>
            <thead>
              <tr>
                <th scope="col">Client ID</th>
                <th scope="col">Display Name</th>
                <th scope="col">Description</th>
                <th scope="col">Capability Types</th>
                <th scope="col">Scopes</th>
                <th scope="col">State</th>
                <th scope="col">Secret rotation</th>
                <th scope="col">Last changed by</th>
              </tr>
            </thead>
            <tbody>
              {account.clients.map((c) => (
                <tr data-search={searchText(c)} hidden={!matches(searchText(c), terms)} data-client={c.clientId}>
                  <td data-label="Client ID">
                    <code>{c.clientId}</code>
                  </td>
                  <td data-label="Display Name">
                    {c.accessUrl === '' ? c.displayName || c.clientId : <MaybeLink url={c.accessUrl}>{c.displayName || c.clientId}</MaybeLink>}
                    {c.accessUrl !== '' && <div class="small">{c.accessUrl}</div>}
                  </td>
                  <td data-label="Description">{c.description}</td>
                  <td data-label="Capability Types">{c.capabilities.join(', ')}</td>
                  <td data-label="Scopes">{c.scopes.join(', ')}</td>
                  <td data-label="State">
                    <StateCell c={c} />
                  </td>
                  <td data-label="Secret rotation">
                    <RotationCell c={c} />
                  </td>
                  <td data-label="Last changed by">
                    <Revision revision={c.revision} ctx={ctx} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <p class="small">
        {'Secrets are never shown here. '}
        {ctx.viewer?.operator ? (
          <>
            An operator reads one with <code>clientsync secret get CLIENT_ID</code> where the daemon’s Keycloak credentials are.
          </>
        ) : (
          'Ask an operator, or use the secret delivery your platform set up.'
        )}{' '}
        {`${plural(account.clients.length, 'client')} listed.`}
      </p>
    </Layout>,
  );
}
