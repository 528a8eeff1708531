// Semantic rules for EPCIS 2.0 documents, beyond the JSON schema: what a strict capture server checks and what
// our own exports promise (docs/epcis.md, "Rules"). The same code runs in the tests on every export and in the
// portal simulator on every capture, so a workshop meets a real server's strictness.
//   - `capture` rules hold for any correct EPCIS document (GS1's own examples pass them);
//   - `export` rules are the promises of our documents on top (event time ≤ creationDate, every quantity with
//     its unit, outputs of one batch sharing a transformationID).

export type RuleProfile = 'capture' | 'export';
export type RuleViolation = { rule: RuleId; eventID: string | null; detail: string };
type Ev = Record<string, unknown> & { eventID?: string; type?: string };
type Qty = { epcClass?: string; quantity?: number; uom?: string };
type Doc = {
  creationDate?: string;
  epcisHeader?: { epcisMasterData?: { vocabularyList?: { vocabularyElementList?: MdElement[] }[] } };
  epcisBody?: { eventList?: Ev[] };
};
type MdElement = { id?: string; attributes?: { id?: string; attribute?: unknown }[] };

/** Every rule: its id (used in tests, problem documents and docs/epcis.md), profile and what it says. */
export const EPCIS_RULES = {
  'cbv-vocabulary': { profile: 'capture', vi: 'bizStep, disposition và các loại nguồn/đích phải là từ CBV hoặc URI' },
  'uom-code': { profile: 'capture', vi: 'Đơn vị (uom) phải là mã UN/CEFACT Rec 20' },
  'count-integer': { profile: 'capture', vi: 'Số lượng đếm (không có uom, hoặc uom đếm như H87) phải là số nguyên' },
  'country-iso': { profile: 'capture', vi: 'countryOfOrigin phải là mã nước ISO 3166-1 hai chữ (VN)' },
  'event-location': { profile: 'capture', vi: 'Mỗi sự kiện phải có readPoint hoặc bizLocation' },
  'ilmd-lot': { profile: 'export', vi: 'Số lô trong ilmd phải là lô của hàng trong sự kiện' },
  'ilmd-dates': { profile: 'capture', vi: 'Ngày trong ilmd phải có dạng YYYY-MM-DD' },
  'declaration-time': { profile: 'capture', vi: 'Khai báo sửa sai không được trước sự kiện nó sửa' },
  'transfer-arrives': {
    profile: 'capture',
    vi: 'Chuyển kho nội bộ phải có sự kiện nhận hàng ở nơi đến, cùng lô và số lượng',
  },
  'not-future': {
    profile: 'capture',
    vi: 'Thời gian sự kiện không được ở tương lai (quá 5 phút so với đồng hồ của cổng)',
  },
  'not-after-creation': { profile: 'export', vi: 'Thời gian sự kiện không được sau thời điểm tạo tài liệu' },
  'document-order': {
    profile: 'export',
    vi: 'Sự kiện trong tài liệu theo thứ tự thời gian; khai báo sửa sai sau sự kiện gốc',
  },
  'quantity-uom': { profile: 'export', vi: 'Mỗi số lượng phải có đơn vị UN/CEFACT (uom)' },
  'transformation-id': { profile: 'export', vi: 'Các thành phẩm của một mẻ phải chung một transformationID' },
} as const satisfies Record<string, { profile: RuleProfile; vi: string }>;
export type RuleId = keyof typeof EPCIS_RULES;

