// Entry point of the `nguongoc` command (bundled to dist/cli.js). Most of a command's start-up time is
// V8 compiling the 2.5 MB bundle, so the command turns on Node's compile cache (kept in the temp folder)
// before loading it: from the second run on, `nguongoc --version` or `nguongoc lots` skip the compiling.
/* eslint-disable @typescript-eslint/no-require-imports */
import path from 'node:path';
import nodeModule from 'node:module';

(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
require(path.join(__dirname, 'cli-main.js'));
