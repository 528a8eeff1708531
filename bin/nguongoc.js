#!/usr/bin/env node
// The `nguongoc` command. The code is built into dist/ by `npm run build`.
require('../dist/cli.js');
