// The frame every page shares: skip link, header with navigation and who is signed in, main.
// Rendered to a string on the server; preact escapes every text and attribute value.
import type { ComponentChildren, VNode } from 'preact';
import { render } from 'preact-render-to-string';
import type { Viewer } from './access.js';
import { safeHref, shortRevision, timeText } from './format.js';

export interface PageContext {
  /** Null on pages shown to someone not signed in (errors, signed out). */
  readonly viewer: Viewer | null;
  /** Sign-in is on: the header offers "Sign out". */
  readonly signIn: boolean;
  readonly commitUrl: (revision: string) => string | null;
}

export function renderDocument(node: VNode): string {
  return `<!doctype html>\n${render(node)}`;
}

export function Layout(props: { readonly ctx: PageContext; readonly title: string; readonly current?: 'accounts' | 'runs'; readonly children: ComponentChildren }) {
  const { viewer, signIn } = props.ctx;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · API Clients`}</title>
        <link rel="stylesheet" href="/assets/pages.css" />
        <script src="/assets/filter.js" defer></script>
      </head>
      <body>
        <a class="skip" href="#main">Skip to content</a>
        <header class="top">
          <a class="brand" href="/">API Clients</a>
          {viewer !== null && (
            <nav aria-label="Main">
              <ul>
                <li>
                  <a href="/" aria-current={props.current === 'accounts' ? 'page' : undefined}>Accounts</a>
                </li>
                {viewer.operator && (
                  <li>
                    <a href="/runs" aria-current={props.current === 'runs' ? 'page' : undefined}>Runs</a>
                  </li>
                )}
              </ul>
            </nav>
          )}
          {viewer !== null && (
            <div class="who">
              <span>{viewer.name}</span>
              {signIn && (
                <form method="post" action="/logout">
                  <button type="submit">Sign out</button>
                </form>
              )}
            </div>
          )}
        </header>
        <main id="main" tabindex={-1}>
          {props.children}
        </main>
      </body>
    </html>
  );
}

export function Time(props: { readonly iso: string }) {
  return <time datetime={props.iso}>{timeText(props.iso)}</time>;
}

export function Revision(props: { readonly revision: string | null; readonly ctx: PageContext }) {
  if (props.revision === null) return <span class="small">none</span>;
  const href = props.ctx.commitUrl(props.revision);
  const text = <code>{shortRevision(props.revision)}</code>;
  return href === null ? text : <a href={href} title={`commit ${props.revision}`}>{text}</a>;
}

/** A link only for http(s) URLs; javascript:, data: and anything else stay plain text. */
export function MaybeLink(props: { readonly url: string; readonly children: ComponentChildren }) {
  const href = safeHref(props.url);
  return href === null ? <span>{props.children}</span> : <a href={href} rel="noopener noreferrer">{props.children}</a>;
}

export type Tone = 'ok' | 'warn' | 'bad' | 'info';

export function Badge(props: { readonly tone: Tone; readonly children: ComponentChildren }) {
  return <span class={`badge ${props.tone}`}>{props.children}</span>;
}
