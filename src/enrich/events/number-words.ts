/**
 * Number words of English and Russian (with the Russian case forms and collective numerals: пятеро,
 * пятерых), and the vague quantity words that mean "a count was not given" (dozens, десятки).
 */

const englishUnits: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};

/** Russian number words by stem, longest first (двадцат before два); any case ending may follow (двух, пятерых, двадцати). */
const russianStems: [RegExp, number][] = [
  [/^одиннадцат/, 11],
  [/^двенадцат/, 12],
  [/^тринадцат/, 13],
  [/^четырнадцат/, 14],
  [/^пятнадцат/, 15],
  [/^шестнадцат/, 16],
  [/^семнадцат/, 17],
  [/^восемнадцат/, 18],
  [/^девятнадцат/, 19],
  [/^двадцат/, 20],
  [/^тридцат/, 30],
  [/^сорок/, 40],
  [/^(?:пятьдесят|пятидесят)/, 50],
  [/^(?:шестьдесят|шестидесят)/, 60],
  [/^(?:семьдесят|семидесят)/, 70],
  [/^(?:восемьдесят|восьмидесят)/, 80],
  [/^девяност/, 90],
  [/^(?:двест|двухсот)/, 200],
  [/^(?:трист|трехсот|трёхсот)/, 300],
  [/^(?:четырест|четырехсот|четырёхсот)/, 400],
  [/^(?:пятьсот|пятисот)/, 500],
  [/^(?:шестьсот|шестисот)/, 600],
  [/^(?:семьсот|семисот)/, 700],
  [/^(?:восемьсот|восьмисот)/, 800],
  [/^(?:девятьсот|девятисот)/, 900],
  [/^(?:сто|ста)$/, 100],
  [/^(?:один|одн)/, 1],
  [/^(?:два|две|двух|двум|дво)/, 2],
  [/^(?:три|трёх|трех|тро|трём|трем)/, 3],
  [/^(?:четыр|четвер)/, 4],
  [/^(?:пят|пятер)/, 5],
  [/^(?:шест|шестер)/, 6],
  [/^(?:сем|семер)/, 7],
  [/^(?:восем|восьм)/, 8],
  [/^девят/, 9],
  [/^десят/, 10],
];

const englishSmall =
  '(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\\s](?:one|two|three|four|five|six|seven|eight|nine)(?![a-z]))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)';
// Cardinals in their case forms, and the collective numerals (двое, двоих, двоим, пятеро, пятерым…).
const russianUnit =
  '(?:один|одна|одно|одного|одной|одному|два|две|двух|двум|три|трёх|трех|трём|трем|четыре|четырёх|четырех|четырем|пять|пяти|шесть|шести|семь|семи|восемь|восьми|девять|девяти|десять|десяти|(?:дво|тро|четвер|пятер|шестер|семер|восьмер|девятер|десятер)(?:е|о|их|ых|им|ым|ими|ыми))';
const russianLarge =
  '(?:одиннадцат|двенадцат|тринадцат|четырнадцат|пятнадцат|шестнадцат|семнадцат|восемнадцат|девятнадцат|двадцат|тридцат|сорок|пятьдесят|пятидесят|шестьдесят|шестидесят|семьдесят|семидесят|восемьдесят|восьмидесят|девяност|двухсот|двест|трист|трехсот|трёхсот|четырест|четырехсот|пятьсот|пятисот|шестьсот|семьсот|восемьсот|девятьсот)[а-яё]*';

/** Alternation of every number word phrase, for use inside a larger pattern: "a dozen", "two hundred and six", "двадцать два". */
export const numberWordPattern = `(?:a\\s+dozen|${englishSmall}(?:\\s+hundred(?:\\s+(?:and\\s+)?${englishSmall})?)?|${russianLarge}(?:\\s+${russianUnit})?|${russianUnit}|сто)`;

/** Vague quantities: the sentence speaks of many people but gives no count. */
export const vagueQuantityPattern =
  '(?:dozens|scores|hundreds|thousands|several|numerous|a\\s+number|a\\s+few|many|десятк[а-яё]*|сотн[а-яё]*|сотен|тысяч[а-яё]*|нескольк[а-яё]*|многие|многих|ряд)';

/** The value of a number word phrase matched by numberWordPattern ("twenty-two", "a dozen", "двадцати двух"); null if unreadable. */
export function readNumberWords(phrase: string): number | null {
  const words = phrase
    .toLowerCase()
    .split(/[\s-]+/)
    .filter((word) => word !== 'and' && word !== '');
  if (words[0] === 'a' && words[1] === 'dozen') return 12;
  let total = 0;
  let current = 0;
  for (const word of words) {
    if (word === 'hundred') {
      current = (current === 0 ? 1 : current) * 100;
      continue;
    }
    const value = englishUnits[word] ?? readRussianWord(word);
    if (value === null) return null;
    current += value;
  }
  total += current;
  return total === 0 ? null : total;
}

function readRussianWord(word: string): number | null {
  for (const [stem, value] of russianStems) if (stem.test(word)) return value;
  return null;
}
