/* global require, __dirname, process */
/* eslint-disable @typescript-eslint/no-require-imports -- a plain CommonJS child process, run by node directly */
// Child process of the crash-safety test: records receipts through the core (dist/lib.js) as fast as
// it can and prints "ACK <documentRef>" after each call returns, i.e. after the commit was
// acknowledged. The parent kills it with SIGKILL at a random moment and checks every ACK survived.
const path = require('node:path');
const { openCore } = require(path.resolve(__dirname, '..', '..', 'dist', 'lib.js'));
const [dbPath, prefix] = process.argv.slice(2);
const core = openCore({ dbPath, host: 'cli', log: () => {} });
let ids = core.db.prepare("SELECT value FROM settings WHERE key = 'crash.ids'").pluck().get();
if (!ids) {
  const loc = core.run('locations.create', { name: 'Kho', kind: 'warehouse' });
  const sup = core.run('partners.create', { kind: 'supplier', name: 'Nhà cung cấp A' });
  const prod = core.run('products.create', { kind: 'raw', name: 'Điều thô', code: 'DT', unit: 'kg' });
  ids = JSON.stringify({ loc: loc.id, sup: sup.id, prod: prod.id });
  core.db.prepare("INSERT INTO settings (key, value) VALUES ('crash.ids', ?)").run(ids);
}
const { loc, sup, prod } = JSON.parse(ids);
process.stdout.write('READY\n');
for (let i = 0; ; i++) {
  const ref = `${prefix}-${i}`;
  core.run('receipts.create', {
    supplierId: sup,
    locationId: loc,
    documentRef: ref,
    lines: [
      { productId: prod, qty: 1.5 },
      { productId: prod, qty: 2 },
    ],
  });
  // Written synchronously (fd 1), so "ACK" is out before the next write starts.
  require('node:fs').writeSync(1, `ACK ${ref}\n`);
}
