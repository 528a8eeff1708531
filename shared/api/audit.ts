// The audit log screen: who did what and when, with before/after, filtered and exported.
import { z } from 'zod';
import { isoDate, type ListResult } from './fields';
import { method } from './method';
import type { ExportFile } from './trace';

export type AuditEntry = {
  id: number;
  at: string;
  user: string;
  action: string;
  entity: string;
  entityId: string | null;
  /** What the record is called now (a product's or person's name, a lot's code), when it has a name. */
  entityName?: string | null;
  before: unknown;
  after: unknown;
};
export type AuditFacets = { users: string[]; actions: string[]; entities: string[] };

export const auditFilter = z
  .object({
    from: isoDate.optional(),
    to: isoDate.optional(),
    user: z.string().trim().max(100).optional(),
    action: z.string().trim().max(100).optional(),
    entity: z.string().trim().max(100).optional(),
    entityId: z.string().trim().max(100).optional(),
    /** Words anywhere in the before/after text. */
    search: z.string().trim().max(200).optional(),
  })
  .strict();

export const auditMethods = {
  'audit.list': method(
    auditFilter
      .extend({ limit: z.number().int().min(1).max(1000).optional(), offset: z.number().int().min(0).optional() })
      .strict(),
    'read',
  ).returns<ListResult<AuditEntry>>(),
  'audit.facets': method(z.object({}).strict(), 'read').returns<AuditFacets>(),
  'audit.export': method(
    auditFilter.extend({ format: z.enum(['xlsx', 'csv'], { error: 'INVALID_CHOICE' }) }).strict(),
    'read',
  ).returns<ExportFile>(),
};
