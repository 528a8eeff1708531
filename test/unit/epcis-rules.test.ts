// Every semantic rule (main/epcis/rules.ts) passes a correct document and catches the mistake it names.
import { describe, expect, it } from 'vitest';
import { checkEpcisRules, EPCIS_RULES, isIsoCountry, lotOfClass, type RuleId } from '../../main/epcis/rules';

const SHOP = 'https://id.gs1.org/414/9521234000017';
const FACTORY = 'https://id.gs1.org/414/9521234000024';
const lot = (l: string) => `urn:epc:class:lgtin:9521234.000001.${l}`;
type Ev = Record<string, unknown>;

function base(): { creationDate: string; epcisBody: { eventList: Ev[] }; epcisHeader?: unknown } {
  const q = [{ epcClass: lot('L1'), quantity: 10, uom: 'KGM' }];
  return {
    creationDate: '2026-11-29T10:00:00+07:00',
    epcisBody: {
      eventList: [
        {
          type: 'ObjectEvent',
          eventID: 'urn:uuid:r',
          eventTime: '2026-11-01T08:00:00+07:00',
          action: 'ADD',
          bizStep: 'receiving',
          disposition: 'in_progress',
          readPoint: { id: FACTORY },
          bizLocation: { id: FACTORY },
          quantityList: q,
          ilmd: { 'cbvmda:lotNumber': 'L1', 'cbvmda:itemExpirationDate': '2027-01-01' },
        },
        {
          type: 'TransformationEvent',
          eventID: 'urn:uuid:t',
          eventTime: '2026-11-02T08:00:00+07:00',
          transformationID: 'urn:nguongoc:x:batch:B1',
          'nguongoc:batchCode': 'B1',
          readPoint: { id: FACTORY },
          inputQuantityList: [{ epcClass: lot('L1'), quantity: 4, uom: 'KGM' }],
          outputQuantityList: [{ epcClass: lot('P1'), quantity: 8, uom: 'XBX' }],
        },
        {
          type: 'ObjectEvent',
          eventID: 'urn:uuid:s',
          eventTime: '2026-11-03T08:00:00+07:00',
          action: 'OBSERVE',
          bizStep: 'shipping',
          readPoint: { id: FACTORY },
          sourceList: [{ type: 'location', source: FACTORY }],
          destinationList: [{ type: 'location', destination: SHOP }],
          quantityList: [{ epcClass: lot('P1'), quantity: 8, uom: 'XBX' }],
        },
        {
          type: 'ObjectEvent',
          eventID: 'urn:uuid:a',
          eventTime: '2026-11-03T08:00:00+07:00',
          action: 'OBSERVE',
          bizStep: 'receiving',
          bizLocation: { id: SHOP },
          quantityList: [{ epcClass: lot('P1'), quantity: 8, uom: 'XBX' }],
        },
        {
          type: 'ObjectEvent',
          eventID: 'urn:uuid:r',
          eventTime: '2026-11-01T08:00:00+07:00',
          action: 'ADD',
          bizStep: 'receiving',
          readPoint: { id: FACTORY },
          quantityList: q,
          errorDeclaration: {
            declarationTime: '2026-11-04T08:00:00+07:00',
            reason: 'incorrect_data',
            correctiveEventIDs: ['urn:uuid:c'],
          },
        },
        {
          type: 'ObjectEvent',
          eventID: 'urn:uuid:c',
          eventTime: '2026-11-01T08:00:00+07:00',
          action: 'ADD',
          bizStep: 'receiving',
          readPoint: { id: FACTORY },
          quantityList: [{ epcClass: lot('L1'), quantity: 9.5, uom: 'KGM' }],
        },
      ],
    },
  };
}

const broken: [RuleId, (d: ReturnType<typeof base>) => void][] = [
  ['cbv-vocabulary', (d) => (d.epcisBody.eventList[2].bizStep = 'https://ref.gs1.org/cbv/BizStep-roasting')],
  ['uom-code', (d) => ((d.epcisBody.eventList[0].quantityList as { uom: string }[])[0].uom = 'kg')],
  ['count-integer', (d) => ((d.epcisBody.eventList[1].outputQuantityList as { quantity: number }[])[0].quantity = 7.5)],
  [
    'country-iso',
    (d) =>
      (d.epcisHeader = {
        epcisMasterData: {
          vocabularyList: [
            {
              type: 'urn:epcglobal:epcis:vtype:EPCClass',
              vocabularyElementList: [
                { id: 'x', attributes: [{ id: 'urn:epcglobal:cbv:mda#countryOfOrigin', attribute: 'Việt Nam' }] },
              ],
            },
          ],
        },
      }),
  ],
  ['event-location', (d) => delete d.epcisBody.eventList[3].bizLocation],
  ['ilmd-lot', (d) => ((d.epcisBody.eventList[0].ilmd as Record<string, string>)['cbvmda:lotNumber'] = 'L9')],
  [
    'ilmd-dates',
    (d) => ((d.epcisBody.eventList[0].ilmd as Record<string, string>)['cbvmda:itemExpirationDate'] = '01/01/2027'),
  ],
  [
    'declaration-time',
    (d) =>
      ((d.epcisBody.eventList[4].errorDeclaration as { declarationTime: string }).declarationTime =
        '2026-10-01T08:00:00+07:00'),
  ],
  ['transfer-arrives', (d) => d.epcisBody.eventList.splice(3, 1)],
  ['not-after-creation', (d) => (d.creationDate = '2026-11-02T09:00:00+07:00')],
  ['document-order', (d) => d.epcisBody.eventList.reverse()],
  ['quantity-uom', (d) => delete (d.epcisBody.eventList[0].quantityList as { uom?: string }[])[0].uom],
  ['transformation-id', (d) => delete d.epcisBody.eventList[1].transformationID],
];

describe('EPCIS semantic rules', () => {
  it('a correct document breaks none', () => {
    expect(checkEpcisRules(base())).toEqual([]);
    expect(checkEpcisRules(base(), 'capture', { now: Date.parse('2026-11-29T10:00:00+07:00') })).toEqual([]);
  });

  it.each(broken)('%s catches its mistake', (rule, change) => {
    const d = base();
    change(d);
    expect(checkEpcisRules(d).map((v) => v.rule)).toContain(rule);
  });

  it('covers every rule, and not-future needs the server clock', () => {
    const tested = new Set([...broken.map(([r]) => r), 'not-future']);
    expect(Object.keys(EPCIS_RULES).filter((r) => !tested.has(r))).toEqual([]);
    const d = base();
    expect(
      checkEpcisRules(d, 'capture', { now: Date.parse('2026-11-02T00:00:00+07:00') }).map((v) => v.rule),
    ).toContain('not-future');
  });

  it('knows ISO countries and the lot of an epcClass', () => {
    expect([isIsoCountry('VN'), isIsoCountry('Việt Nam'), isIsoCountry('ZZ'), isIsoCountry('XX')]).toEqual([
      true,
      false,
      false,
      false,
    ]);
    expect(lotOfClass(lot('A%2FB'))).toBe('A/B');
    expect(lotOfClass('https://id.gs1.org/01/09521234000015/10/L7')).toBe('L7');
    expect(lotOfClass('urn:nguongoc:0101:product:X:lot:L8')).toBe('L8');
  });
});
