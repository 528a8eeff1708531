// EPCIS 2.0 events from the event store (docs/events.md → docs/epcis.md). One stored event gives one EPCIS
// event, except a correction, which gives the error declaration on the corrected event (same eventID, so a
// portal attaches it to what it already holds) plus, when something remains, the corrective event.
import type { Db } from '../store/db';
import { fromMilli } from '../../shared/domain/quantity';
import { documentId, locationId, lotClassId, partyId, productClassId, UOM, type IdBusiness } from './ids';

export const EPCIS_CONTEXT: (string | Record<string, string>)[] = [
  'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld',
  { nguongoc: 'https://nguongoc.vn/epcis/' },
];

export type EventRow = {
  id: number;
  event_id: string;
  kind: string;
  epcis_type: 'ObjectEvent' | 'TransformationEvent';
  action: string | null;
  biz_step: string;
  disposition: string | null;
  event_time: string;
  event_time_zone_offset: string;
  location_id: number | null;
  source_partner_id: number | null;
  destination_partner_id: number | null;
  destination_location_id: number | null;
  document_ref: string | null;
  doc_type: string | null;
  user: string;
  reason: string | null;
  corrects_event_id: number | null;
  data: string | null;
};

export type LineRow = {
  id: number;
  role: 'object' | 'input' | 'output';
  lot_id: number;
  qty_milli: number;
  unit: string;
  stock_delta_milli: number;
  location_id: number | null;
  corrects_line_id: number | null;
  /** Present when the rows come from the export's joined stream (saves two look-ups per line). */
  lot?: LotInfo;
  product?: ProductInfo;
};
export type LotInfo = {
  id: number;
  code: string;
  product_id: number;
  production_date: string | null;
  expiry_date: string | null;
};
export type ProductInfo = { id: number; code: string; name: string; gtin: string | null; unit: string };
type PlaceInfo = { id: number; gln: string | null; name: string };

export type EpcisEvent = Record<string, unknown> & { eventID: string; type: string };

// CBV 2.0 business steps; ours outside this list (e.g. 'recalling') go out as a URI in our namespace.
const CBV_BIZSTEPS = new Set([
  'accepting',
  'arriving',
  'assembling',
  'collecting',
  'commissioning',
  'consigning',
  'creating_class_instance',
  'cycle_counting',
  'decommissioning',
  'departing',
  'destroying',
  'disassembling',
  'dispensing',
  'encoding',
  'entering_exiting',
  'holding',
  'inspecting',
  'installing',
  'killing',
  'loading',
  'other',
  'packing',
  'picking',
  'receiving',
  'removing',
  'repackaging',
  'repairing',
  'replacing',
  'reserving',
  'retail_selling',
  'shipping',
  'staging_outbound',
  'stock_taking',
  'stocking',
  'storing',
  'transporting',
  'unloading',
  'unpacking',
  'void_shipping',
  'sensor_reporting',
  'sampling',
]);
const CBV_DISPOSITIONS = new Set([
  'active',
  'container_closed',
  'damaged',
  'destroyed',
  'dispensed',
  'disposed',
  'encoded',
  'expired',
  'in_progress',
  'in_transit',
  'inactive',
  'no_pedigree_match',
  'non_sellable_other',
  'partially_dispensed',
  'recalled',
  'reserved',
  'retail_sold',
  'returned',
  'sellable_accessible',
  'sellable_not_accessible',
  'stolen',
  'unknown',
  'available',
  'completeness_verified',
  'completeness_inferred',
  'conformant',
  'container_open',
  'mismatch_instance',
  'mismatch_class',
  'mismatch_quantity',
  'needs_replacement',
  'non_conformant',
  'unavailable',
]);

const vocab = (set: Set<string>, kind: string, v: string) =>
  set.has(v) ? v : `https://nguongoc.vn/epcis/${kind}/${encodeURIComponent(v)}`;

/** Builds EPCIS events with small caches of master data, so a 100,000-event export reads each lot once per cache window. */
export class EpcisBuilder {
  readonly business: IdBusiness & { name: string | null; address: string | null; gln: string | null };
  private lots = new Map<number, LotInfo>();
  private products = new Map<number, ProductInfo>();
  private locations = new Map<number, PlaceInfo>();
  private partners = new Map<number, PlaceInfo>();
  private readonly q;

