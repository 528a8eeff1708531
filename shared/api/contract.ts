// The API contract: every method the hosts (Electron IPC, HTTP, CLI) expose, by name.
// Feature modules export their own method maps; this file only joins them.
import type { z } from 'zod';
import type { MethodSpec } from './method';
import { systemMethods } from './system';
import { masterDataMethods } from './masterdata';
import { recordMethods } from './records';
import { traceMethods } from './trace';
import { trustMethods } from './trust';
import { labelMethods } from './labels';
import { slipMethods } from './slips';
import { syncMethods } from './sync';
import { publishMethods } from './publish';

export const api = {
  ...systemMethods,
  ...masterDataMethods,
  ...recordMethods,
  ...traceMethods,
  ...trustMethods,
  ...labelMethods,
  ...slipMethods,
  ...syncMethods,
  ...publishMethods,
} satisfies Record<string, MethodSpec>;

export type Api = typeof api;
export type MethodName = keyof Api;
export type ApiInput<M extends MethodName> = z.input<Api[M]['input']>;
export type ApiParsed<M extends MethodName> = z.output<Api[M]['input']>;
export type ApiResult<M extends MethodName> = Api[M] extends MethodSpec<z.ZodType, infer O> ? O : never;

export const METHOD_NAMES = Object.keys(api).sort() as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(api, name);
}

/** The answer of every host: the same envelope over IPC and HTTP. */
export type ApiResponse<T> = { ok: true; data: T } | { ok: false; error: import('./errors').ApiErrorBody };
