import { requestErrors } from './errors/request.ts';
import { peopleErrors } from './errors/people.ts';
import { learningErrors } from './errors/learning.ts';
import { staffErrors } from './errors/staff.ts';
import { syncErrors } from './errors/sync.ts';
import { setupErrors } from './errors/setup.ts';
import { reportErrors } from './errors/reports.ts';
import { certificateErrors } from './errors/certificate.ts';

/**
 * The one catalogue of error codes, kept by subject in shared/errors/ (a new code goes in its subject's file). The server answers `{ code, message, details }`; the web app
 * shows its own Vietnamese text for each code (web/src/lib/i18n), so codes never change meaning.
 */
export const errorCatalogue = {
  ...requestErrors,
  ...peopleErrors,
  ...learningErrors,
  ...staffErrors,
  ...syncErrors,
  ...setupErrors,
  ...reportErrors,
  ...certificateErrors,
} as const;

export type ErrorCode = keyof typeof errorCatalogue;
export type ErrorDetails = Record<string, unknown>;

/** The JSON body of every error answer. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: ErrorDetails;
}

/** An error with a stable code; thrown by services, mapped to an answer in one place. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails | undefined;
  constructor(code: ErrorCode, details?: ErrorDetails) {
    const entry = errorCatalogue[code];
    super((entry.message as (d: ErrorDetails) => string)(details ?? {}));
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
  get status(): number {
    return errorCatalogue[this.code].status;
  }
  toBody(): ErrorBody {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(errorCatalogue, code);
}
