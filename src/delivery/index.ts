// delivery/: getting new client secrets to the teams (docs/design.md, "Apply"; docs/secrets.md).
//
// Invariants:
// - Targets are configured where clientsync runs (--secret-delivery FILE or
//   CLIENTSYNC_SECRET_DELIVERY), never in the repository: a command there would run with the
//   daemon's identity on anybody's merge. The file is checked whole before anything happens.
// - Commands run as argument vectors, never through a shell, with PATH, HOME and the listed
//   variables only, and are killed with their process group at their time limit.
// - At least once: what a client still owes which target is kept on the client in Keycloak
//   (pending.ts, pure); a target leaves the marker only after it took the secret.
// - No secret anywhere else: a command's output is scrubbed of the secret and cut before it is
//   kept; errors name the target and the exit code.
import { combineSinks, FileSecretSink, parseSecretSink, type SecretSink } from '../apply/secret-sink.js';
import { CommandTarget } from './command-target.js';
import { readDeliveryFile, type DeliveryConfig } from './delivery-file.js';

export { CommandTarget, DeliveryCommandError, excerpt, scrubberFor } from './command-target.js';
export { parseDeliveryFile, readDeliveryFile, type DeliveryConfig, type TargetSpec } from './delivery-file.js';
export * from './pending.js';

export const DELIVERY_ENV = 'CLIENTSYNC_SECRET_DELIVERY';

export function sinkFromConfig(config: DeliveryConfig, environment: Readonly<Record<string, string | undefined>>): SecretSink {
  return {
    targets: config.targets.map((t) => (t.kind === 'command' ? new CommandTarget(t, environment) : new FileSecretSink(t.name, t.directory))),
  };
}

/**
 * The sink of a command: --secret-delivery FILE (else CLIENTSYNC_SECRET_DELIVERY) and/or the
 * --secret-sink shorthand. Throws UsageError for a bad flag or file (nothing has happened yet).
 */
export async function loadSecretSink(options: {
  readonly deliveryFile: string | undefined;
  readonly secretSink: string | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
}): Promise<SecretSink> {
  const shorthand = parseSecretSink(options.secretSink);
  const path = options.deliveryFile ?? (options.env[DELIVERY_ENV] === '' ? undefined : options.env[DELIVERY_ENV]);
  if (path === undefined) return shorthand;
  const config = await readDeliveryFile(path);
  return combineSinks(sinkFromConfig(config, options.env), shorthand);
}
