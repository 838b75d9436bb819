// Delivery targets for the applier's tests: keep what they receive, can be made to fail, and can
// run a check at the moment of delivery. Test-only code (under test/, so never in the build).
import type { DeliveryReceipt, DeliveryTarget, SecretDelivery, SecretSink } from '../../src/apply/secret-sink.js';

export class RecordingTarget implements DeliveryTarget {
  readonly kind = 'command';
  readonly received: SecretDelivery[] = [];
  /** clientIds whose deletion the target was told of. */
  readonly forgotten: string[] = [];
  /** When set, deliver() rejects with it (after running onDeliver). */
  failure: unknown = undefined;
  onDeliver: (delivery: SecretDelivery) => void = () => {};

  constructor(readonly name = 'recorder') {}

  deliver(delivery: SecretDelivery): Promise<DeliveryReceipt> {
    this.onDeliver(delivery);
    if (this.failure !== undefined) return Promise.reject(this.failure);
    this.received.push(delivery);
    return Promise.resolve({ output: '' });
  }

  forget(clientId: string): Promise<void> {
    this.forgotten.push(clientId);
    return Promise.resolve();
  }
}

/** A sink of one recording target (itself), for tests that need just one. */
export class RecordingSink extends RecordingTarget implements SecretSink {
  get targets(): readonly DeliveryTarget[] {
    return [this];
  }
}

export function sinkOf(...targets: DeliveryTarget[]): SecretSink {
  return { targets };
}
