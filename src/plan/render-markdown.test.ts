import { describe, expect, it } from 'vitest';
import { goldenPlan } from '../../test/support/golden-fixture.js';
import { PLAN_COMMENT_MARKER, renderMarkdown } from './render-markdown.js';
import { account, desired, invalidAccount, live, liveClient, plan, spec, unmanaged } from '../../test/support/plan-builders.js';

describe('renderMarkdown', () => {
  it('starts with the hidden marker a workflow looks for, then a heading and the summary table', () => {
    const md = renderMarkdown(goldenPlan());
    const lines = md.split('\n');
    expect(lines[0]).toBe(PLAN_COMMENT_MARKER);
    expect(PLAN_COMMENT_MARKER).toBe('<!-- clientsync-plan -->');
    expect(lines[1]).toBe('## clientsync plan');
    expect(md).toContain('| + create | ~ update | - delete | ↻ rotate | * adopt |\n| ---: |');
    expect(md).toContain('| 2 | 1 | 2 | 1 | 1 |');
  });

  it('has a section per account with changes, and field tables', () => {
    const md = renderMarkdown(goldenPlan());
    expect(md).toContain('### Account `acme`');
    expect(md).toContain('### Account `gamma`');
    expect(md).not.toContain('### Account `delta`');
    expect(md).toContain('| webOrigins | _(none)_ | `+` |');
  });

  it('shows skipped accounts and conflicts as warnings and notices as important', () => {
    const skipped = renderMarkdown(
      plan(desired([invalidAccount('beta', 1), account('acme', [spec('acme_x')])]), live([unmanaged('acme_x')])),
    );
    expect(skipped).toContain('> [!WARNING]\n> **Skipped accounts.**');
    expect(skipped).toContain('> - `beta`: `clients/beta.yaml` has 1 problem');
    expect(skipped).toContain('> [!WARNING]\n> **Conflicts.**');
    expect(skipped).toContain('No changes to apply.');
    const guarded = renderMarkdown(plan(desired([]), live([liveClient('acme_a')])));
    expect(guarded).toContain('> [!IMPORTANT]\n> No account files were found');
  });

  it('says there is nothing to do on an empty plan', () => {
    const md = renderMarkdown(plan(desired([account('acme', [])]), live([])));
    expect(md).toContain('\n\nNo changes. Keycloak matches git.\n');
  });

  it('keeps user text from breaking tables, code spans, HTML or mentions', () => {
    const md = renderMarkdown(
      plan(
        desired([
          account('acme', [
            spec('acme_a', {
              displayName: '`` | </td><script>alert(1)</script> @org/team',
              description: 'line one\nline two',
            }),
          ]),
        ]),
        live([]),
      ),
    );
    const row = md.split('\n').find((l) => l.startsWith('| displayName'));
    // Three backticks fence a value holding a run of two; the pipe is escaped for the table.
    expect(row).toBe('| displayName | _(none)_ | ``` `` \\| </td><script>alert(1)</script> @org/team ``` |');
    expect(md).toContain('| description | _(none)_ | `line one\\nline two` |');
  });

  it('escapes markdown in sentences that embed user text', () => {
    const md = renderMarkdown(
      plan(desired([account('acme', [spec('acme_a', { rotate: '<b>*soon*</b> | @all' })])]), live([])),
    );
    const line = md.split('\n').find((l) => l.startsWith('> - `acme_a`'));
    expect(line).toContain('\\<b\\>\\*soon\\*\\</b\\> \\| \\@all');
  });
});
