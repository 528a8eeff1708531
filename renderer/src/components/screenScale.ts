// How many screen millimetres one CSS millimetre really is on this PC. CSS assumes 96 px per inch, which few
// screens are; the owner calibrates once against a bank card and the factor is kept in this PC's browser
// storage (machineSetting), not in the database: it belongs to the screen, not to the business.
import { machineSetting } from './machineSetting';

/** CSS pixels per millimetre at the CSS reference of 96 px per inch. */
export const CSS_PX_PER_MM = 96 / 25.4;
/** ISO/IEC 7810 ID-1: every bank card is 85.60 × 53.98 mm. */
export const CARD_MM = { w: 85.6, h: 53.98 };
export const SCALE_RANGE = { min: 0.5, max: 2.5 };

const scale = machineSetting('nguongoc.screenScale', (s) => {
  const v = Number(s);
  return s !== null && Number.isFinite(v) && v >= SCALE_RANGE.min && v <= SCALE_RANGE.max ? v : 1;
});

export function saveScreenScale(v: number): void {
  const clamped = Math.min(SCALE_RANGE.max, Math.max(SCALE_RANGE.min, v));
  scale.save(Math.round(clamped * 1000) / 1000);
}

/** The calibration factor (1 when never calibrated): CSS px per real mm = CSS_PX_PER_MM × factor. */
export const useScreenScale: () => number = scale.useValue;
