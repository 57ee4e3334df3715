/**
 * Dates stated in a sentence, as ISO 8601 at the precision given: "in 2017" → 2017, "in March 2022" →
 * 2022-03, "on 16 March 2021" / "22 марта 2024 года" → 2021-03-16. Relative dates ("on Tuesday", "вчера",
 * "last month", "22 марта" without a year) are resolved only against a known publication date (valid, years
 * 1900–2100), as the most recent such day or month on or before it (news reports the past); without one
 * they are left out. Days are UTC days of the publication time.
 */
import { lowercaseSameLength } from './word-pattern.ts';

/** A date found in a sentence, with its span. */
export interface DateMention {
  date: string;
  start: number;
  end: number;
}

const englishMonths = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const russianMonthStems = [
  'январ',
  'феврал',
  'март',
  'апрел',
  'ма',
  'июн',
  'июл',
  'август',
  'сентябр',
  'октябр',
  'ноябр',
  'декабр',
];
const englishWeekdays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const russianWeekdays = ['воскресенье', 'понедельник', 'вторник', 'среду', 'четверг', 'пятницу', 'субботу'];

const enMonth = `(${englishMonths.join('|')}|Sept)`;
const ruMonthGenitive = '(января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)';
const ruMonthPrepositional =
  '(январе|феврале|марте|апреле|мае|июне|июле|августе|сентябре|октябре|ноябре|декабре)';
// Explicit letter classes and no u flag: these run on two-byte text often, where \p{…} is several times slower.
const end = '(?![A-Za-zА-Яа-яЁё0-9])';
const begin = '(?<![A-Za-zА-Яа-яЁё0-9])';

