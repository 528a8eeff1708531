// The one implementation of the API. Hosts (Electron IPC, HTTP, CLI) hand it a method name and raw
// input; it validates the input with the contract's zod schema, runs the handler (a write is one
// SQLite transaction: all or nothing) and answers with the same envelope everywhere.
import type { z } from 'zod';
import {
  api,
  isMethodName,
  type ApiParsed,
  type ApiResponse,
  type ApiResult,
  type MethodName,
} from '../../shared/api/contract';
import { AppError } from '../../shared/api/errors';
import { parseLang, type Lang } from '../../shared/i18n/messages';
import { systemClock, todayLocal, type Clock } from '../clock';
import type { Db } from '../store/db';
import { zodIssuesToFields } from '../../shared/api/zod-issues';
import { badTextPaths } from '../../shared/domain/text';
import { PUBLIC_METHODS, permissionDenial, refusalParams } from '../../shared/api/permissions';
import { resolveActor, type Actor } from './services/users';
import { auditCall, lastAuditId } from './services/audit';
import { settingValue } from '../store/settings';

export type HostKind = 'electron' | 'http' | 'cli' | 'test';

/** Who is calling and in which language they read. `session`: the token of a PIN login. */
export type CallContext = { lang?: Lang; user?: string; session?: string };

/** What a handler gets besides its input. */
export type ServiceContext = {
  db: Db;
  clock: Clock;
  user: string;
  lang: Lang;
  dbPath: string;
  host: HostKind;
  /** The API method being served (its contract says which input fields are secret). */
  method?: MethodName;
  /** The signed-in user and role (the owner on a fresh install, CLI and tests). */
  actor?: Actor;
  /** Closes the database, lets `swap` replace the file, opens it again (restore, workshop reset). */
  replaceDatabase?: (swap: () => void) => void;
  /**
   * Master-data rows (products, locations) already read during this call: a batch reads the same product
   * for every input and output line. Any master-data write clears it (records.ts `updateRow`/`setArchived`).
   */
  rowMemo?: Map<string, Record<string, unknown>>;
};

export type Handler<M extends MethodName> = (input: ApiParsed<M>, ctx: ServiceContext) => ApiResult<M>;
export type Handlers = { [M in MethodName]: Handler<M> };
export type PartialHandlers = { [M in MethodName]?: Handler<M> };

/** Says whether the file may be written (the background integrity check's verdict, main/store/integrity.ts). */
export type WriteGate = { assertWritable(): void };

export type CoreOptions = {
  db: Db;
  dbPath: string;
  host: HostKind;
  clock?: Clock;
  handlers: Handlers;
  log?: (line: string) => void;
  reopen?: () => Db;
};

export class Core {
  db: Db;
  readonly dbPath: string;
  readonly host: HostKind;
  readonly clock: Clock;
  /** Set by a long-running host: every write transaction asks it first. */
  writeGate: WriteGate | null = null;
  private readonly handlers: Handlers;
  private readonly log: (line: string) => void;
  private readonly reopen?: () => Db;

  constructor(opts: CoreOptions) {
    this.db = opts.db;
    this.dbPath = opts.dbPath;
    this.host = opts.host;
    this.clock = opts.clock ?? systemClock;
    this.handlers = opts.handlers;
    this.log = opts.log ?? ((line) => process.stderr.write(line + '\n'));
    this.reopen = opts.reopen;
  }

  /** Never throws: every outcome is an envelope the host can send as it is. */
  call(methodName: string, rawInput: unknown, callCtx: CallContext = {}): ApiResponse<unknown> & { status: number } {
    const lang = callCtx.lang ?? this.defaultLang();
    try {
      const data = this.invoke(methodName, rawInput, callCtx);
      return { ok: true, data, status: 200 };
    } catch (err) {
      const appErr = toAppError(err);
      if (appErr.code === 'INTERNAL')
        this.log(`[core] ${methodName}: ${err instanceof Error ? err.stack : String(err)}`);
      return { ok: false, error: appErr.toBody(lang), status: appErr.status };
    }
  }

