// System methods: version, database facts, integrity check and UI settings.
import { z } from 'zod';
import { method } from './method';

export type SystemInfo = {
  app: string;
  version: string;
  schemaVersion: number;
  dbPath: string;
  host: 'electron' | 'http' | 'cli' | 'test';
  timeZoneOffset: string;
  /** The training database: the UI shows an "ĐÀO TẠO" banner, labels print "MẪU/TRAINING". */
  workshop: boolean;
};
export type IntegrityReport = { ok: boolean; problems: string[]; foreignKeyProblems: number; checkedAt: string };
export type Settings = { language: 'vi' | 'en' };

export const systemMethods = {
  'system.info': method(z.object({}).strict(), 'read').returns<SystemInfo>(),
  'system.check': method(z.object({}).strict(), 'read').returns<IntegrityReport>(),
  'settings.get': method(z.object({}).strict(), 'read').returns<Settings>(),
  'settings.update': method(
    z.object({ language: z.enum(['vi', 'en'], { error: 'INVALID_CHOICE' }).optional() }).strict(),
    'write',
  ).returns<Settings>(),
};
