/**
 * Month names and time-zone abbreviations met in feed dates.
 */
import { monthNumber } from '../bulk/parse-date-line.ts';

/** Russian month names (nominative, genitive and abbreviated) → month number. */
const russianMonths: [RegExp, number][] = [
  [/^янв(ар[ьяе])?$/, 1],
  [/^фев(р(ал[ьяе])?)?$/, 2],
  [/^мар(т[ае]?)?$/, 3],
  [/^апр(ел[ьяе])?$/, 4],
  [/^ма[йяе]$/, 5],
  [/^июн[ьяе]?$/, 6],
  [/^июл[ьяе]?$/, 7],
  [/^авг(уст[ае]?)?$/, 8],
  [/^сен(т(ябр[ьяе])?)?$/, 9],
  [/^окт(ябр[ьяе])?$/, 10],
  [/^ноя(б(р[ьяе])?)?$/, 11],
  [/^дек(абр[ьяе])?$/, 12],
];

/** The month number (1–12) of an English or Russian month name or abbreviation (`Sept`, `мая`), else 0. */
export function monthFromName(name: string): number {
  const lower = name.toLowerCase().replace(/\.$/, '');
  const english = monthNumber(lower);
  if (english !== 0) return english;
  if (lower === 'sept') return 9;
  for (const [pattern, month] of russianMonths) if (pattern.test(lower)) return month;
  return 0;
}

/**
 * Zone abbreviations in minutes east of UTC. RFC 822's own (UT, GMT, the North American zones) and the
 * ones this archive's sources use: Russia, Central Asia, the Caucasus, Europe, Asia. Ambiguous letters
 * take their RFC 822 meaning (CST is US Central, not China).
 */
const zoneOffsets = new Map<string, number>(
  Object.entries({
    ut: 0,
    utc: 0,
    gmt: 0,
    z: 0,
    wet: 0,
    west: 60,
    bst: 60,
    cet: 60,
    cest: 120,
    mez: 60,
    mesz: 120,
    eet: 120,
    eest: 180,
    msk: 180,
    msd: 240,
    trt: 180,
    eat: 180,
    samt: 240,
    get: 240,
    azt: 240,
    gst: 240,
    yekt: 300,
    pkt: 300,
    uzt: 300,
    tjt: 300,
    tmt: 300,
    aqtt: 300,
    ist: 330,
    npt: 345,
    kgt: 360,
    omst: 360,
    novt: 420,
    krat: 420,
    ict: 420,
    wib: 420,
    irkt: 480,
    hkt: 480,
    sgt: 480,
    awst: 480,
    yakt: 540,
    jst: 540,
    kst: 540,
    acst: 570,
    aest: 600,
    vlat: 600,
    acdt: 630,
    aedt: 660,
    magt: 660,
    pett: 720,
    nzst: 720,
    nzdt: 780,
    brt: -180,
    art: -180,
    adt: -180,
    ast: -240,
    edt: -240,
    est: -300,
    cdt: -300,
    cst: -360,
    mdt: -360,
    mst: -420,
    pdt: -420,
    pst: -480,
    akdt: -480,
    akst: -540,
    hst: -600,
  }),
);

/** The day Kazakhstan moved to one zone, UTC+5 (Almaty and Kostanay had been UTC+6). */
const kazakhstanUnifiedYear = 2024;

/**
 * Minutes east of UTC for `Z`, `+0500`, `+05:00`, `+5`, `GMT+3`, `UTC-05:30` or a known abbreviation;
 * null for an unknown one. `year` settles zones whose offset changed (ALMT was +6 before 2024).
 */
export function zoneOffsetMinutes(zone: string, year: number): number | null {
  const lower = zone.toLowerCase();
  if (lower === 'almt' || lower === 'qyzt') return year < kazakhstanUnifiedYear ? 360 : 300;
  const named = zoneOffsets.get(lower);
  if (named !== undefined) return named;
  const numeric = /^(?:gmt|utc|ut)?([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(lower);
  if (numeric === null) return null;
  const [, sign, hours, minutes] = numeric;
  // "+0500" has its minutes glued on: two hour digits then two minute digits.
  const total = Number(hours) * 60 + Number(minutes ?? 0);
  if (Number(hours) > 14 || Number(minutes ?? 0) > 59) return null;
  return sign === '-' ? -total : total;
}
