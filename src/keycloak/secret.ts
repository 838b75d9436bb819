// A client secret wrapped so that it cannot leak by accident: printing, logging, JSON or
// string interpolation all show "[REDACTED]". Only `reveal()` gives the value, and only the
// secret sink and `clientsync secret get` call it.
import { inspect } from 'node:util';

export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return '[REDACTED]';
  }

  toJSON(): string {
    return '[REDACTED]';
  }

  [inspect.custom](): string {
    return 'Secret([REDACTED])';
  }
}
