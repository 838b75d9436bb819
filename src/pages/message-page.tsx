// Short pages for refusals and errors (403, 404, pages off, sign-in failed, signed out): they
// say why and offer one link; they never redirect by themselves, so no loop can form.
import { Layout, renderDocument, type PageContext } from './layout.js';

export interface Message {
  readonly title: string;
  readonly text: string;
  readonly link?: { readonly href: string; readonly label: string };
}

export function renderMessagePage(ctx: PageContext, message: Message): string {
  return renderDocument(
    <Layout ctx={ctx} title={message.title}>
      <h1>{message.title}</h1>
      <p>{message.text}</p>
      {message.link && (
        <p>
          <a href={message.link.href}>{message.link.label}</a>
        </p>
      )}
    </Layout>,
  );
}
