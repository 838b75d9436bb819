import { describe, expect, it } from 'vitest';
import type { Problem } from '../model/problem.js';
import { formatGithub, formatGithubSummary, formatJson, formatText } from './format-problems.js';

const problems: Problem[] = [
  { file: 'clients/acme.yaml', line: 4, column: 19, rule: 'url', severity: 'error', message: "redirectUris: 'http://a.example' uses http://, see: docs" },
  { file: 'clients/acme.yaml', line: 9, column: 13, rule: 'rotate', severity: 'warning', message: 'scheduled: 100% | soon\nnext' },
];
const report = { problems, fileCount: 2, clientCount: 3 };

describe('problem formats', () => {
  it('text: file:line:col: severity [rule] message, then a summary', () => {
    expect(formatText(report)).toBe(
      "clients/acme.yaml:4:19: error [url] redirectUris: 'http://a.example' uses http://, see: docs\n" +
        'clients/acme.yaml:9:13: warning [rotate] scheduled: 100% | soon\nnext\n' +
        '✗ invalid: 1 error, 1 warning (2 files checked, 3 valid clients)\n',
    );
  });
  it('text: a clean run says so', () => {
    expect(formatText({ problems: [], fileCount: 4, clientCount: 6 })).toBe('✓ valid: 4 files checked, 6 valid clients, no problems\n');
  });
  it('json: ok and problems', () => {
    const doc = JSON.parse(formatJson(report));
    expect(doc.ok).toBe(false);
    expect(doc.problems[0]).toEqual({ file: 'clients/acme.yaml', line: 4, column: 19, rule: 'url', severity: 'error', message: problems[0]!.message });
    expect(JSON.parse(formatJson({ ...report, problems: [problems[1]!] })).ok).toBe(true);
  });
  it('github: escaped workflow commands and a closing count', () => {
    const lines = formatGithub(report, 'repo/').trimEnd().split('\n');
    expect(lines[0]).toBe("::error file=repo/clients/acme.yaml,line=4,col=19,title=url::redirectUris: 'http://a.example' uses http://, see: docs");
    expect(lines[1]).toBe('::warning file=repo/clients/acme.yaml,line=9,col=13,title=rotate::scheduled: 100%25 | soon%0Anext');
    expect(lines[2]).toContain('All 2 problems');
  });
  it('github summary: a table with every problem, pipes escaped', () => {
    const md = formatGithubSummary(report);
    expect(md).toContain('| clients/acme.yaml | 4 | 19 | error | url |');
    expect(md).toContain('scheduled: 100% \\| soon next');
  });
});
