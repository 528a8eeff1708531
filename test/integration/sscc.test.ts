// SSCCs on carton labels: the GS1 mod-10 check digit (GS1's own examples), a typed SSCC checked at the API, the
// next SSCC allocated from the business's GS1 company prefix + extension digit + a counter in the database (one
// transaction, audited, never handed out twice: across processes writing at once and across restarts), and
// `nguongoc label|print … --sscc [N]` whose GS1-128 (00) reads back (zxing) to the SSCC.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sscc as ssccField } from '../../shared/api/labels';
import { gs1CheckDigit } from '../../shared/gs1/checkdigit';
import { sscc18 } from '../../shared/gs1/epc';
import { openCore, type Core } from '../../main/core';
import { runCli as runCliInProcess } from '../../main/hosts/cli/program';
import { commandModules } from '../../main/hosts/cli';
import { runCli } from '../helpers/dist';
import { decodeZpl } from '../helpers/decoders/zpl';
import { readCodes } from '../helpers/decoders/barcodes';
import { aBusiness, aLocation, tempDbPath, tempDir } from '../helpers/core';
import { aFoodProduct } from '../helpers/label-data';

const PREFIX = '9521234';

function world(core: Core) {
  core.run('business.update', aBusiness({ gs1CompanyPrefix: PREFIX }));
  const loc = core.run('locations.create', aLocation());
  const p = core.run('products.create', aFoodProduct());
  core.run('lots.createOpening', {
    productId: p.id,
    locationId: loc.id,
    qty: 10,
    lotCode: 'L261129-01',
    productionDate: '2026-11-29',
    expiryDate: '2027-11-29',
  });
}

const open = (db: string) => openCore({ dbPath: db, host: 'test', log: () => {} });
const allocated = (core: Core) =>
  core.db
    .prepare("SELECT entity_id FROM audit_log WHERE action = 'sscc.allocate' ORDER BY id")
    .all()
    .map((r) => (r as { entity_id: string }).entity_id);

describe('SSCC check digit', () => {
  it("GS1's examples: (00) 1 0614141 123456789 7 and the 952 demo prefix", () => {
    expect(gs1CheckDigit('10614141123456789')).toBe(7);
    expect(sscc18(1, '0614141', '123456789')).toEqual({ ok: true, value: '106141411234567897' });
    expect(sscc18(0, PREFIX, 1)).toEqual({
      ok: true,
      value: `0${PREFIX}000000001${gs1CheckDigit(`0${PREFIX}000000001`)}`,
    });
  });

  it('a typed SSCC is checked: 18 digits, the right check digit (the expected one named)', () => {
    expect(ssccField.parse('(00) 1 0614141 123456789 7')).toBe('106141411234567897');
    const bad = ssccField.safeParse('106141411234567890');
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]).toMatchObject({ message: 'SSCC_CHECK_DIGIT', params: { expected: 7 } });
    expect(ssccField.safeParse('1061414112345678').error?.issues[0].message).toBe('SSCC_FORMAT');
  });
});