/** Cheap tests that decide which forms can match at all; most sentences have no month, weekday or year. */
const gates = {
  digits: (text: string) => /\d/.test(text),
  englishMonth: (text: string) =>
    /January|February|March|April|May|June|July|August|September|October|November|December|Sept/.test(text),
  russianMonth: (_text: string, lower: string) =>
    /январ|феврал|март|апрел|ма[йяе]|июн|июл|август|сентябр|октябр|ноябр|декабр/.test(lower),
  englishWeekday: (text: string) => /(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day/.test(text),
  russianWeekday: (_text: string, lower: string) =>
    /понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье/.test(lower),
  relative: (_text: string, lower: string) =>
    /yesterday|today|last\s+(?:month|year)|вчера|сегодня|прошлом/.test(lower),
};
type Gate = keyof typeof gates;

/**
 * Each form with its gate, the text it reads (English forms the original, case-sensitive so the modal "may"
 * is not May; Russian forms the lowercased text) and how it becomes a date.
 */
const forms: {
  gate: Gate[];
  lower?: true;
  pattern: RegExp;
  read: (found: RegExpExecArray, published: Date | undefined) => string | null;
}[] = [
  {
    gate: ['digits', 'englishMonth'],
    pattern: new RegExp(`${begin}(\\d{1,2})\\s+${enMonth},?\\s+(\\d{4})${end}`, 'g'),
    read: (f) => day(f[3], englishMonth(f[2]), f[1]),
  },
  {
    gate: ['digits', 'englishMonth'],
    pattern: new RegExp(`${begin}${enMonth}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})${end}`, 'g'),
    read: (f) => day(f[3], englishMonth(f[1]), f[2]),
  },
  {
    gate: ['digits', 'russianMonth'],
    lower: true,
    pattern: new RegExp(`${begin}(\\d{1,2})\\s+${ruMonthGenitive}\\s+(\\d{4})${end}`, 'g'),
    read: (f) => day(f[3], russianMonth(f[2]), f[1]),
  },
  {
    gate: ['digits', 'englishMonth'],
    pattern: new RegExp(`${begin}${enMonth}(?:\\s+of)?\\s+(\\d{4})${end}`, 'g'),
    read: (f) => month(f[2], englishMonth(f[1])),
  },
  {
    gate: ['digits', 'russianMonth'],
    lower: true,
    pattern: new RegExp(`${begin}${ruMonthPrepositional}\\s+(\\d{4})${end}`, 'g'),
    read: (f) => month(f[2], russianMonth(f[1])),
  },
  {
    gate: ['digits', 'englishMonth'],
    pattern: new RegExp(`${begin}(\\d{1,2})\\s+${enMonth}${end}`, 'g'),
    read: (f, p) => recentDay(p, englishMonth(f[2]), f[1]),
  },
  {
    gate: ['digits', 'englishMonth'],
    pattern: new RegExp(`${begin}${enMonth}\\s+(\\d{1,2})(?:st|nd|rd|th)?${end}`, 'g'),
    read: (f, p) => recentDay(p, englishMonth(f[1]), f[2]),
  },
  {
    gate: ['digits', 'russianMonth'],
    lower: true,
    pattern: new RegExp(`${begin}(\\d{1,2})\\s+${ruMonthGenitive}${end}`, 'g'),
    read: (f, p) => recentDay(p, russianMonth(f[2]), f[1]),
  },
  {
    gate: ['digits'],
    lower: true,
    pattern: new RegExp(
      `${begin}(?:in|since|by|during|until|from|of)\\s+(\\d{4})${end}(?!\\s*(?:-|–|and|to)\\s*\\d)`,
      'g',
    ),
    read: (f) => year(f[1]),
  },
  {
    gate: ['digits'],
    lower: true,
    pattern: new RegExp(`${begin}(\\d{4})\\s*(?:году|года|год|г\\.)`, 'g'),
    read: (f) => year(f[1]),
  },
  {
    gate: ['englishMonth'],
    pattern: new RegExp(
      `${begin}(?:[Ii]n|[Ss]ince|[Bb]y|[Dd]uring|[Uu]ntil|[Ff]rom|[Ee]arly|[Ll]ate|[Mm]id-?)\\s+${enMonth}${end}`,
      'g',
    ),
    read: (f, p) => recentMonth(p, englishMonth(f[1])),
  },
  {
    gate: ['russianMonth'],
    lower: true,
    pattern: new RegExp(`${begin}в\\s+${ruMonthPrepositional}${end}`, 'g'),
    read: (f, p) => recentMonth(p, russianMonth(f[1])),
  },
  {
    gate: ['englishWeekday'],
    pattern: new RegExp(`${begin}(?:[Oo]n\\s+|[Ll]ast\\s+)?(${englishWeekdays.join('|')})${end}`, 'g'),
    read: (f, p) => recentWeekday(p, englishWeekdays.indexOf(f[1]!)),
  },
  {
    gate: ['russianWeekday'],
    lower: true,
    pattern: new RegExp(`${begin}во?\\s+(${russianWeekdays.join('|')})${end}`, 'g'),
    read: (f, p) => recentWeekday(p, russianWeekdays.indexOf(f[1]!)),
  },
  {
    gate: ['relative'],
    lower: true,
    pattern: new RegExp(`${begin}(yesterday|today|вчера|сегодня)${end}`, 'g'),
    read: (f, p) => relativeDay(p, f[1] === 'yesterday' || f[1] === 'вчера' ? -1 : 0),
  },
  {
    gate: ['relative'],
    lower: true,
    pattern: new RegExp(`${begin}(?:last\\s+month|в\\s+прошлом\\s+месяце)${end}`, 'g'),
    read: (_f, p) => relativeMonth(p, -1),
  },
  {
    gate: ['relative'],
    lower: true,
    pattern: new RegExp(`${begin}(?:last\\s+year|в\\s+прошлом\\s+году)${end}`, 'g'),
    read: (_f, p) => (p === undefined ? null : String(p.getUTCFullYear() - 1)),
  },
];

/** Every date `sentence` states, in order of position; overlapping readings keep the most precise (first listed) form. `lowered` is the sentence lowercased, when the caller has it. */
export function findDates(sentence: string, publishedAt?: Date, lowered?: string): DateMention[] {
  const published = isPlausible(publishedAt) ? publishedAt : undefined;
  const lower = lowered ?? lowercaseSameLength(sentence);
  const open = new Map<Gate, boolean>();
  const isOpen = (gate: Gate) => {
    const known = open.get(gate);
    if (known !== undefined) return known;
    const value = gates[gate](sentence, lower);
    open.set(gate, value);
    return value;
  };
  const found: DateMention[] = [];
  // Spans already read by a more precise form, even when that reading failed ("31 February 2021" is not February).
  const taken: { start: number; end: number }[] = [];
  for (const form of forms) {
    if (!form.gate.every(isOpen)) continue;
    const text = form.lower === true ? lower : sentence;
    form.pattern.lastIndex = 0;
    for (let match = form.pattern.exec(text); match !== null; match = form.pattern.exec(text)) {
      const start = match.index;
      const stop = start + match[0].length;
      if (taken.some((other) => start < other.end && stop > other.start)) continue;
      taken.push({ start, end: stop });
      const date = form.read(match, published);
      if (date !== null) found.push({ date, start, end: stop });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** A publication date wirewatch can resolve against: valid, between 1900 and 2100 (so ISO years keep four digits). */
function isPlausible(date: Date | undefined): date is Date {
  if (date === undefined || !Number.isFinite(date.getTime())) return false;
  const year = date.getUTCFullYear();
  return year >= 1900 && year <= 2100;
}

function englishMonth(name: string | undefined): number {
  return name === 'Sept' ? 9 : englishMonths.indexOf(name ?? '') + 1;
}

function russianMonth(name: string | undefined): number {
  const lower = (name ?? '').toLowerCase();
  // "ма" (май, мая, мае) is a prefix of "март": test the longer stems first.
  for (let i = 0; i < russianMonthStems.length; i++)
    if (i !== 4 && lower.startsWith(russianMonthStems[i]!)) return i + 1;
  return lower.startsWith('ма') ? 5 : 0;
}

function year(value: string | undefined): string | null {
  const number = Number(value);
  return number >= 1900 && number <= 2100 ? String(number) : null;
}

function month(yearValue: string | undefined, monthNumber: number): string | null {
  const y = year(yearValue);
  return y === null || monthNumber < 1 ? null : `${y}-${pad(monthNumber)}`;
}

function day(
  yearValue: string | undefined,
  monthNumber: number,
  dayValue: string | undefined,
): string | null {
  const y = year(yearValue);
  const d = Number(dayValue);
  if (y === null || monthNumber < 1 || d < 1 || d > daysIn(Number(y), monthNumber)) return null;
  return `${y}-${pad(monthNumber)}-${pad(d)}`;
}

/** The day/month without a year: the latest such date on or before publication (a day's slack for time zones). */
function recentDay(
  published: Date | undefined,
  monthNumber: number,
  dayValue: string | undefined,
): string | null {
  if (published === undefined) return null;
  const publishedYear = published.getUTCFullYear();
  const candidate = Date.UTC(publishedYear, monthNumber - 1, Number(dayValue));
  const latest = published.getTime() + 86_400_000;
  return day(String(candidate > latest ? publishedYear - 1 : publishedYear), monthNumber, dayValue);
}

function recentMonth(published: Date | undefined, monthNumber: number): string | null {
  if (published === undefined || monthNumber < 1) return null;
  const publishedYear = published.getUTCFullYear();
  return month(
    String(monthNumber > published.getUTCMonth() + 1 ? publishedYear - 1 : publishedYear),
    monthNumber,
  );
}

function recentWeekday(published: Date | undefined, weekday: number): string | null {
  if (published === undefined || weekday < 0) return null;
  const back = (published.getUTCDay() - weekday + 7) % 7;
  return isoDay(published.getTime() - back * 86_400_000);
}

function relativeDay(published: Date | undefined, offsetDays: number): string | null {
  return published === undefined ? null : isoDay(published.getTime() + offsetDays * 86_400_000);
}

function relativeMonth(published: Date | undefined, offsetMonths: number): string | null {
  if (published === undefined) return null;
  const when = new Date(Date.UTC(published.getUTCFullYear(), published.getUTCMonth() + offsetMonths, 1));
  return `${when.getUTCFullYear()}-${pad(when.getUTCMonth() + 1)}`;
}

function isoDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

function daysIn(yearNumber: number, monthNumber: number): number {
  return new Date(Date.UTC(yearNumber, monthNumber, 0)).getUTCDate();
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