  constructor(private readonly db: Db) {
    const b = db
      .prepare(
        'SELECT name, tax_code, address, gln, gs1_company_prefix, digital_link_domain FROM business WHERE id = 1',
      )
      .get() as
      | {
          name: string;
          tax_code: string;
          address: string;
          gln: string | null;
          gs1_company_prefix: string | null;
          digital_link_domain: string | null;
        }
      | undefined;
    this.business = {
      name: b?.name ?? null,
      address: b?.address ?? null,
      gln: b?.gln ?? null,
      taxCode: b?.tax_code ?? null,
      gs1CompanyPrefix: b?.gs1_company_prefix ?? null,
      digitalLinkDomain: b?.digital_link_domain ?? null,
    };
    this.q = {
      lines: db.prepare(
        'SELECT id, role, lot_id, qty_milli, unit, stock_delta_milli, location_id, corrects_line_id FROM event_lines WHERE event_id = ? ORDER BY id',
      ),
      netLines:
        db.prepare(`SELECT l.id, l.role, l.lot_id, l.qty_milli + COALESCE((SELECT SUM(c.qty_milli) FROM event_lines c JOIN events ce ON ce.id = c.event_id
          WHERE c.corrects_line_id = l.id AND ce.id <= ?), 0) AS qty_milli, l.unit, l.stock_delta_milli, l.location_id, l.corrects_line_id
        FROM event_lines l WHERE l.event_id = ? ORDER BY l.id`),
      event: db.prepare('SELECT * FROM events WHERE id = ?'),
      lot: db.prepare('SELECT id, code, product_id, production_date, expiry_date FROM lots WHERE id = ?'),
      product: db.prepare('SELECT id, code, name, gtin, unit FROM products WHERE id = ?'),
      location: db.prepare('SELECT id, gln, name FROM locations WHERE id = ?'),
      partner: db.prepare('SELECT id, gln, name FROM partners WHERE id = ?'),
    };
  }

  private cached<T>(map: Map<number, T>, stmt: { get(id: number): unknown }, id: number): T {
    let v = map.get(id);
    if (v === undefined) {
      v = stmt.get(id) as T;
      // Bounded caches keep memory flat on very large exports.
      if (map.size > 20_000) map.clear();
      map.set(id, v);
    }
    return v;
  }

  lot(id: number): LotInfo {
    return this.cached(this.lots, this.q.lot, id);
  }
  product(id: number): ProductInfo {
    return this.cached(this.products, this.q.product, id);
  }
  location(id: number): PlaceInfo {
    return this.cached(this.locations, this.q.location, id);
  }
  partner(id: number): PlaceInfo {
    return this.cached(this.partners, this.q.partner, id);
  }

  eventRow(id: number): EventRow {
    return this.q.event.get(id) as EventRow;
  }

  private quantity(line: LineRow) {
    const lot = line.lot ?? this.lot(line.lot_id);
    const product = line.product ?? this.product(lot.product_id);
    const q: Record<string, unknown> = {
      epcClass: lotClassId(this.business, product, lot.code),
      quantity: fromMilli(Math.abs(line.qty_milli)),
    };
    if (UOM[line.unit]) q.uom = UOM[line.unit];
    return q;
  }

  /** The EPCIS event(s) for one stored event. */
  eventsOf(row: EventRow, withLines?: LineRow[]): EpcisEvent[] {
    if (row.kind === 'correction' && row.corrects_event_id) return this.correctionEvents(row);
    const lines = (withLines ?? (this.q.lines.all(row.id) as LineRow[])).filter(
      (l) => l.qty_milli !== 0 || l.stock_delta_milli === 0,
    );
    return [this.shape(row, lines, row.event_id)];
  }

  /** Error declaration on the corrected event + the corrective event with the net quantities after correction. */
  private correctionEvents(row: EventRow): EpcisEvent[] {
    const original = this.eventRow(row.corrects_event_id!);
    const net = (this.q.netLines.all(row.id, original.id) as LineRow[]).filter((l) => l.corrects_line_id === null);
    const remaining = net.filter((l) => l.qty_milli > 0);
    const quantityChanged = (this.q.lines.all(row.id) as LineRow[]).length > 0;
    const out: EpcisEvent[] = [];
    const corrective =
      quantityChanged && remaining.length > 0
        ? this.shape({ ...original, user: row.user }, remaining, row.event_id)
        : null;
    const declared = this.shape(original, this.q.lines.all(original.id) as LineRow[], original.event_id);
    declared.errorDeclaration = {
      declarationTime: row.event_time,
      reason: corrective ? 'incorrect_data' : 'did_not_occur',
      ...(corrective ? { correctiveEventIDs: [row.event_id] } : {}),
      ...(row.reason ? { 'nguongoc:reason': row.reason } : {}),
    };
    out.push(declared);
    if (corrective) out.push(corrective);
    return out;
  }

