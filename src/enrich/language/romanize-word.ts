/**
 * One lower-case Cyrillic or Latin word written in plain ASCII Latin letters, the first step of a
 * name key. Central Asian letters get their usual romanisation (қ→q, ғ→gh, ң→ng, ҳ→h, ҷ→j,
 * ў→u, ө→o, ү/ұ→u, ә→a, і→i, ӣ→i, ӯ→u) and Turkic Latin letters their digraphs (ş→sh, ç→ch,
 * ž→zh, ň→ng, ə→a), so that latin-skeleton.ts meets the same spelling from either side; the
 * `transliteration` package does the rest (Russian letters, other Latin diacritics).
 */
import { transliterate } from 'transliteration';

/**
 * Letters romanised here rather than by the package, which writes several of them with an
 * apostrophe (қ→k', ғ→g', ҷ→ch') or as '@' (ә, ə), and ц as 'c' where Russian names use 'ts'.
 */
const romanization: Readonly<Record<string, string>> = {
  қ: 'q',
  ғ: 'gh',
  ң: 'ng',
  ө: 'o',
  ү: 'u',
  ұ: 'u',
  һ: 'h',
  і: 'i',
  ә: 'a',
  ў: 'u',
  ҳ: 'h',
  ҷ: 'j',
  ӣ: 'i',
  ӯ: 'u',
  ц: 'ts',
  җ: 'j',
  ҝ: 'g',
  ҹ: 'j',
  ј: 'y',
  ґ: 'g',
  є: 'ye',
  ҙ: 'z',
  ҫ: 's',
  ç: 'ch',
  ş: 'sh',
  ș: 'sh',
  ž: 'zh',
  š: 'sh',
  č: 'ch',
  ň: 'ng',
  ə: 'a',
  ğ: 'g',
  ı: 'i',
};

/** Apostrophes and the signs that are not sounds: the Uzbek ʻ of oʻ/gʻ, the Russian ъ and ь. */
const silent = /['’‘ʻʼ`´ъь]/g;

/**
 * Russian case endings on surnames in -ов/-ев/-ин (Токаевым, Назарбаевой, Путина): cut back to the
 * nominative so Russian text in any case keys like the Latin name. Vowel endings need no cut
 * (the skeleton drops final vowels) but are listed so the rule reads whole.
 */
const surnameCaseEnding = /^(.{2,}(?:ов|ев|ёв|ин|ын))(?:ыми|ым|ой|ою|ых|а|у|е)$/;

/** English possessive: "Tokayev's" names Tokayev. */
const possessive = /['’]s$/;

const notAscii = /[^\u0020-\u007e]/;
const notKeyCharacter = /[^a-z0-9]/g;

/** The lower-case `word` in ASCII letters and digits only (empty when nothing is left). */
export function romanizeWord(word: string, script: 'cyrillic' | 'latin'): string {
  let text = script === 'cyrillic' ? word.replace(surnameCaseEnding, '$1') : word.replace(possessive, '');
  text = text.replace(silent, '');
  if (notAscii.test(text)) {
    let mapped = '';
    for (const character of text) mapped += romanization[character] ?? character;
    text = notAscii.test(mapped) ? transliterate(mapped).toLowerCase() : mapped;
  }
  return text.replace(notKeyCharacter, '');
}
