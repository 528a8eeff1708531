// EPCIS 2.0 events from the event store (docs/events.md → docs/epcis.md). One stored event gives one EPCIS
// event, except a correction, which gives the error declaration on the corrected event (same eventID, so a
// portal attaches it to what it already holds) plus, when something remains, the corrective event.
import type { Db } from '../store/db';
import { v5 as uuidv5 } from 'uuid';
import { fromMilli } from '../../shared/domain/quantity';
import { countryCode } from '../../shared/domain/country';
import { documentId, locationId, lotClassId, partyId, privateUri, productClassId, UOM, type IdBusiness } from './ids';
import { q, qv } from '../store/statements';

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
  doc_id?: number | null;
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
  supplier_lot_code: string | null;
};
export type ProductInfo = { id: number; code: string; name: string; gtin: string | null; unit: string };
type PlaceInfo = { id: number; gln: string | null; name: string };
type Part = { row: EventRow; lines: LineRow[]; eventID: string; arrival: boolean };

// Namespace of the eventIDs derived from a stored eventID (the arrival of a transfer, a status change per place).
const DERIVED_NS = '6f1c2b1e-4a63-5d0e-9b7a-1d2c3e4f5a6b';
export const derivedEventId = (eventID: string, part: string) => `urn:uuid:${uuidv5(`${eventID}#${part}`, DERIVED_NS)}`;