  private shape(row: EventRow, lines: LineRow[], eventID: string): EpcisEvent {
    const b = this.business;
    const ev: EpcisEvent = {
      type: row.epcis_type,
      eventTime: row.event_time,
      eventTimeZoneOffset: row.event_time_zone_offset,
      eventID,
    };
    if (row.epcis_type === 'TransformationEvent') {
      const inputs = lines.filter((l) => l.role === 'input' && l.qty_milli !== 0);
      const outputs = lines.filter((l) => l.role === 'output' && l.qty_milli !== 0);
      if (inputs.length) ev.inputQuantityList = inputs.map((l) => this.quantity(l));
      if (outputs.length) ev.outputQuantityList = outputs.map((l) => this.quantity(l));
    } else {
      ev.action = row.action ?? 'OBSERVE';
      // A transfer has a −qty line at the origin and a +qty line at the destination for the same lot: one quantity each.
      const seen = new Set<number>();
      const objects = lines.filter((l) => l.role === 'object' && !seen.has(l.lot_id) && seen.add(l.lot_id));
      ev.quantityList = objects.map((l) => this.quantity(l));
    }
    ev.bizStep = vocab(CBV_BIZSTEPS, 'bizstep', row.biz_step);
    if (row.disposition) ev.disposition = vocab(CBV_DISPOSITIONS, 'disposition', row.disposition);
    if (row.location_id) {
      const loc = { id: locationId(b, this.location(row.location_id)) };
      ev.readPoint = loc;
      ev.bizLocation = loc;
    }
    if (row.document_ref) ev.bizTransactionList = [{ type: 'desadv', bizTransaction: documentId(b, row.document_ref) }];
    const owner = partyId(b, { id: 'business', gln: b.gln });
    if (row.source_partner_id) {
      ev.sourceList = [{ type: 'owning_party', source: partyId(b, this.partner(row.source_partner_id)) }];
      ev.destinationList = [{ type: 'owning_party', destination: owner }];
    }
    if (row.destination_partner_id) {
      ev.sourceList = [{ type: 'owning_party', source: owner }];
      ev.destinationList = [
        { type: 'owning_party', destination: partyId(b, this.partner(row.destination_partner_id)) },
      ];
    }
    if (row.destination_location_id) {
      const dest = locationId(b, this.location(row.destination_location_id));
      ev.sourceList = [
        ...((ev.sourceList as unknown[]) ?? []),
        ...(row.location_id ? [{ type: 'location', source: locationId(b, this.location(row.location_id)) }] : []),
      ];
      ev.destinationList = [...((ev.destinationList as unknown[]) ?? []), { type: 'location', destination: dest }];
    }
    // ILMD (instance/lot master data) travels with the event that creates the lot.
    const created =
      row.epcis_type === 'TransformationEvent'
        ? lines.filter((l) => l.role === 'output')
        : row.action === 'ADD'
          ? lines
          : [];
    if (created.length === 1) {
      const lot = created[0].lot ?? this.lot(created[0].lot_id);
      const ilmd: Record<string, string> = { 'cbvmda:lotNumber': lot.code };
      if (lot.expiry_date) ilmd['cbvmda:itemExpirationDate'] = lot.expiry_date;
      if (lot.production_date) ilmd['nguongoc:productionDate'] = lot.production_date;
      ev.ilmd = ilmd;
    }
    const data = row.data ? (JSON.parse(row.data) as Record<string, unknown>) : {};
    ev['nguongoc:kind'] = row.kind;
    ev['nguongoc:user'] = row.user;
    if (typeof data.batchCode === 'string') ev['nguongoc:batchCode'] = data.batchCode;
    if (typeof data.status === 'string') ev['nguongoc:lotStatus'] = data.status;
    if (typeof data.recallRef === 'string') ev['nguongoc:recallRef'] = data.recallRef;
    if (row.reason) ev['nguongoc:reason'] = row.reason;
    return ev;
  }

