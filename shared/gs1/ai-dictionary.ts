// The Application Identifier table, generated from the GS1 Barcode Syntax Dictionary
// (scripts/gen-gs1-dictionary.mjs → ai-dictionary.generated.ts), plus lookups over it.
import { AI_ENTRIES } from './ai-dictionary.generated';

/** Character sets: N digits, X GS1 CSET 82, Y CSET 39, Z CSET 64 (base64url). */
export type Cset = 'N' | 'X' | 'Y' | 'Z';

/** One part of an AI's data field, e.g. `N6,yymmd0` or `[X..17]`. */
export interface AiComponent {
  cset: Cset;
  min: number;
  max: number;
  /** Optional components may be left off once the data runs out. */
  optional: boolean;
  /** Names of GS1 "linter" checks applied to this component (csum, yymmd0, iso3166…). */
  linters: string[];
}

export interface AiEntry {
  ai: string;
  /** Short title from the dictionary, e.g. "BATCH/LOT". */
  title: string;
  components: AiComponent[];
  minLength: number;
  maxLength: number;
  /** Every component has one fixed length. */
  fixedLength: boolean;
  /** True unless the AI is in the pre-defined length table ("*" flag): then no FNC1/GS follows it. */
  fnc1: boolean;
  /** "?" flag: may appear as a GS1 Digital Link data attribute (query parameter). */
  dlDataAttribute: boolean;
  flags: string;
  /** Each clause must hold: one of its alternatives (a list of AIs/patterns like "31nn", all present) is present. */
  req: string[][][];
  /** AIs or patterns ("394n") this AI may not appear with. */
  ex: string[];
  /** Digital Link primary key: alternative ordered qualifier sequences (`[[]]` = key without qualifiers); null if not a key. */
  dlpkey: string[][] | null;
}

const byAi = new Map<string, AiEntry>(AI_ENTRIES.map((e) => [e.ai, e]));

/** Every AI of the dictionary, in its lexical order. */
export const aiEntries: readonly AiEntry[] = AI_ENTRIES;

/** The dictionary entry for an AI, or undefined when GS1 has not defined it. */
export function aiEntry(ai: string): AiEntry | undefined {
  return byAi.get(ai);
}

/**
 * The AI at the start of `digits` (AIs are 2–4 digits and no AI is a prefix of another), or undefined.
 */
export function aiAtStart(digits: string): AiEntry | undefined {
  for (let len = 2; len <= 4; len++) {
    const e = byAi.get(digits.slice(0, len));
    if (e) return e;
  }
  return undefined;
}

/** True when an AI matches a dictionary pattern such as "31nn" or "394n" ("n" = any digit). */
export function aiMatchesPattern(ai: string, pattern: string): boolean {
  if (ai.length !== pattern.length) return false;
  for (let i = 0; i < ai.length; i++) if (pattern[i] !== 'n' && pattern[i] !== ai[i]) return false;
  return true;
}
