// A secret sink for the applier's tests: keeps what it receives, can be made to fail, and can
// run a check at the moment of delivery. Test-only code (under test/, so never in the build).
import type { SecretDelivery, SecretSink } from '../../src/apply/secret-sink.js';

export class RecordingSink implements SecretSink {
  readonly kind = 'file';
  readonly received: SecretDelivery[] = [];
  /** When set, deliver() rejects with it (after running onDeliver). */
  failure: unknown = undefined;
  onDeliver: (delivery: SecretDelivery) => void = () => {};

  deliver(delivery: SecretDelivery): Promise<void> {
    this.onDeliver(delivery);
    if (this.failure !== undefined) return Promise.reject(this.failure);
    this.received.push(delivery);
    return Promise.resolve();
  }
}
