import type { ValidationResult } from '../config/validate-repository.js';
import type { ErrorKind } from '../model/errors.js';

/** clientsync.yaml is missing or invalid: nothing may be planned, let alone applied. */
export class SettingsInvalidError extends Error {
  override readonly name = 'SettingsInvalidError';
  readonly kind = 'invalid-settings' satisfies ErrorKind;
  /** `outcome` says what the command did not do ('nothing was listed' for `list`). */
  constructor(
    readonly validation: ValidationResult,
    outcome = 'nothing was planned',
  ) {
    super(`clientsync.yaml is missing or invalid: ${outcome}`);
  }
}
