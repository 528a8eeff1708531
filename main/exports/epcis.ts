// The EPCIS 2.0 JSON-LD export, streamed: events are written one at a time, so memory stays flat for 100,000
// events. The header (master data of everything the events mention) is written after the body: JSON objects
// are unordered, and only then do we know which products, places and partners were mentioned.
import fs from 'node:fs';
import type { Writable } from 'node:stream';
import { once } from 'node:events';
import type { Db } from '../store/db';
import { EPCIS_CONTEXT, EpcisBuilder } from '../epcis/build';
import { selectEventsWithLines, type ExportFilter } from './select';

export type EpcisExportResult = { events: number; bytes: number };

async function write(out: Writable, s: string): Promise<void> {
  if (!out.write(s)) await once(out, 'drain');
}

export async function streamEpcis(
  db: Db,
  filter: ExportFilter,
  out: Writable,
  opts: { creationDate: string; documentId?: string },
): Promise<EpcisExportResult> {
  const builder = new EpcisBuilder(db);
  const head = {
    '@context': EPCIS_CONTEXT,
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: opts.creationDate,
    ...(opts.documentId ? { id: opts.documentId } : {}),
  };
  let bytes = 0;
  const w = async (s: string) => {
    bytes += Buffer.byteLength(s);
    await write(out, s);
  };
  await w(JSON.stringify(head).slice(0, -1) + ',"epcisBody":{"eventList":[');
  let n = 0;
  const products = new Set<number>();
  const locations = new Set<number>();
  const partners = new Set<number>();
  let chunk = '';
  for (const { row, lines } of selectEventsWithLines(db, filter)) {
    for (const ev of builder.eventsOf(row, lines)) {
      chunk += (n++ ? ',' : '') + JSON.stringify(ev);
    }
    for (const l of lines) products.add(l.lot!.product_id);
    if (row.location_id) locations.add(row.location_id);
    if (row.destination_location_id) locations.add(row.destination_location_id);
    if (row.source_partner_id) partners.add(row.source_partner_id);
    if (row.destination_partner_id) partners.add(row.destination_partner_id);
    // Writing in ~64 KB chunks keeps the number of stream writes (and their cost) low.
    if (chunk.length > 65_536) {
      await w(chunk);
      chunk = '';
    }
  }
  await w(chunk);
  const md = builder.masterData([
    { entity: 'business', id: 1 },
    ...[...locations].map((id) => ({ entity: 'location', id })),
    ...[...products].map((id) => ({ entity: 'product', id })),
    ...[...partners].map((id) => ({ entity: 'partner', id })),
  ]);
  await w(']}' + (md ? `,"epcisHeader":${JSON.stringify({ epcisMasterData: md })}` : '') + '}');
  return { events: n, bytes };
}

export async function exportEpcisFile(
  db: Db,
  filter: ExportFilter,
  file: string,
  opts: { creationDate: string },
): Promise<EpcisExportResult> {
  const out = fs.createWriteStream(file);
  const res = await streamEpcis(db, filter, out, opts);
  out.end();
  await once(out, 'finish');
  return res;
}