const CBV_BIZSTEPS = new Set(
  'accepting arriving assembling collecting commissioning consigning creating_class_instance cycle_counting decommissioning departing destroying disassembling dispensing encoding entering_exiting holding inspecting installing killing loading other packing picking receiving removing repackaging repairing replacing reserving retail_selling sampling sensor_reporting shipping staging_outbound stock_taking stocking storing transporting unloading unpacking void_shipping'.split(
    ' ',
  ),
);
const CBV_DISPOSITIONS = new Set(
  'active available completeness_inferred completeness_verified conformant container_closed container_open damaged destroyed dispensed disposed encoded expired in_progress in_transit inactive mismatch_class mismatch_instance mismatch_quantity needs_replacement no_pedigree_match non_conformant non_sellable_other partially_dispensed recalled reserved retail_sold returned sellable_accessible sellable_not_accessible stolen unavailable unknown'.split(
    ' ',
  ),
);
const CBV_SOURCE_TYPES = new Set(['owning_party', 'possessing_party', 'location']);
const CBV_BIZ_TRANSACTION_TYPES = new Set(
  'bol cert desadv inv pedigree po poc prodorder recadv rma testprd testres upevt'.split(' '),
);
/** UN/CEFACT Rec 20 codes that count items: a quantity in them is a whole number. */
export const COUNT_UOMS = new Set([
  'H87',
  'C62',
  'EA',
  'XBX',
  'XPK',
  'XBG',
  'XBO',
  'XCX',
  'XCA',
  'XJR',
  'XRO',
  'XCT',
  'XSA',
]);

const isUri = (v: string) => /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(v);
const cbvTerm = (set: Set<string>, v: unknown, prefix: string) =>
  typeof v === 'string' && (set.has(v) || (isUri(v) && (!v.startsWith(prefix) || set.has(v.slice(prefix.length)))));

const regions = new Intl.DisplayNames(['en'], { type: 'region' });
/** ISO 3166-1 alpha-2: two capitals that name a country (Intl knows them; unknown codes come back unchanged). */
export function isIsoCountry(v: unknown): boolean {
  if (typeof v !== 'string' || !/^[A-Z]{2}$/.test(v) || ['EU', 'UN', 'EZ', 'QO', 'XK', 'ZZ'].includes(v)) return false;
  const name = regions.of(v);
  return !!name && name !== v && name !== 'Unknown Region';
}

