// Every CLI command module. A feature adds its module here.
import type { CommandModule } from './program';
import { coreCommands } from './core-commands';

export const commandModules: CommandModule[] = [coreCommands];
