// `clientsync validate`: checks clientsync.yaml and every clients/*.yaml, reports all problems.
import { appendFile, stat } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import { loadRepository } from '../config/index.js';
import { choice, type CliIo, type Command, EXIT_FAILURE, EXIT_OK, parseFlags, UsageError } from './command.js';
import { formatGithub, formatGithubSummary, formatJson, formatText, type ProblemFormat } from './format-problems.js';

const FORMATS: readonly ProblemFormat[] = ['text', 'json', 'github'];

const help = `Usage: clientsync validate [--dir DIR] [--format text|json|github]

Checks clientsync.yaml and every clients/<accountId>.yaml against the JSON Schemas in
schemas/ and the rules in clients/README.md, and reports every problem with its file,
line and column. Reads files only; never contacts Keycloak.

Options:
  --dir DIR        the folder that holds clientsync.yaml and clients/ (default: .)
  --format FORMAT  text (default): file:line:col: severity [rule] message
                   json: {"ok": bool, "problems": [...]}, sorted by file, line, column
                   github: GitHub Actions annotations, plus a table of all problems in
                   the job summary ($GITHUB_STEP_SUMMARY) when that is set
  -h, --help       show this help

Exit codes: 0 valid (warnings allowed), 1 invalid, 64 bad usage.
`;

export async function resolveDir(io: CliIo, command: string, value: string | boolean | undefined): Promise<string> {
  const dir = resolve(io.cwd, typeof value === 'string' ? value : '.');
  let info;
  try {
    info = await stat(dir);
  } catch {
    throw new UsageError(`--dir ${String(value ?? '.')}: no such folder; pass the folder that holds clientsync.yaml (see 'clientsync ${command} --help')`);
  }
  if (!info.isDirectory()) throw new UsageError(`--dir ${String(value)}: not a folder; pass the folder that holds clientsync.yaml`);
  return dir;
}

/** Where the validated folder sits inside the GitHub workspace, so annotations land on the right files. */
function workspacePrefix(io: CliIo, dir: string): string {
  const workspace = io.env['GITHUB_WORKSPACE'];
  if (!workspace) return '';
  const rel = relative(resolve(workspace), dir);
  if (rel === '' || rel.startsWith('..')) return '';
  return `${rel.split(sep).join('/')}/`;
}

export const validateCommand: Command = {
  name: 'validate',
  help,
  async run(argv, io) {
    const { values } = parseFlags('validate', argv, {
      dir: { type: 'string' },
      format: { type: 'string' },
    });
    const format = choice('validate', 'format', values['format'], FORMATS, 'text');
    const dir = await resolveDir(io, 'validate', values['dir']);
    const result = await loadRepository(dir, new Date());
    const report = { problems: result.problems, fileCount: result.fileCount, clientCount: result.clientCount };
    if (format === 'json') io.stdout.write(formatJson(report));
    else if (format === 'github') {
      const prefix = workspacePrefix(io, dir);
      io.stdout.write(formatGithub(report, prefix));
      const summaryFile = io.env['GITHUB_STEP_SUMMARY'];
      if (summaryFile) await appendFile(summaryFile, formatGithubSummary(report, prefix));
    } else io.stdout.write(formatText(report));
    return result.problems.some((p) => p.severity === 'error') ? EXIT_FAILURE : EXIT_OK;
  },
};
