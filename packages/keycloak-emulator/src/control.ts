// The emulator's own endpoints under /_emulator/ (README.md, "Faults and counters"). They are never subject to
// injected faults and never counted.
//   GET  /_emulator/faults   current settings
//   PUT  /_emulator/faults   change any subset; 400 with every problem when the input is bad
//   GET  /_emulator/stats    {"requests":{"total":N,"byRoute":{...}},"faults":{...}}
//   POST /_emulator/reset    zeroes the counters
import { KeycloakError } from './errors.js';
import { faultProblems, mergeFaults, type Faults } from './faults.js';
import { noContent, ok, type Reply, type Request } from './http-io.js';
import { parseJson, toPlain } from './json-reader.js';
import type { Router } from './router.js';
import type { EmulatorState } from './state.js';

export type ControlHandler = (state: EmulatorState, req: Request) => Reply;

export function addControlRoutes(router: Router<ControlHandler>): void {
  router
    .add('GET', '/_emulator/faults', (state) => ok(state.faults))
    .add('PUT', '/_emulator/faults', putFaults)
    .add('GET', '/_emulator/stats', (state) => ok(state.counters.snapshot()))
    .add('POST', '/_emulator/reset', (state) => {
      state.counters.reset();
      return noContent();
    });
}

function invalid(description: string): KeycloakError {
  return new KeycloakError(400, { error: 'invalid_faults', error_description: description });
}

function putFaults(state: EmulatorState, req: Request): Reply {
  let input: unknown;
  try {
    input = toPlain(parseJson(req.body.toString('utf8')));
  } catch {
    throw invalid('the body must be JSON, e.g. {"errorRate": 0.1}');
  }
  const problems = faultProblems(input);
  if (problems.length > 0) throw invalid(problems.join('; '));
  state.faults = mergeFaults(state.faults, input as Partial<Faults>);
  return ok(state.faults);
}