  /** `epcisHeader.epcisMasterData` for the given master-data entities (products, locations, parties). */
  masterData(entities: { entity: string; id: number }[]): Record<string, unknown> | null {
    const b = this.business;
    const classes: unknown[] = [];
    const places: unknown[] = [];
    const parties: unknown[] = [];
    const attr = (id: string, v: unknown) => (v === null || v === undefined || v === '' ? [] : [{ id, attribute: v }]);
    for (const { entity, id } of entities) {
      if (entity === 'product') {
        const p = this.db
          .prepare(
            'SELECT id, code, name, gtin, unit, brand, standard, origin, shelf_life_days, archived_at FROM products WHERE id = ?',
          )
          .get(id) as Record<string, string | number | null> | undefined;
        if (!p) continue;
        classes.push({
          id: productClassId(b, { gtin: p.gtin as string | null, code: p.code as string }),
          attributes: [
            ...attr('urn:epcglobal:cbv:mda#descriptionShort', p.name),
            ...attr('urn:epcglobal:cbv:mda#tradeItemMasterDataProperties', p.code),
            ...attr('urn:epcglobal:cbv:mda#brandName', p.brand),
            ...attr('urn:epcglobal:cbv:mda#countryOfOrigin', p.origin),
            ...attr('https://nguongoc.vn/epcis/standard', p.standard),
            ...attr('https://nguongoc.vn/epcis/unit', p.unit),
            ...attr('https://nguongoc.vn/epcis/archived', p.archived_at ? 'true' : null),
          ],
        });
      } else if (entity === 'location') {
        const l = this.db.prepare('SELECT id, name, address, gln, kind FROM locations WHERE id = ?').get(id) as
          Record<string, string | number | null> | undefined;
        if (!l) continue;
        places.push({
          id: locationId(b, { id: l.id as number, gln: l.gln as string | null }),
          attributes: [
            ...attr('urn:epcglobal:cbv:mda#name', l.name),
            ...attr('urn:epcglobal:cbv:mda#streetAddressOne', l.address),
            ...attr('https://nguongoc.vn/epcis/locationKind', l.kind),
          ],
        });
      } else if (entity === 'partner') {
        const p = this.db
          .prepare('SELECT id, name, address, gln, tax_code, phone, kind FROM partners WHERE id = ?')
          .get(id) as Record<string, string | number | null> | undefined;
        if (!p) continue;
        parties.push({
          id: partyId(b, { id: p.id as number, gln: p.gln as string | null }),
          attributes: [
            ...attr('urn:epcglobal:cbv:mda#name', p.name),
            ...attr('urn:epcglobal:cbv:mda#streetAddressOne', p.address),
            ...attr('https://nguongoc.vn/epcis/taxCode', p.tax_code),
            ...attr('https://nguongoc.vn/epcis/phone', p.phone),
            ...attr('https://nguongoc.vn/epcis/partnerKind', p.kind),
          ],
        });
      } else if (entity === 'business') {
        const x = this.db
          .prepare('SELECT name, address, tax_code, phone, province, ward FROM business WHERE id = 1')
          .get() as Record<string, string | null> | undefined;
        if (!x) continue;
        parties.push({
          id: partyId(b, { id: 'business', gln: b.gln }),
          attributes: [
            ...attr('urn:epcglobal:cbv:mda#name', x.name),
            ...attr('urn:epcglobal:cbv:mda#streetAddressOne', x.address),
            ...attr('urn:epcglobal:cbv:mda#state', x.province),
            ...attr('https://nguongoc.vn/epcis/ward', x.ward),
            ...attr('https://nguongoc.vn/epcis/taxCode', x.tax_code),
            ...attr('https://nguongoc.vn/epcis/phone', x.phone),
          ],
        });
      }
    }
    const vocabularyList = [
      ...(classes.length ? [{ type: 'urn:epcglobal:epcis:vtype:EPCClass', vocabularyElementList: classes }] : []),
      ...(places.length ? [{ type: 'urn:epcglobal:epcis:vtype:Location', vocabularyElementList: places }] : []),
      ...(parties.length ? [{ type: 'urn:epcglobal:epcis:vtype:Party', vocabularyElementList: parties }] : []),
    ];
    return vocabularyList.length ? { vocabularyList } : null;
  }
}

/** A whole EPCIS document around a list of events (small documents: capture batches, tests). */
export function epcisDocument(
  events: EpcisEvent[],
  opts: { id?: string; creationDate: string; masterData?: Record<string, unknown> | null },
): Record<string, unknown> {
  return {
    '@context': EPCIS_CONTEXT,
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: opts.creationDate,
    ...(opts.id ? { id: opts.id } : {}),
    ...(opts.masterData ? { epcisHeader: { epcisMasterData: opts.masterData } } : {}),
    epcisBody: { eventList: events },
  };
}
