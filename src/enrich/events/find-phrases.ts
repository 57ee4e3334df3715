/**
 * The surface phrases of a fact: where (place), who acted (actor), against or about whom (target). Kept
 * as written; a later step maps them to gazetteer entities. Patterns, not parsing: a capitalised run after
 * "in"/"в", "members of X", "by X", the words just before an active verb, a «quoted» name.
 */
import type { Span } from './clause-context.ts';

/** A phrase found in a sentence. */
export interface Phrase extends Span {
  text: string;
  /** The preposition that introduced a place ("in", "near", "at", "в"): "in" and "в" are preferred. */
  preposition?: string;
}

// Hyphenated parts are matched as units ("Jalal-Abad", "ut-Tahrir"): a class that swallowed the hyphen
// would stop the match at "Джалал-" (the engine keeps the first match it finds, not the longest).
const capitalWord = "[\\p{Lu}][\\p{L}\\p{M}'’.]*(?:-[\\p{L}\\p{M}'’]+)*";
/** Lowercase particles inside names: Hizb ut-Tahrir, Katibat al Tawhid wal Jihad, Imam al-Bukhari. */
const nameParticle =
  "(?:(?:al|wal|ut|ul|bin|ibn|el|ben)(?:-[\\p{L}\\p{M}'’]+)*|(?:as|ash|at|ad|ar|an|wa)(?:-[\\p{L}\\p{M}'’]+)+)";
const namePattern = `${capitalWord}(?:\\s+(?:${capitalWord}|${nameParticle}|of(?=\\s+\\p{Lu})))*`;
// Ends at a word edge, so an acronym (ГКНБ) is not read as its first letter.
const russianCapitalWord = '[\\p{Lu}][\\p{Ll}\\p{M}]*(?:-[\\p{L}\\p{M}]+)*(?![\\p{L}\\p{M}])';
const direction =
  '(?:northern|southern|eastern|western|central|north|south|east|west|northeast|northwest|southeast|southwest|north-eastern|north-western|south-eastern|south-western)';
const englishGeoNoun =
  '(?:regions?|provinces?|districts?|oblasts?|city|cities|areas?|valley|villages?|towns?|county|republic|governorate|border)';
const englishPlace = new RegExp(
  `(?<![\\p{L}])([Ii]n|[Nn]ear|[Aa]t|[Oo]utside|[Aa]cross)\\s+((?:the\\s+)?(?:${direction}\\s+)?${namePattern}(?:\\s+${englishGeoNoun})?)`,
  'gu',
);
const russianGeoNoun =
  '(?:област\\p{L}*|район\\p{L}*|город\\p{L}*|провинци\\p{L}*|регион\\p{L}*|край|крае|республик\\p{L}*|округ\\p{L}*|долин\\p{L}*)';
const russianPlace = new RegExp(
  `(?<![\\p{L}])([вВ]о?|[Нн]а\\s+территории|[Бб]лиз|[Пп]од)\\s+((?:г\\.\\s*|городе\\s+|селе\\s+|посёлке\\s+|поселке\\s+)?${russianCapitalWord}(?:\\s+${russianCapitalWord})*(?:\\s+${russianGeoNoun})?)`,
  'gu',
);
const notPlaces = new Set([
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
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
  'Operation',
  'Internet',
  'English',
  'Russian',
  'Telegram',
  'Facebook',
  'YouTube',
  'This',
  'That',
  'These',
  'Those',
  'It',
  'Its',
]);

