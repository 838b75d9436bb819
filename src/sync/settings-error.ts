import type { ValidationResult } from '../config/validate-repository.js';
import type { ErrorKind } from '../model/errors.js';

/** clientsync.yaml is missing or invalid: nothing may be planned, let alone applied. */
export class SettingsInvalidError extends Error {
  override readonly name = 'SettingsInvalidError';
  readonly kind = 'invalid-settings' satisfies ErrorKind;
  constructor(readonly validation: ValidationResult) {
    super('clientsync.yaml is missing or invalid: nothing was planned');
  }
}
