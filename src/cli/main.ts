// CLI dispatcher: picks the command, prints help, and is the one boundary that maps errors to
// exit codes. Nothing below it calls process.exit.
import { type CliIo, type Command, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError } from './command.js';
import { KeycloakRefusedError, KeycloakUnavailableError } from '../model/errors.js';
import { SettingsInvalidError } from '../sync/sync-plan.js';
import { formatText } from './format-problems.js';
import { applyCommand } from './apply.js';
import { exportCommand } from './export.js';
import { listCommand } from './list.js';
import { planCommand } from './plan.js';
import { secretCommand } from './secret.js';
import { validateCommand } from './validate.js';
import { emulatorCommand } from './emulator.js';
import { daemonCommand } from './daemon.js';

const commands: readonly Command[] = [validateCommand, planCommand, applyCommand, listCommand, exportCommand, secretCommand, daemonCommand, emulatorCommand];

function overview(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'clientsync: manage Keycloak OAuth/OIDC clients from YAML in git.',
    '',
    'Usage: clientsync <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    "Run 'clientsync <command> --help' for a command's options.",
    '',
  ].join('\n');
}

export async function main(argv: readonly string[], io?: CliIo): Promise<number> {
  const cliIo: CliIo = io ?? {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
  };
  const [name, ...rest] = argv;
  if (name === undefined) {
    cliIo.stderr.write(overview());
    return EXIT_USAGE;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    cliIo.stdout.write(overview());
    return EXIT_OK;
  }
  if (name === '--version' || name === '-v') {
    cliIo.stdout.write('clientsync 0.1.0\n');
    return EXIT_OK;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    cliIo.stderr.write(`clientsync: unknown command '${name}'; run 'clientsync --help' for the list\n`);
    return EXIT_USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    cliIo.stdout.write(command.help.endsWith('\n') ? command.help : `${command.help}\n`);
    return EXIT_OK;
  }
  try {
    return await command.run(rest, cliIo);
  } catch (error) {
    if (error instanceof UsageError) {
      cliIo.stderr.write(`clientsync ${name}: ${error.message}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof SettingsInvalidError) {
      const v = error.validation;
      cliIo.stderr.write(formatText({ problems: v.problems, fileCount: v.fileCount, clientCount: v.clientCount }));
      cliIo.stderr.write(`clientsync ${name}: ${error.message}\n`);
      return EXIT_FAILURE;
    }
    if (error instanceof KeycloakUnavailableError || error instanceof KeycloakRefusedError) {
      cliIo.stderr.write(`clientsync ${name}: ${error.message}\n`);
      return EXIT_FAILURE;
    }
    // Our bug or an unexpected failure: one line, no stack unless asked for.
    const message = error instanceof Error ? error.message : String(error);
    cliIo.stderr.write(`clientsync ${name}: unexpected error: ${message}\n`);
    if (cliIo.env['CLIENTSYNC_DEBUG'] && error instanceof Error && error.stack) cliIo.stderr.write(`${error.stack}\n`);
    return EXIT_FAILURE;
  }
}