/** The outputs of one batch share one transformationID: the batch code (or the stored batch's id). */
function batchKey(row: EventRow): string {
  const data = row.data ? (JSON.parse(row.data) as { batchCode?: unknown }) : {};
  return typeof data.batchCode === 'string' ? data.batchCode : String(row.doc_id ?? row.event_id);
}

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
    const b = q(
      db,
      'SELECT name, tax_code, address, gln, gs1_company_prefix, digital_link_domain FROM business WHERE id = 1',
    ).get() as
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
      lines: q(
        db,
        'SELECT id, role, lot_id, qty_milli, unit, stock_delta_milli, location_id, corrects_line_id FROM event_lines WHERE event_id = ? ORDER BY id',
      ),
      netLines: q(
        db,
        `SELECT l.id, l.role, l.lot_id, l.qty_milli + COALESCE((SELECT SUM(c.qty_milli) FROM event_lines c JOIN events ce ON ce.id = c.event_id
          WHERE c.corrects_line_id = l.id AND ce.id <= ?), 0) AS qty_milli, l.unit, l.stock_delta_milli, l.location_id, l.corrects_line_id
        FROM event_lines l WHERE l.event_id = ? ORDER BY l.id`,
      ),
      event: q(db, 'SELECT * FROM events WHERE id = ?'),
      lot: q(db, 'SELECT id, code, product_id, production_date, expiry_date, supplier_lot_code FROM lots WHERE id = ?'),
      lastPlace: qv(
        db,
        'SELECT COALESCE(x.location_id, e.location_id) FROM event_lines x JOIN events e ON e.id = x.event_id WHERE x.lot_id = ? AND x.id < ? AND COALESCE(x.location_id, e.location_id) IS NOT NULL ORDER BY x.id DESC LIMIT 1',
      ),
      product: q(db, 'SELECT id, code, name, gtin, unit FROM products WHERE id = ?'),
      location: q(db, 'SELECT id, gln, name FROM locations WHERE id = ?'),
      partner: q(db, 'SELECT id, gln, name FROM partners WHERE id = ?'),
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
    return this.parts(row, withLines ?? (this.q.lines.all(row.id) as LineRow[]), row.event_id).map((p) =>
      this.shape(p),
    );
  }

  /**
   * The EPCIS events one stored event becomes: a transfer is shipping at the origin plus receiving at the
   * destination; a status change of lots in several places is one event per place (EPCIS gives an event one
   * bizLocation). The first part keeps the stored eventID; the others get one derived from it, so a resend
   * carries the same IDs.
   */
  private parts(row: EventRow, all: LineRow[], eventID: string): Part[] {
    const lines = all.filter((l) => l.qty_milli !== 0 || l.stock_delta_milli === 0);
    if (row.kind === 'transfer' && row.destination_location_id)
      return [
        { row, lines, eventID, arrival: false },
        { row, lines, eventID: derivedEventId(eventID, 'arrival'), arrival: true },
      ];
    if (row.epcis_type !== 'ObjectEvent' || row.location_id || !lines.length)
      return [{ row, lines, eventID, arrival: false }];
    const byPlace = new Map<number | null, LineRow[]>();
    for (const l of lines) {
      const place = l.location_id ?? (this.q.lastPlace.get(l.lot_id, l.id) as number | undefined) ?? null;
      byPlace.set(place, [...(byPlace.get(place) ?? []), l]);
    }
    return [...byPlace].map(([place, ls], i) => ({
      row: { ...row, location_id: place },
      lines: ls,
      eventID: i === 0 ? eventID : derivedEventId(eventID, `location:${place}`),
      arrival: false,
    }));
  }

  /** Error declarations on the corrected event's parts + the corrective events with the net quantities after correction. */
  private correctionEvents(row: EventRow): EpcisEvent[] {
    const original = this.eventRow(row.corrects_event_id!);
    const net = (this.q.netLines.all(row.id, original.id) as LineRow[]).filter((l) => l.corrects_line_id === null);
    const remaining = net.filter((l) => l.qty_milli > 0);
    const quantityChanged = (this.q.lines.all(row.id) as LineRow[]).length > 0;
    const corrective =
      quantityChanged && remaining.length > 0
        ? this.parts({ ...original, user: row.user }, remaining, row.event_id).map((p) => this.shape(p))
        : [];
    const declared = this.parts(original, this.q.lines.all(original.id) as LineRow[], original.event_id).map((p) =>
      this.shape(p),
    );
    for (const d of declared)
      d.errorDeclaration = {
        declarationTime: row.event_time,
        reason: corrective.length ? 'incorrect_data' : 'did_not_occur',
        ...(corrective.length ? { correctiveEventIDs: corrective.map((c) => c.eventID) } : {}),
        ...(row.reason ? { 'nguongoc:reason': row.reason } : {}),
      };
    return [...declared, ...corrective];
  }

  private shape({ row, lines, eventID, arrival }: Part): EpcisEvent {
    const b = this.business;
    const ev: EpcisEvent = {
      type: row.epcis_type,
      eventTime: row.event_time,
      eventTimeZoneOffset: row.event_time_zone_offset,
      eventID,
    };
    // Receipts make a new lot of ours: ADD, so the lot's master data (ILMD) can travel with it.
    const action = row.kind === 'receipt' ? 'ADD' : (row.action ?? 'OBSERVE');
    if (row.epcis_type === 'TransformationEvent') {
      const inputs = lines.filter((l) => l.role === 'input' && l.qty_milli !== 0);
      const outputs = lines.filter((l) => l.role === 'output' && l.qty_milli !== 0);
      if (inputs.length) ev.inputQuantityList = inputs.map((l) => this.quantity(l));
      if (outputs.length) ev.outputQuantityList = outputs.map((l) => this.quantity(l));
    } else {
      ev.action = action;
      // A transfer has a −qty line at the origin and a +qty line at the destination for the same lot: one quantity each.
      const seen = new Set<number>();
      const objects = lines.filter((l) => l.role === 'object' && !seen.has(l.lot_id) && seen.add(l.lot_id));
      ev.quantityList = objects.map((l) => this.quantity(l));
    }
    ev.bizStep = arrival ? 'receiving' : vocab(CBV_BIZSTEPS, 'bizstep', row.biz_step);
    if (arrival) ev.disposition = 'in_progress';
    else if (row.disposition) ev.disposition = vocab(CBV_DISPOSITIONS, 'disposition', row.disposition);
    const place = arrival ? row.destination_location_id : row.location_id;
    if (place) {
      const loc = { id: locationId(b, this.location(place)) };
      ev.readPoint = loc;
      ev.bizLocation = loc;
    }
    if (row.epcis_type === 'TransformationEvent') ev.transformationID = privateUri(b, 'batch', batchKey(row));
    if (row.document_ref) ev.bizTransactionList = [{ type: 'desadv', bizTransaction: documentId(b, row.document_ref) }];
    this.sourcesAndDestinations(row, ev);
    const created =
      row.epcis_type === 'TransformationEvent'
        ? lines.filter((l) => l.role === 'output')
        : action === 'ADD'
          ? lines
          : [];
    if (created.length === 1) ev.ilmd = this.ilmd(created[0]);
    const data = row.data ? (JSON.parse(row.data) as Record<string, unknown>) : {};
    ev['nguongoc:kind'] = row.kind;
    ev['nguongoc:user'] = row.user;
    if (typeof data.batchCode === 'string') ev['nguongoc:batchCode'] = data.batchCode;
    if (typeof data.status === 'string') ev['nguongoc:lotStatus'] = data.status;
    if (typeof data.recallRef === 'string') ev['nguongoc:recallRef'] = data.recallRef;
    if (row.reason) ev['nguongoc:reason'] = row.reason;
    return ev;
  }

  private sourcesAndDestinations(row: EventRow, ev: EpcisEvent): void {
    const b = this.business;
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
  }

  /** Instance/lot master data of a lot the event creates: our lot number, expiry, production date, the supplier's lot. */
  private ilmd(line: LineRow): Record<string, string> {
    const lot = line.lot ?? this.lot(line.lot_id);
    const ilmd: Record<string, string> = { 'cbvmda:lotNumber': lot.code };
    if (lot.expiry_date) ilmd['cbvmda:itemExpirationDate'] = lot.expiry_date;
    if (lot.production_date) ilmd['nguongoc:productionDate'] = lot.production_date;
    if (lot.supplier_lot_code) ilmd['nguongoc:supplierLotNumber'] = lot.supplier_lot_code;
    return ilmd;
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
        const p = q(
          this.db,
          'SELECT id, code, name, gtin, unit, brand, standard, origin, shelf_life_days, archived_at FROM products WHERE id = ?',
        ).get(id) as Record<string, string | number | null> | undefined;
        if (!p) continue;
        classes.push({
          id: productClassId(b, { gtin: p.gtin as string | null, code: p.code as string }),
          attributes: [
            ...attr('urn:epcglobal:cbv:mda#descriptionShort', p.name),
            ...attr('urn:epcglobal:cbv:mda#tradeItemMasterDataProperties', p.code),
            ...attr('urn:epcglobal:cbv:mda#brandName', p.brand),
            ...attr('urn:epcglobal:cbv:mda#countryOfOrigin', countryCode(p.origin as string | null)),
            ...attr('https://nguongoc.vn/epcis/origin', p.origin),
            ...attr('https://nguongoc.vn/epcis/standard', p.standard),
            ...attr('https://nguongoc.vn/epcis/unit', p.unit),
            ...attr('https://nguongoc.vn/epcis/archived', p.archived_at ? 'true' : null),
          ],
        });
      } else if (entity === 'location') {
        const l = q(this.db, 'SELECT id, name, address, gln, kind FROM locations WHERE id = ?').get(id) as
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
        const p = q(this.db, 'SELECT id, name, address, gln, tax_code, phone, kind FROM partners WHERE id = ?').get(
          id,
        ) as Record<string, string | number | null> | undefined;
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
        const x = q(
          this.db,
          'SELECT name, address, tax_code, phone, province, ward FROM business WHERE id = 1',
        ).get() as Record<string, string | null> | undefined;
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