/** The lot in an epcClass (lgtin URN or Digital Link with AI 10), or null when the class has no lot. */
export function lotOfClass(epcClass: string): string | null {
  const urn = /^urn:epc:class:lgtin:[^.]+\.[^.]+\.(.+)$/.exec(epcClass);
  if (urn) return decodeURIComponent(urn[1]);
  const dl = /\/01\/\d{14}\/10\/([^/?#]+)/.exec(epcClass);
  if (dl) return decodeURIComponent(dl[1]);
  const priv = /[:/]lot[:/]([^:/?#]+)$/.exec(epcClass);
  return priv ? decodeURIComponent(priv[1]) : null;
}

const quantities = (e: Ev): Qty[] =>
  [e.quantityList, e.inputQuantityList, e.outputQuantityList, e.childQuantityList].flatMap((l) =>
    Array.isArray(l) ? (l as Qty[]) : [],
  );
const time = (v: unknown) => (typeof v === 'string' ? Date.parse(v) : NaN);
const locId = (v: unknown) => (v as { id?: string } | undefined)?.id ?? null;
const declaration = (e: Ev) =>
  e.errorDeclaration as { declarationTime?: string; correctiveEventIDs?: string[] } | undefined;
const qtyKey = (qs: Qty[]) =>
  qs
    .map((q) => `${q.epcClass}|${q.quantity}|${q.uom ?? ''}`)
    .sort()
    .join(',');

type Check = (e: Ev, push: (rule: RuleId, detail: string) => void) => void;

/** Rules on one event alone. */
const EVENT_CHECKS: Check[] = [
  (e, push) => {
    if (e.bizStep !== undefined && !cbvTerm(CBV_BIZSTEPS, e.bizStep, 'https://ref.gs1.org/cbv/BizStep-'))
      push('cbv-vocabulary', `bizStep ${String(e.bizStep)}`);
    if (e.disposition !== undefined && !cbvTerm(CBV_DISPOSITIONS, e.disposition, 'https://ref.gs1.org/cbv/Disp-'))
      push('cbv-vocabulary', `disposition ${String(e.disposition)}`);
    for (const s of [
      ...((e.sourceList as { type?: string }[]) ?? []),
      ...((e.destinationList as { type?: string }[]) ?? []),
    ])
      if (!cbvTerm(CBV_SOURCE_TYPES, s.type, 'https://ref.gs1.org/cbv/SDT-'))
        push('cbv-vocabulary', `source/destination type ${s.type}`);
    for (const t of (e.bizTransactionList as { type?: string }[]) ?? [])
      if (t.type !== undefined && !cbvTerm(CBV_BIZ_TRANSACTION_TYPES, t.type, 'https://ref.gs1.org/cbv/BTT-'))
        push('cbv-vocabulary', `bizTransaction type ${t.type}`);
  },
  (e, push) => {
    for (const q of quantities(e)) {
      if (q.uom !== undefined && !/^[A-Z0-9]{2,3}$/.test(q.uom)) push('uom-code', `uom ${q.uom}`);
      if ((q.uom === undefined || COUNT_UOMS.has(q.uom)) && q.quantity !== undefined && !Number.isInteger(q.quantity))
        push('count-integer', `${q.epcClass} × ${q.quantity} ${q.uom ?? ''}`.trim());
    }
  },
  (e, push) => {
    const ilmd = e.ilmd as Record<string, unknown> | undefined;
    if (ilmd && ilmd['cbvmda:countryOfOrigin'] !== undefined && !isIsoCountry(ilmd['cbvmda:countryOfOrigin']))
      push('country-iso', `ilmd countryOfOrigin ${String(ilmd['cbvmda:countryOfOrigin'])}`);
    if (ilmd) {
      for (const k of [
        'cbvmda:itemExpirationDate',
        'cbvmda:bestBeforeDate',
        'cbvmda:sellByDate',
        'nguongoc:productionDate',
      ])
        if (ilmd[k] !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(ilmd[k])))
          push('ilmd-dates', `${k} ${String(ilmd[k])}`);
      const lot = ilmd['cbvmda:lotNumber'];
      const created =
        e.type === 'TransformationEvent' ? ((e.outputQuantityList as Qty[]) ?? []) : ((e.quantityList as Qty[]) ?? []);
      for (const q of created) {
        const l = q.epcClass ? lotOfClass(q.epcClass) : null;
        if (lot !== undefined && l !== null && l !== lot)
          push('ilmd-lot', `ilmd lotNumber ${String(lot)} ≠ ${q.epcClass}`);
      }
    }
  },
  (e, push) => {
    if (!locId(e.readPoint) && !locId(e.bizLocation)) push('event-location', 'no readPoint or bizLocation');
  },
  (e, push) => {
    const d = declaration(e);
    if (d && time(d.declarationTime) < time(e.eventTime))
      push('declaration-time', `declarationTime ${d.declarationTime} < eventTime ${String(e.eventTime)}`);
  },
];

/** Internal transfers: a shipping between locations with no change of owner must arrive (receiving at the destination). */
function checkTransfers(events: Ev[], push: (e: Ev, rule: RuleId, detail: string) => void): void {
  const live = events.filter((e) => !declaration(e));
  for (const e of live) {
    if (e.bizStep !== 'shipping' || e.type !== 'ObjectEvent') continue;
    const dests = (e.destinationList as { type?: string; destination?: string }[]) ?? [];
    const sources = (e.sourceList as { type?: string; source?: string }[]) ?? [];
    const to = dests.find((d) => d.type === 'location')?.destination;
    if (!to || [...dests, ...sources].some((x) => x.type === 'owning_party')) continue;
    const want = qtyKey((e.quantityList as Qty[]) ?? []);
    const arrived = live.some(
      (r) =>
        r.bizStep === 'receiving' &&
        locId(r.bizLocation) === to &&
        qtyKey((r.quantityList as Qty[]) ?? []) === want &&
        time(r.eventTime) >= time(e.eventTime),
    );
    if (!arrived) push(e, 'transfer-arrives', `no receiving at ${to}`);
  }
}

/** The time an event became known: its eventTime, or, for an error declaration and its corrective event, the declaration time. */
function knownAt(events: Ev[]): Map<Ev, number> {
  const corrective = new Map<string, number>();
  for (const e of events) {
    const d = declaration(e);
    for (const id of d?.correctiveEventIDs ?? []) corrective.set(id, time(d!.declarationTime));
  }
  return new Map(
    events.map((e) => {
      const d = declaration(e);
      return [e, d ? time(d.declarationTime) : (corrective.get(String(e.eventID)) ?? time(e.eventTime))];
    }),
  );
}

function checkOrder(doc: Doc, events: Ev[], push: (e: Ev, rule: RuleId, detail: string) => void): void {
  const created = time(doc.creationDate);
  const known = knownAt(events);
  const seen = new Set<string>();
  let last = -Infinity;
  for (const e of events) {
    const d = declaration(e);
    if (time(e.eventTime) > created || (d && time(d.declarationTime) > created))
      push(e, 'not-after-creation', `${String(d?.declarationTime ?? e.eventTime)} > creationDate ${doc.creationDate}`);
    const k = known.get(e)!;
    if (k < last) push(e, 'document-order', `${new Date(k).toISOString()} after a later event`);
    last = Math.max(last, k);
    if (d && !seen.has(String(e.eventID)) && events.some((o) => o !== e && o.eventID === e.eventID && !declaration(o)))
      push(e, 'document-order', 'error declaration before its event');
    if (!d) seen.add(String(e.eventID));
  }
}

function checkUom(events: Ev[], push: (e: Ev, rule: RuleId, detail: string) => void): void {
  for (const e of events)
    for (const q of quantities(e)) if (q.uom === undefined) push(e, 'quantity-uom', `${q.epcClass} × ${q.quantity}`);
}

function checkTransformationIds(events: Ev[], push: (e: Ev, rule: RuleId, detail: string) => void): void {
  const byBatch = new Map<string, Set<unknown>>();
  for (const e of events) {
    if (e.type !== 'TransformationEvent' || declaration(e)) continue;
    if (!e.transformationID) push(e, 'transformation-id', 'no transformationID');
    const batch = e['nguongoc:batchCode'];
    if (typeof batch !== 'string') continue;
    const ids = byBatch.get(batch) ?? new Set();
    ids.add(e.transformationID);
    byBatch.set(batch, ids);
    if (ids.size > 1) push(e, 'transformation-id', `batch ${batch} has ${ids.size} transformationIDs`);
  }
}

function checkMasterData(doc: Doc, push: (rule: RuleId, detail: string) => void): void {
  for (const v of doc.epcisHeader?.epcisMasterData?.vocabularyList ?? [])
    for (const el of v.vocabularyElementList ?? [])
      for (const a of el.attributes ?? [])
        if (a.id === 'urn:epcglobal:cbv:mda#countryOfOrigin' && !isIsoCountry(a.attribute))
          push('country-iso', `${el.id} countryOfOrigin ${String(a.attribute)}`);
}

/** Every violation of the rules of `profile` (`export` includes the `capture` rules) in one EPCIS document. */
export function checkEpcisRules(
  doc: unknown,
  profile: RuleProfile = 'export',
  opts: { now?: number } = {},
): RuleViolation[] {
  const d = doc as Doc;
  const events = d.epcisBody?.eventList ?? [];
  const out: RuleViolation[] = [];
  const add = (e: Ev | null, rule: RuleId, detail: string) =>
    out.push({ rule, eventID: e ? String(e.eventID ?? '') : null, detail });
  const applies = (rule: RuleId) => profile === 'export' || EPCIS_RULES[rule].profile === 'capture';
  for (const e of events)
    for (const check of EVENT_CHECKS) check(e, (rule, detail) => applies(rule) && add(e, rule, detail));
  checkTransfers(events, add);
  // A receiving server's clock: an event more than five minutes ahead of it has not happened yet.
  if (opts.now !== undefined)
    for (const e of events)
      if (time(e.eventTime) > opts.now + 5 * 60_000) add(e, 'not-future', `eventTime ${String(e.eventTime)}`);
  checkMasterData(d, (rule, detail) => add(null, rule, detail));
  if (profile === 'export') {
    checkOrder(d, events, add);
    checkUom(events, add);
    checkTransformationIds(events, add);
  }
  return out;
}

/** Violations grouped by rule, for a short test message or report. */
export function summarise(violations: RuleViolation[]): Record<string, number> {
  const s: Record<string, number> = {};
  for (const v of violations) s[v.rule] = (s[v.rule] ?? 0) + 1;
  return s;
}
