// Numbered migrations, applied in order at start-up inside one transaction. Never edit a released
// migration: add a new one. PRAGMA user_version holds the number of the last one applied.
import { m001_init } from './001_init';
import { m002_lots_events } from './002_lots_events';
import { m003_labels } from './003_labels';
import { m004_sync } from './004_sync';
import { m005_trace } from './005_trace';
import { m006_users } from './006_users';
import { m007_redact_audit_secrets } from './007_redact_audit_secrets';
import { m008_portal_types } from './008_portal_types';
import { m009_scale_indexes } from './009_scale_indexes';
import { m010_receipt_printers } from './010_receipt_printers';
import { m011_recipe_tolerance } from './011_recipe_tolerance';
import { m012_usable_totals } from './012_usable_totals';

export type Migration = { version: number; name: string; sql: string };

export const MIGRATIONS: Migration[] = [
  m001_init,
  m002_lots_events,
  m003_labels,
  m004_sync,
  m005_trace,
  m006_users,
  m007_redact_audit_secrets,
  m008_portal_types,
  m009_scale_indexes,
  m010_receipt_printers,
  m011_recipe_tolerance,
  m012_usable_totals,
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