/** Every place phrase in `sentence`: "in Jalal-Abad", "in the Osh region", "near Khorog", "в Джалал-Абадской области". */
export function findPlaces(sentence: string): Phrase[] {
  const places: Phrase[] = [];
  // Each pattern only where its preposition is followed by a capital (cheap tests before slow \p{…} patterns).
  const candidates = [
    /(?:^|\s)(?:[Ii]n|[Nn]ear|[Aa]t|[Oo]utside|[Aa]cross)\s+(?:the\s+)?\S*[A-Z]/.test(sentence)
      ? englishPlace
      : undefined,
    /(?:^|\s)(?:[вВ]о?|территории|[Бб]лиз|[Пп]од)\s+(?:г\.\s*)?[А-ЯЁ]/.test(sentence)
      ? russianPlace
      : undefined,
  ];
  for (const pattern of candidates) {
    if (pattern === undefined) continue;
    pattern.lastIndex = 0;
    for (let found = pattern.exec(sentence); found !== null; found = pattern.exec(sentence)) {
      let text = found[2]!.replace(/[.,’'-]+$/u, '');
      const firstWord = text.replace(/^the\s+/, '').split(/\s+/)[0]!;
      if (notPlaces.has(firstWord) || /^\p{Lu}{2,}$/u.test(firstWord)) continue;
      text = text.replace(/^(?:г\.\s*|городе\s+)/, '');
      places.push({
        start: found.index,
        end: found.index + found[0].length,
        text,
        preposition: found[1]!.toLowerCase(),
      });
    }
  }
  return places.sort((a, b) => a.start - b.start);
}

/** The place of an event: the first "in/в" place after the trigger in its clause, else the last one before it in the sentence, else any "near/at" place. */
export function choosePlace(places: Phrase[], trigger: Span, clause: Span): string | undefined {
  const strong = places.filter((place) => place.preposition !== 'at');
  const after = strong.find((place) => place.start >= trigger.end && place.end <= clause.end);
  const before = strong.filter((place) => place.end <= trigger.start).at(-1);
  return (after ?? before ?? places.find((place) => place.start >= trigger.end) ?? places.at(-1))?.text;
}

const groupNoun =
  '(?:organi[sz]ation|group|movement|cell|network|party|sect|community|structure|jamaat|branch|wing)';
const englishTarget = new RegExp(
  `\\b(?:[Mm]embers?|[Ss]upporters?|[Ff]ollowers?|[Aa]dherents?|[Mm]ilitants|[Ff]ighters|[Rr]ecruiters?|[Ll]eaders?|[Cc]ells?|[Aa]ctivists|[Ee]missaries|[Aa]ffiliates|[Aa]ssociates|[Ss]ympathi[sz]ers|[Pp]art)\\s+of\\s+((?:the\\s+)?${namePattern}(?:\\s+${groupNoun})?|(?:the|a|an|its|this|that)\\s+(?:[\\p{Ll}-]+\\s+){0,2}?${groupNoun})`,
  'gu',
);
const quotedName = /[«“"]([^«»“”"]{2,80})[»”"]/gu;
/** A «quoted» name counts as the target of an arrest or conviction only after a word for a group or its members. */
const quotedGroup =
  /(?<![\p{L}])(?:организаци|группировк|групп|движени|парти|ячейк|сект|член|сторонник|участник|последовател|адепт|organi[sz]ation|group|movement|party|members?|supporters?)[\p{L}]*\s+(?:[\p{L}-]+\s+){0,2}?[«“"]([^«»“”"]{2,80})[»”"]/giu;
const russianTarget =
  /(?<![\p{L}])(?:член\p{L}*|сторонник\p{L}*|участник\p{L}*|последовател\p{L}*|адепт\p{L}*|эмиссар\p{L}*)\s+((?:(?:запрещ[её]нн|экстремистск|террористическ|религиозн|радикальн|международн|незарегистрированн)\p{L}*\s+)*(?:организаци\p{L}*|группировк\p{L}*|групп\p{L}*|ячейк\p{L}*|движени\p{L}*|парти\p{L}*|сект\p{L}*))/giu;

/** The group acted against: "members of Hizb ut-Tahrir", "members of the organization", a «quoted» name, "сторонников террористической организации". */
export function findTarget(sentence: string, clause: Span): string | undefined {
  const text = sentence.slice(clause.start, clause.end);
  // Cheap tests first: these patterns are slow on two-byte text and most clauses cannot match them.
  if (text.includes(' of ')) {
    englishTarget.lastIndex = 0;
    const english = englishTarget.exec(text);
    if (english !== null) return stripThe(english[1]!.replace(/[.,’'-]+$/u, ''));
  }
  if (/[«“"]/.test(text)) {
    const quoted = firstGroup(quotedGroup, text);
    if (quoted !== undefined) return quoted;
  }
  return /[а-яё]/.test(text) ? firstGroup(russianTarget, text) : undefined;
}

const nameAfterBan = new RegExp(
  `^\\s+(?:(?:the\\s+)?(?:activities\\s+of\\s+)?(?:the\\s+)?(?:(?:group|movement|organi[sz]ation|party)\\s+)?)(${namePattern})`,
  'u',
);
const groupAfterBan = new RegExp(`^\\s+((?:the|a|an)\\s+(?:[\\p{Ll}-]+\\s+){0,2}?${groupNoun})\\b`, 'u');
const namesBefore = new RegExp(namePattern, 'gu');

/** The name a ban is about: a «quoted» name, else the capitalised name after the verb, else the nearest one before it. */
export function findBanTarget(sentence: string, trigger: Span, clause: Span): string | undefined {
  const text = sentence.slice(clause.start, clause.end);
  const quoted = /[«“"]/.test(text) ? firstGroup(quotedName, text) : undefined;
  if (quoted !== undefined) return quoted;
  const after = sentence.slice(trigger.end, clause.end);
  const named = nameAfterBan.exec(after);
  if (named !== null) return named[1]!.replace(/[.,’'-]+$/u, '');
  // "labeled a terrorist organization": the phrase after the verb is then the category, not the group.
  const lowerGroup = groupAfterBan.exec(after);
  if (lowerGroup !== null && !/terror|extremis/i.test(lowerGroup[1]!)) return lowerGroup[1];
  const names = [...sentence.slice(clause.start, trigger.start).matchAll(namesBefore)];
  const nearest = names
    .filter((name) => name.index !== 0 || name[0].includes(' ') || /-/.test(name[0]))
    .at(-1);
  return nearest?.[0].replace(/[.,’'-]+$/u, '');
}

const englishAgentWords = new Set([
  'police',
  'authorities',
  'security',
  'services',
  'forces',
  'officers',
  'border',
  'guards',
  'court',
  'military',
  'gunmen',
  'gunman',
  'militants',
  'bomber',
  'bombers',
  'suicide',
  'local',
  'regional',
  'district',
  'city',
  'supreme',
  'special',
  'unknown',
  'armed',
  'troops',
  'soldiers',
  'prosecutors',
  'investigators',
  'agents',
  'officials',
  'state',
  'national',
  'government',
  'the',
  'a',
  'an',
  'of',
  'attackers',
  'assailants',
  'insurgents',
  'terrorists',
  'jihadists',
  'extremists',
  'law',
  'enforcement',
  'agencies',
  'counter-terrorism',
  'anti-terrorism',
]);
const russianAgentStem =
  /^(?:сотрудник|полиц|силовик|спецслужб|пограничн|суд|власт|прокурат|следовател|военн|боевик|террорист|смертник|нападавш|неизвестн|вооруж[её]нн|верховн|районн|городск|областн|генпрокурат|служб|комитет|министерств|государствен|национальн|безопасност|орган|правоохранительн|люд|отдел|управлени|ведомств|район|област|город|мвд|гкнб|кнб|дкнб|сгб|фсб|гкнб)/;
const stopBefore =
  /^(?:has|have|had|reportedly|also|later|then|recently|allegedly|subsequently|had|on|last|this|уже|также|позже|затем|недавно)$/i;
const subjectWord = /[^\s,;:!?()«»"“”]+/g;
const placePrepositions = /^(?:in|near|at|outside|across|в|во|на|под|близ)$/i;
const pronouns = /^(?:it|they|he|she|we|who|which|that|он|она|они|оно|кто|который|которые)$/i;

/**
 * The subject of an active trigger verb: the run of names, acronyms and agent words just before it
 * ("Officers of the National Security Committee", "Kyrgyz border guards", "сотрудники ГКНБ"), skipping
 * adverbs, auxiliaries, and place or date phrases (`barriers`) that sit between subject and verb.
 */
export function findSubject(
  sentence: string,
  trigger: Span,
  clause: Span,
  barriers: Span[],
): string | undefined {
  const from = Math.max(clause.start, lastBreak(sentence, trigger.start));
  const words = [...sentence.slice(from, trigger.start).matchAll(subjectWord)].map((found) => ({
    text: found[0].replace(/[.]+$/, ''),
    start: from + found.index,
  }));
  let i = words.length - 1;
  while (i >= 0 && stopBefore.test(words[i]!.text)) i--;
  for (let attempts = 0; attempts < 3 && i >= 0; attempts++) {
    const run: string[] = [];
    while (i >= 0) {
      const word = words[i]!;
      if (barriers.some((barrier) => word.start >= barrier.start && word.start < barrier.end)) break;
      if (!isAgentWord(word.text)) break;
      run.unshift(word.text);
      i--;
    }
    while (run.length > 1 && /^of$/i.test(run[0]!)) run.shift();
    const subject = run.join(' ').trim();
    if (subject !== '' && !/^(?:the|a|an|of)$/i.test(subject) && !pronouns.test(subject)) return subject;
    // The run was a place or date phrase between subject and verb ("Police in Dushanbe have detained"):
    // step over it and its preposition, then try again.
    while (
      i >= 0 &&
      barriers.some((barrier) => words[i]!.start >= barrier.start && words[i]!.start < barrier.end)
    )
      i--;
    if (i >= 0 && placePrepositions.test(words[i]!.text)) i--;
    while (i >= 0 && stopBefore.test(words[i]!.text)) i--;
  }
  return undefined;
}

const englishBy = new RegExp(
  `\\bby\\s+((?:the\\s+|an?\\s+)?(?:${capitalWord}\\s+)*(?:${capitalWord}|police|authorities|security\\s+services|security\\s+forces|gunmen|militants|a\\s+court|court|national|man|woman))`,
  'u',
);
const russianBy =
  /(?<![\p{L}])((?:сотрудниками|силовиками|полицией|пограничниками|военными|спецслужбами|судом|боевиками|террористами)(?:\s+(?:[\p{Lu}][\p{L}-]*|полиции|безопасности|МВД))*)/u;

/** The agent of a passive trigger: "by the U.S. State Department", "сотрудниками ГКНБ". */
export function findAgent(sentence: string, trigger: Span, clause: Span): string | undefined {
  const after = sentence.slice(trigger.end, clause.end);
  const english = englishBy.exec(after);
  if (english !== null && english.index < 80)
    return english[1]!.replace(/[.,’'-]+$/u, '').replace(/\s+(?:in|on|at)$/, '');
  const russian = russianBy.exec(after);
  return russian !== null && russian.index < 60 ? russian[1] : undefined;
}

function isAgentWord(word: string): boolean {
  const lower = word.toLowerCase();
  if (word[0] !== lower[0]) return true; // capitalised: a name or an acronym
  return englishAgentWords.has(lower) || russianAgentStem.test(lower);
}

function lastBreak(sentence: string, before: number): number {
  const window = sentence.slice(0, before);
  return Math.max(
    window.lastIndexOf(',') + 1,
    window.lastIndexOf(';') + 1,
    window.lastIndexOf(':') + 1,
    window.lastIndexOf('—') + 1,
    0,
  );
}

function firstGroup(pattern: RegExp, text: string): string | undefined {
  pattern.lastIndex = 0;
  const found = pattern.exec(text);
  return found?.[1]?.trim();
}

function stripThe(phrase: string): string {
  return /^the\s+\p{Lu}/u.test(phrase) ? phrase.slice(4) : phrase;
}
