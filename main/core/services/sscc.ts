// SSCCs for carton labels: the business's GS1 company prefix, an extension digit and a serial reference from a
// counter in the database (code_counters 'sscc:<extension><prefix>'), check digit by GS1 mod-10. Allocating runs
// inside the caller's write transaction (BEGIN IMMEDIATE), so two processes on one database never get the same
// number, and a number once handed out is never handed out again (the counter only goes up; a rolled-back
// transaction hands out nothing).
import type { ServiceContext } from '../core';
import { AppError } from '../../../shared/api/errors';
import { sscc18 } from '../../../shared/gs1/epc';
import { qv } from './events';
import { audit } from './records';

type Next = { sscc: string; key: string; serial: number };

function peek(ctx: ServiceContext, extension: number): Next {
  const prefix = (
    qv(ctx.db, 'SELECT gs1_company_prefix FROM business WHERE id = 1').get() as string | null | undefined
  )?.trim();
  if (!prefix) throw new AppError('SSCC_NO_PREFIX', {}, { status: 409 });
  const key = `sscc:${extension}${prefix}`;
  const serial =
    ((qv(ctx.db, 'SELECT value FROM code_counters WHERE key = ?').get(key) as number | undefined) ?? 0) + 1;
  const r = sscc18(extension, prefix, serial);
  if (!r.ok) throw new AppError('SSCC_SERIALS_USED_UP', { prefix, extension }, { status: 409 });
  return { sscc: r.value, key, serial };
}

/** The SSCC the next allocation would give (nothing reserved: for a preview). */
export function peekSscc(ctx: ServiceContext, extension = 0): string {
  return peek(ctx, extension).sscc;
}

/** Allocates the next SSCC in the caller's write transaction and audits it. */
export function allocateSscc(ctx: ServiceContext, extension = 0, use: Record<string, unknown> = {}): string {
  const n = peek(ctx, extension);
  ctx.db
    .prepare(
      'INSERT INTO code_counters (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    )
    .run(n.key, n.serial);
  audit(ctx, 'sscc.allocate', 'sscc', n.sscc, null, { sscc: n.sscc, extension, serial: n.serial, ...use });
  return n.sscc;
}
