// Import from Excel/CSV: templates with Vietnamese headers, a preview that names every
// problem by row and column, and an all-or-nothing import (or only the valid rows, if the user says so).
import { z } from 'zod';
import { method } from './method';
import { text } from './fields';
import type { ExportFile } from './trace';
import '../i18n/imports';

export const IMPORT_KINDS = ['products', 'partners', 'recipes', 'opening'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
/** Rows in one import. Master data of a small business is a few thousand rows; each row runs the full
 * service (validation, audit, search index) in a savepoint, about 1–2 ms, so 20,000 rows stay well under a
 * minute on a shop PC. A larger file (e.g. 100,000 rows) is refused at once with a clear message. */
export const IMPORT_MAX_ROWS = 20_000;
/** Base64 of the file; 30 MB of base64 is about 22 MB of XLSX, far beyond 100,000 rows of master data. */
const fileInput = {
  kind: z.enum(IMPORT_KINDS, { error: 'INVALID_CHOICE' }),
  fileName: text(300),
  base64: z.string({ error: 'REQUIRED' }).min(1, { error: 'REQUIRED' }).max(30_000_000, { error: 'TOO_LONG' }),
};

export type ImportProblem = { row: number; column: string | null; code: string; message: string };
export type ImportPreview = {
  kind: ImportKind;
  /** Data rows read (empty rows are skipped and not counted). */
  rows: number;
  validRows: number;
  invalidRows: number;
  /** Problems that stop the whole file (wrong headers, too many rows…): nothing can be imported. */
  fileProblems: ImportProblem[];
  /** Problems of single rows; at most 1,000 are listed, `problemCount` has them all. */
  problems: ImportProblem[];
  problemCount: number;
  /** The first rows as read, for the preview table. */
  sample: Record<string, unknown>[];
  columns: string[];
};
export type ImportResult = { kind: ImportKind; imported: number; skipped: number; problems: ImportProblem[] };

export const importMethods = {
  'imports.template': method(z.object({ kind: fileInput.kind }).strict(), 'read').returns<ExportFile>(),
  'imports.preview': method(z.object(fileInput).strict(), 'read').returns<ImportPreview>(),
  'imports.commit': method(
    z.object({ ...fileInput, onlyValid: z.boolean({ error: 'INVALID_TYPE' }).default(false) }).strict(),
    'write',
  ).returns<ImportResult>(),
};
