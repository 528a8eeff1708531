// Numbered migrations, applied in order at start-up inside one transaction. Never edit a released
// migration: add a new one. PRAGMA user_version holds the number of the last one applied.
import { m001_init } from './001_init';
import { m002_lots_events } from './002_lots_events';

export type Migration = { version: number; name: string; sql: string };

export const MIGRATIONS: Migration[] = [m001_init, m002_lots_events];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
