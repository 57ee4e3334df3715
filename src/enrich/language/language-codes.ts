/**
 * ISO 639-3 → ISO 639-1, for the codes franc's models use.
 */
import { iso6393To1 } from 'iso-639-3/iso6393-to-1.js';

/**
 * franc names some models by an individual language inside a macrolanguage (Northern Uzbek `uzn`,
 * not Uzbek `uzb`); iso-639-3's table maps only the macrolanguage, so these are mapped here.
 */
const individualToMacro: Readonly<Record<string, string>> = {
  uzn: 'uz',
  uzs: 'uz',
  azj: 'az',
  azb: 'az',
  khk: 'mn',
  zlm: 'ms',
  lvs: 'lv',
  ekk: 'et',
  als: 'sq',
  swh: 'sw',
  cmn: 'zh',
  arb: 'ar',
  pes: 'fa',
  prs: 'fa',
  plt: 'mg',
  pbu: 'ps',
  pbt: 'ps',
  ckb: 'ku',
  kmr: 'ku',
  ydd: 'yi',
  quz: 'qu',
  qug: 'qu',
  quy: 'qu',
  ayr: 'ay',
  gaz: 'om',
  knc: 'kr',
  npi: 'ne',
  ory: 'or',
};

/** The ISO 639-1 code of an ISO 639-3 code, or null when the language has none (e.g. `sco`). */
export function toIso6391(code: string): string | null {
  return iso6393To1[code] ?? individualToMacro[code] ?? null;
}
