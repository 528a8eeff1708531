// Domain errors are values: a stable code (kept in logs, tested) and a message in the user's language.
// The message is looked up from shared/i18n/messages.ts by code, so every host (Electron, HTTP, CLI)
// shows the same words.
import { errorMessage, type Lang } from '../i18n/messages';

export type FieldError = { path: string; code: string; message: string };

export type ApiErrorBody = {
  code: string;
  message: string;
  /** Per-field problems, so the UI can show each message next to its field. */
  fields?: FieldError[];
  /** Extra facts for the UI (e.g. suggestions for an unknown lot code). */
  details?: Record<string, unknown>;
};

/** HTTP status that fits each error family; the CLI maps the same families to exit codes. */
export const errorStatus: Record<string, number> = {
  VALIDATION: 400,
  UNKNOWN_METHOD: 404,
  NOT_FOUND: 404,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  METHOD_NOT_IN_APP: 403,
  CONFLICT: 409,
  DUPLICATE: 409,
  BAD_REQUEST: 400,
  PAYLOAD_TOO_LARGE: 413,
  INTERNAL: 500,
  DB_NOT_SQLITE: 500,
  DB_TOO_NEW: 500,
  DB_NOT_OURS: 500,
  DB_CORRUPT: 500,
};

export class AppError extends Error {
  readonly code: string;
  readonly params: Record<string, string | number>;
  readonly fields?: { path: string; code: string; params?: Record<string, string | number> }[];
  readonly details?: Record<string, unknown>;
  readonly status: number;

  constructor(
    code: string,
    params: Record<string, string | number> = {},
    opts: {
      fields?: { path: string; code: string; params?: Record<string, string | number> }[];
      details?: Record<string, unknown>;
      status?: number;
    } = {},
  ) {
    super(`${code} ${JSON.stringify(params)}`);
    this.name = 'AppError';
    this.code = code;
    this.params = params;
    this.fields = opts.fields;
    this.details = opts.details;
    this.status = opts.status ?? errorStatus[code] ?? 400;
  }

  toBody(lang: Lang): ApiErrorBody {
    const body: ApiErrorBody = { code: this.code, message: errorMessage(this.code, this.params, lang) };
    if (this.fields?.length) {
      body.fields = this.fields.map((f) => ({
        path: f.path,
        code: f.code,
        message: errorMessage(f.code, f.params ?? {}, lang),
      }));
      // The top message names the first field problem, so a CLI user sees what is wrong in one line.
      if (this.code === 'VALIDATION') {
        const first = body.fields[0];
        body.message = `${errorMessage('VALIDATION', {}, lang)} ${fieldLabel(first.path, lang)}: ${first.message}`;
      }
    }
    if (this.details) body.details = this.details;
    return body;
  }
}

/** A field error on one field, the most common validation failure raised by services. */
export function fieldError(path: string, code: string, params: Record<string, string | number> = {}): AppError {
  return new AppError('VALIDATION', {}, { fields: [{ path, code, params }] });
}

function fieldLabel(path: string, lang: Lang): string {
  return errorMessage(`FIELD.${path.split('.').pop()}`, {}, lang, path);
}
