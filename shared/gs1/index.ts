// The GS1 library: AI dictionary, scanner input parsing, element-string and Digital Link building, EPC URNs.
// Import from 'shared/gs1' (this file); the error codes have Vietnamese/English messages in shared/i18n/gs1.ts.
//
//   Receiving:  const scan = parseScan(text, { today });      // scan.gtin, .lot, .expiryDate… ; scan.errors
//               gs1ErrorMessage(scan.errors[0], 'vi')          // words for the shop owner
//   Labels:     buildElementString([{ai:'01',value:gtin14},{ai:'17',value:isoToYymmdd(exp)!},{ai:'10',value:lot}])
//               → { hri: '(01)…(17)…(10)…', data: barcode data with GS where needed }
//               productDigitalLink({ gtin, lot, expiryDate, domain })  → QR content
//               validateAiValue(ai, value), lotCodeProblem(lot), toGs1LotCode(text)
//   EPCIS:      lotEpcClass(gtin, lot, business.gs1CompanyPrefix) → lgtin URN for own GTINs, else Digital Link;
//               sglnUrn(gln, prefixLength), ssccUrn(sscc, prefixLength), sscc18(ext, prefix, serialRef)
// Nothing here throws on bad data: results are `{ ok, …, errors }` with GS1_* codes.
import '../i18n/gs1';

export { gs1CheckDigit, hasValidCheckDigit, gtinProblem, glnProblem, toGtin14, withCheckDigit } from './checkdigit';
export type { GtinProblem, GlnProblem } from './checkdigit';
export { aiEntry, aiEntries, aiAtStart, aiMatchesPattern } from './ai-dictionary';
export type { AiEntry, AiComponent, Cset } from './ai-dictionary';
export { validateAiValue, checkAssociations, GS1_ERROR_CODES } from './validate';
export type { AiValue, Gs1Error, Gs1ErrorCode } from './validate';
export { GS, parseScan, parseElementString, parseHri } from './element-string';
export type { Gs1Scan, ScanOptions, ScanForm } from './element-string';
export { buildElementString, lotCodeProblem, toGs1LotCode, LOT_MAX_LENGTH } from './build';
export type { BuildOptions, BuildResult } from './build';
export { isoToYymmdd, yymmddToIso, gs1Century } from './dates';
export { DEFAULT_DL_DOMAIN, buildDigitalLink, productDigitalLink, parseDigitalLink, dlEncode } from './digital-link';
export type { DigitalLinkResult } from './digital-link';
export {
  lotEpcClass,
  lgtinUrn,
  sgtinUrn,
  sglnUrn,
  ssccUrn,
  sscc18,
  lgtinDigitalLink,
  parseEpcUrn,
  epcEscape,
  epcUnescape,
} from './epc';
export type { EpcResult, ParsedEpc } from './epc';
export { checkCharacterPair } from './linters';
export { gs1ErrorMessage, aiName } from '../i18n/gs1';
