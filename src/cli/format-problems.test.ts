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
        'clients/acme.yaml:9:13: warning [rotate] scheduled: 100% | soon%0Anext\n' +
        '✗ invalid: 1 error, 1 warning (2 files checked, 3 valid clients)\n',
    );
  });
  it('text: a file name with a line break or a control character stays on its line, escaped as --format github does (#12.19)', () => {
    const odd: Problem = { file: 'clients/a\nclients/b.yaml:1:1: error [x] forged\r%.yml', line: 1, column: 1, rule: 'file-layout', severity: 'error', message: 'bad\u001b[2J' };
    const text = formatText({ problems: [odd], fileCount: 1, clientCount: 0 });
    expect(text.split('\n')).toHaveLength(3); // the problem, the summary, the final newline
    expect(text).toContain('clients/a%0Aclients/b.yaml:1:1: error [x] forged%0D%25.yml:1:1: error [file-layout] bad%1B[2J');
    const github = formatGithub({ problems: [odd], fileCount: 1, clientCount: 0 });
    expect(github).toContain('file=clients/a%0Aclients/b.yaml%3A1%3A1%3A error [x] forged%0D%25.yml');
    expect(github).toContain('::bad%1B[2J\n');
    expect(formatGithub({ problems: [{ ...odd, file: 'clients/e\u001bvil.yaml' }], fileCount: 1, clientCount: 0 })).toContain('file=clients/e%1Bvil.yaml,');
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    expect(github).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
    expect(github).toContain('(1 error, 0 warnings)');
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
