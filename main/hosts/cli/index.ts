// Every CLI command module. A feature adds its module here.
import type { CommandModule } from './program';
import { coreCommands } from './core-commands';
import { traceCommands } from './trace-commands';
import { recordCommands } from './record-commands';
import { syncCommands } from './sync-commands';
import { trustCommands } from './trust-commands';
import { labelCommands } from './label-commands';
import { slipCommands } from './slip-commands';
import { publishCommands } from './publish-commands';

export const commandModules: CommandModule[] = [
  coreCommands,
  traceCommands,
  recordCommands,
  syncCommands,
  trustCommands,
  labelCommands,
  slipCommands,
  publishCommands,
];