  /** Typed call for in-process users (CLI, tests, demo builder); throws AppError. */
  run<M extends MethodName>(
    methodName: M,
    input: z.input<(typeof api)[M]['input']>,
    callCtx: CallContext = {},
  ): ApiResult<M> {
    try {
      return this.invoke(methodName, input, callCtx) as ApiResult<M>;
    } catch (err) {
      // A database kept busy by another program is a plain message for the CLI too, not a stack trace.
      if (isBusy(err)) throw toAppError(err);
      throw err;
    }
  }

  invoke(methodName: string, rawInput: unknown, callCtx: CallContext = {}): unknown {
    if (!isMethodName(methodName)) throw new AppError('UNKNOWN_METHOD', { method: String(methodName).slice(0, 100) });
    const spec = api[methodName];
    // Who is calling, and may they? Checked before the input, so a refused caller learns nothing.
    const actor = resolveActor(this.db, this.clock, this.host, callCtx, PUBLIC_METHODS.has(methodName));
    const denial = permissionDenial(methodName, spec.access, actor.role, actor.workshop);
    if (denial) throw new AppError(denial, refusalParams(methodName, spec.access), { status: 403 });
    // NUL and broken characters are refused in every string, whatever the field (search text, scans, keys).
    const badText = badTextPaths(rawInput);
    if (badText.length)
      throw new AppError('VALIDATION', {}, { fields: badText.map((path) => ({ path, code: 'TEXT_BAD_CHARS' })) });
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) throw new AppError('VALIDATION', {}, { fields: zodIssuesToFields(parsed.error.issues) });
    const ctx: ServiceContext = {
      db: this.db,
      clock: this.clock,
      user: actor.name,
      lang: callCtx.lang ?? this.defaultLang(),
      dbPath: this.dbPath,
      host: this.host,
      method: methodName,
      actor,
      replaceDatabase: (swap) => this.replaceDatabase(swap),
      rowMemo: new Map(),
    };
    const handler = this.handlers[methodName] as (input: unknown, ctx: ServiceContext) => unknown;
    if (spec.access === 'write') {
      this.writeGate?.assertWritable();
      // IMMEDIATE: take the write lock up front so two writers never interleave half a business action.
      return this.db
        .transaction(() => {
          const auditBefore = lastAuditId(ctx);
          const result = handler(parsed.data, ctx);
          auditCall(ctx, methodName, 'write', parsed.data, result, auditBefore);
          return result;
        })
        .immediate();
    }
    const result = handler(parsed.data, ctx);
    // Exports and printouts are audited after they succeed (a read has no transaction of its own).
    auditCall({ ...ctx, db: this.db }, methodName, 'read', parsed.data, result, null);
    return result;
  }

  /** Swaps the database file under the core (restore, workshop reset); reopens even if swap fails. */
  replaceDatabase(swap: () => void): void {
    if (!this.reopen || this.dbPath === ':memory:') throw new AppError('RESTORE_IN_MEMORY');
    this.db.close();
    try {
      swap();
    } finally {
      this.db = this.reopen();
    }
  }

  private defaultLang(): Lang {
    try {
      return parseLang(settingValue(this.db, 'language') ?? undefined);
    } catch {
      return 'vi';
    }
  }

  /** The business's date now (YYYY-MM-DD), for hosts that read the store directly (public pages). */
  today(): string {
    return todayLocal(this.clock);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

function isBusy(err: unknown): boolean {
  const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
  return /^SQLITE_(BUSY|LOCKED)/.test(code);
}

export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (isBusy(err)) return new AppError('DB_BUSY', {}, { status: 503 });
  return new AppError('INTERNAL', { detail: err instanceof Error ? err.message : String(err) });
}
