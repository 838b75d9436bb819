// Renderers for validation problems: text for people, json for tools, github for Actions
// (workflow commands plus a job-summary table, since GitHub shows only 10 annotations of each
// severity per step and drops the rest silently). Pure: they return strings.
import type { Problem } from '../model/problem.js';
import { plural } from '../shared/plural.js';

export type ProblemFormat = 'text' | 'json' | 'github';

export interface ProblemReport {
  readonly problems: readonly Problem[];
  readonly fileCount: number;
  readonly clientCount: number;
}

export function summaryLine(report: ProblemReport): string {
  const errors = report.problems.filter((p) => p.severity === 'error').length;
  const warnings = report.problems.length - errors;
  const checked = `${plural(report.fileCount, 'file')} checked, ${plural(report.clientCount, 'valid client')}`;
  if (errors === 0 && warnings === 0) return `✓ valid: ${checked}, no problems`;
  const verdict = errors === 0 ? '✓ valid' : '✗ invalid';
  return `${verdict}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')} (${checked})`;
}

/**
 * One problem per line, whatever a file name holds: a file may be named with a line break (a
 * forged second problem) or a terminal escape. The file is escaped as GitHub's workflow commands
 * escape data (% → %25, CR → %0D, LF → %0A; other control characters likewise as %XX); in
 * messages, which quote '%' legitimately ("encode a space as %20"), only control characters.
 */
function escapeControls(text: string): string {
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  return text.replace(/[\u0000-\u001f\u007f]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
function escapeTextFile(text: string): string {
  return escapeControls(text.replace(/%/g, '%25'));
}

export function formatText(report: ProblemReport): string {
  const lines = report.problems.map((p) => `${escapeTextFile(p.file)}:${p.line}:${p.column}: ${p.severity} [${p.rule}] ${escapeControls(p.message)}`);
  lines.push(summaryLine(report));
  return `${lines.join('\n')}\n`;
}

export function formatJson(report: ProblemReport): string {
  const ok = !report.problems.some((p) => p.severity === 'error');
  const problems = report.problems.map((p) => ({
    file: p.file,
    line: p.line,
    column: p.column,
    rule: p.rule,
    severity: p.severity,
    message: p.message,
  }));
  return `${JSON.stringify({ ok, problems }, null, 2)}\n`;
}

/**
 * Escaping of GitHub workflow command data and property values: % → %25, CR → %0D, LF → %0A as
 * GitHub unescapes them, and every other control character as %XX too, so a terminal escape in
 * a file name or a quoted value never reaches the Actions log raw (as in the text format).
 */
function escapeData(text: string): string {
  return escapeTextFile(text);
}
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** `prefix` is the path of the validated folder inside the repository ('' at its root). */
export function formatGithub(report: ProblemReport, prefix = ''): string {
  const lines = report.problems.map((p) => {
    const command = p.severity === 'error' ? 'error' : 'warning';
    const file = escapeProperty(`${prefix}${p.file}`);
    return `::${command} file=${file},line=${p.line},col=${p.column},title=${escapeProperty(p.rule)}::${escapeData(p.message)}`;
  });
  const errors = report.problems.filter((p) => p.severity === 'error').length;
  const warnings = report.problems.length - errors;
  lines.push(
    report.problems.length === 0
      ? summaryLine(report)
      : `${summaryLine(report)}. All ${plural(report.problems.length, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}) are listed above and in the job summary; GitHub shows at most 10 annotations of each kind per step.`,
  );
  return `${lines.join('\n')}\n`;
}

function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r?\n/g, ' ');
}

/** Markdown for the GitHub job summary: every problem, in one table. */
export function formatGithubSummary(report: ProblemReport, prefix = ''): string {
  const out = ['## clientsync validate', '', summaryLine(report), ''];
  if (report.problems.length > 0) {
    out.push('| File | Line | Column | Severity | Rule | Message |', '| --- | ---: | ---: | --- | --- | --- |');
    for (const p of report.problems) {
      out.push(`| ${cell(`${prefix}${p.file}`)} | ${p.line} | ${p.column} | ${p.severity} | ${p.rule} | ${cell(p.message)} |`);
    }
    out.push('');
  }
  return `${out.join('\n')}\n`;
}
