// CLI dispatcher: picks the command, prints help, and is the one boundary where errors become
// exit codes (through failure.ts). Nothing below it calls process.exit.
import { type CliIo, type Command, EXIT_OK, EXIT_USAGE } from './command.js';
import { reportError } from './failure.js';

/**
 * The commands, each loaded only when it runs: `clientsync validate` should not pay for
 * loading the Keycloak client, the daemon or the emulator (about half a second).
 */
interface CommandEntry {
  readonly name: string;
  /** One line for the overview of `clientsync --help`. */
  readonly summary: string;
  load(): Promise<Command>;
}

const commands: readonly CommandEntry[] = [
  { name: 'validate', summary: 'check clientsync.yaml and clients/*.yaml; report every problem with its line', load: async () => (await import('./validate.js')).validateCommand },
  { name: 'plan', summary: 'show what apply would change in Keycloak (reads only)', load: async () => (await import('./plan.js')).planCommand },
  { name: 'apply', summary: 'make Keycloak match git: create, update, rotate, delete', load: async () => (await import('./apply.js')).applyCommand },
  { name: 'list', summary: 'list the declared API clients (--live: compared with Keycloak)', load: async () => (await import('./list.js')).listCommand },
  { name: 'export', summary: "write an account file for an account's existing Keycloak clients", load: async () => (await import('./export.js')).exportCommand },
  { name: 'secret', summary: "print a client's current secret (secret get), or send it to the delivery targets (secret deliver)", load: async () => (await import('./secret.js')).secretCommand },
  { name: 'daemon', summary: 'keep Keycloak in line with git: scheduled and webhook-triggered sync with status and metrics', load: async () => (await import('./daemon.js')).daemonCommand },
  {
    name: 'emulator',
    summary: 'run a Keycloak emulator for tests and local trials (in-memory, never for production)',
    // The emulator is a separate package, absent from production installs: say so, not a stack.
    load: async () => {
      await (await import('./load-emulator.js')).loadEmulator();
      return (await import('./emulator.js')).emulatorCommand;
    },
  },
];

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
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    cliIo.stderr.write(`clientsync: unknown command '${name}'; run 'clientsync --help' for the list\n`);
    return EXIT_USAGE;
  }
  let command: Command;
  try {
    command = await entry.load();
  } catch (error) {
    return reportError(name, error, cliIo);
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    cliIo.stdout.write(command.help.endsWith('\n') ? command.help : `${command.help}\n`);
    return EXIT_OK;
  }
  try {
    return await command.run(rest, cliIo);
  } catch (error) {
    return reportError(name, error, cliIo);
  }
}
