import { describe, expect, it } from 'vitest';
import type { Plan } from '../model/plan.js';
import { goldenPlan } from '../../test/support/golden-fixture.js';
import { renderText } from './render-text.js';
import { account, desired, live, liveClient, plan, spec } from '../../test/support/plan-builders.js';

const ESC = '\u001b';

describe('revision with uncommitted edits (#12.16)', () => {
  it('says the plan is not of a commit', () => {
    const text = renderText({ ...plan(desired([]), live([])), revision: `${'a'.repeat(40)}+dirty` });
    expect(text).toContain(`at revision ${'a'.repeat(40)}+dirty`);
    expect(text).toMatch(/uncommitted changes in clientsync\.yaml or clients\//);
    expect(renderText({ ...plan(desired([]), live([])), revision: 'a'.repeat(40) })).not.toMatch(/uncommitted/);
  });
});

describe('renderText', () => {
  it('shows a header, one line per change with its symbol, field diffs and the summary', () => {
    const text = renderText(goldenPlan());
    expect(text.split('\n')[0]).toBe('Plan for realm insights at revision 3f2c1e0a9b8d7c6f5e4d3c2b1a0f9e8d7c6b5a49');
    expect(text).toContain('\n+ create acme_new (account acme)\n');
    expect(text).toContain('\n~ update acme_reporting (account acme)\n');
    expect(text).toContain('\n- delete gamma_stale (account gamma)\n');
    expect(text).toContain('\n↻ rotate acme_reporting (account acme)\n');
    expect(text).toContain('\n* adopt  acme_legacy (account acme)\n');
    expect(text).toContain('\n    webOrigins: (none) → [+]\n');
    expect(text).toContain('\n    description: "made in 2019" → (none)\n');
    expect(text).toContain('Plan: 2 to create, 1 to update, 2 to delete, 1 to rotate, 1 to adopt.\n');
    expect(text.endsWith('\n')).toBe(true);
  });

  it('says so when there is nothing to do', () => {
    const text = renderText(plan(desired([account('acme', [spec('acme_a')])]), live([liveClient('acme_a')]), { revision: null }));
    expect(text).toBe('Plan for realm insights (no git revision)\n\nNo changes. Keycloak matches git.\n');
  });

  it('does not claim Keycloak matches git when an account was skipped or a notice withheld deletes', () => {
    const text = renderText(plan(desired([]), live([liveClient('acme_a')])));
    expect(text).not.toContain('Keycloak matches git');
    expect(text).toContain('Notices:\n  ! No account files were found');
    expect(text).toContain('--allow-empty');
    expect(text).toContain('No changes to apply.\nAttention: 1 notice; see above.\n');
  });

  it('uses ANSI colours only when asked', () => {
    expect(renderText(goldenPlan())).not.toContain(ESC);
    expect(renderText(goldenPlan(), { color: false })).not.toContain(ESC);
    const coloured = renderText(goldenPlan(), { color: true });
    expect(coloured).toContain(`${ESC}[32m+ create${ESC}[0m acme_new`);
    expect(coloured).toContain(`${ESC}[31m- delete${ESC}[0m gamma_stale`);
    expect(coloured.replace(new RegExp(`${ESC}\\[[0-9;]*m`, 'g'), '')).toBe(renderText(goldenPlan()));
  });

  it('escapes control and bidi characters from YAML so they cannot drive the terminal', () => {
    const hostile = plan(
      desired([account('acme', [spec('acme_a', { displayName: `evil${ESC}[2J\u202etxt.exe`, description: 'a\u0085b' })])]),
      live([]),
    );
    const text = renderText(hostile);
    for (const ch of [ESC, '\u202e', '\u0085']) expect(text).not.toContain(ch);
    expect(text).toContain('displayName: (none) → "evil\\u001b[2J\\u202etxt.exe"');
    expect(text).toContain('description: (none) → "a\\u0085b"');
  });

  it('quotes strings that could be mistaken for the empty marker or a list', () => {
    const tricky: Plan = plan(
      desired([account('acme', [spec('acme_a', { displayName: '(none)', redirectUris: ['https://a.example/x, y'] })])]),
      live([]),
    );
    const text = renderText(tricky);
    expect(text).toContain('displayName: (none) → "(none)"');
    expect(text).toContain('redirectUris: (none) → ["https://a.example/x, y"]');
  });
});