describe('SSCC allocation', () => {
  let db: string;
  beforeAll(() => {
    db = tempDbPath();
    const c = open(db);
    world(c);
    c.close();
  });

  it('is refused without a GS1 company prefix, with words saying where to set it', () => {
    const c = openCore({ dbPath: ':memory:', host: 'test', log: () => {} });
    c.run('business.update', aBusiness({ gs1CompanyPrefix: null }));
    const r = c.call('labels.allocateSscc', {});
    expect(r.ok ? '' : r.error.message).toContain('mã doanh nghiệp GS1');
    c.close();
  });

  it('never repeats across processes writing at once and across restarts; every number is audited', async () => {
    const first = open(db);
    const peeked = first.run('labels.nextSscc', {}).sscc;
    const a = first.run('labels.allocateSscc', {}).sscc;
    expect(a).toBe(peeked);
    expect(a).toBe(sscc18(0, PREFIX, 1).ok && (sscc18(0, PREFIX, 1) as { value: string }).value);
    first.close();

    // Four CLI processes at once, each making a carton label with the next SSCC, while this process allocates.
    const dir = tempDir();
    const children = [0, 1, 2, 3].map((i) =>
      runCli([
        'label',
        'L261129-01',
        '--db',
        db,
        '--template',
        'carton-100x150',
        '--format',
        'zpl',
        '--sscc',
        '--out',
        path.join(dir, `c${i}.zpl`),
      ]),
    );
    const here = open(db);
    for (let i = 0; i < 5; i++) here.run('labels.allocateSscc', {});
    here.close();
    const results = await Promise.all(children);
    for (const r of results) expect(r.code, r.stderr).toBe(0);

    // A restart continues the counter; another extension digit has its own counter.
    const again = open(db);
    const after = again.run('labels.allocateSscc', {}).sscc;
    const pallet = again.run('labels.allocateSscc', { extension: 1 }).sscc;
    const all = allocated(again);
    again.close();
    expect(all).toHaveLength(12);
    expect(new Set(all).size).toBe(12);
    expect(
      all
        .filter((x) => x.startsWith('0'))
        .map((x) => Number(x.slice(1 + PREFIX.length, 17)))
        .sort((x, y) => x - y),
    ).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(after).toBe(all[10]);
    expect(pallet).toBe((sscc18(1, PREFIX, 1) as { value: string }).value);
    for (const x of all) expect(ssccField.safeParse(x).success, x).toBe(true);

    // Each child's label carries its own SSCC in the (00) GS1-128.
    const onLabels: string[] = [];
    for (let i = 0; i < 4; i++) {
      const [label] = decodeZpl(fs.readFileSync(path.join(dir, `c${i}.zpl`)));
      const codes = (await readCodes(label.bitmap)).map((c) => c.text);
      const sscc = codes.find((t) => t.startsWith('(00)'));
      expect(sscc, codes.join(' | ')).toMatch(/^\(00\)\d{18}$/);
      onLabels.push(sscc!.slice(4));
    }
    expect(new Set(onLabels).size).toBe(4);
    for (const s of onLabels) expect(all).toContain(s);
  });
});

describe('nguongoc label / print --sscc N', () => {
  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    return {
      out,
      err,
      io: { out: (x: string) => out.push(x), err: (x: string) => err.push(x), readStdin: async () => '' },
    };
  };
  let db: string;
  beforeAll(() => {
    db = tempDbPath();
    const c = open(db);
    world(c);
    c.run('printers.save', {
      name: 'Máy in thùng',
      uri: 'file:thung.prn',
      language: 'zpl',
      dpi: 203,
      labelWidthMm: 100,
      labelHeightMm: 150,
      headWidthMm: 104,
    });
    c.close();
  });

  it('label --sscc N prints that SSCC; a wrong check digit is refused with the right one named', async () => {
    const out = path.join(tempDir(), 'thung.zpl');
    const t = io();
    const code = await runCliInProcess(
      [
        'label',
        'L261129-01',
        '--db',
        db,
        '--template',
        'carton-100x150',
        '--format',
        'zpl',
        '--sscc',
        '106141411234567897',
        '--out',
        out,
      ],
      t.io,
      commandModules,
    );
    expect(code, t.err.join('\n')).toBe(0);
    const [label] = decodeZpl(fs.readFileSync(out));
    const texts = (await readCodes(label.bitmap)).map((c) => c.text);
    expect(texts).toContain('(00)106141411234567897');

    const bad = io();
    expect(
      await runCliInProcess(
        [
          'label',
          'L261129-01',
          '--db',
          db,
          '--template',
          'carton-100x150',
          '--format',
          'zpl',
          '--sscc',
          '106141411234567890',
          '--out',
          out,
        ],
        bad.io,
        commandModules,
      ),
    ).not.toBe(0);
    expect(bad.err.join('\n')).toContain('số cuối phải là 7');
  });

  it('print --sscc allocates the next one for the job; the job and the printed bytes carry it', async () => {
    const t = io();
    const code = await runCliInProcess(
      ['print', 'L261129-01', '--db', db, '--template', 'carton-100x150', '--printer', 'Máy in thùng', '--sscc'],
      t.io,
      commandModules,
    );
    expect(code, t.err.join('\n')).toBe(0);
    const expected = (sscc18(0, PREFIX, 1) as { value: string }).value;
    expect(t.out.join('\n')).toContain(`SSCC ${expected}`);
    const c = open(db);
    const job = c.run('print.jobs', {}).items[0];
    const prn = path.join(path.dirname(db), 'prints', 'thung.prn');
    c.close();
    expect(job.sscc).toBe(expected);
    const [label] = decodeZpl(fs.readFileSync(prn));
    expect((await readCodes(label.bitmap)).map((x) => x.text)).toContain(`(00)${expected}`);
  });
});
