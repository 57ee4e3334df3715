/**
 * An article's words read once, front to back, through a sliding window: the matcher looks a few
 * words ahead of where it stands and never back, so a 5 MB text costs a window, not an array of a
 * million words.
 *
 * Words are the ones scan-words.ts defines (letters, marks and digits, not ʻ ʼ), read with its
 * character test, which has ASCII and Cyrillic fast paths. The whole text is lower-cased
 * once; a word's folded form is then a slice of it, and only words with other scripts' letters or
 * marks go through foldWord.
 */
import { foldWord } from './fold-word.ts';
import { russianStemCandidates } from './russian-endings.ts';
import { codePointAt, isAsciiWordCode, isJoinableGap, isWordCode } from './scan-words.ts';

/** One word of the text with the forms the matcher compares. */
export interface TextToken {
  start: number;
  end: number;
  /** foldWord of the word; '' for words longer than any alias word could match (never matched). */
  folded: string;
  cyrillic: boolean;
  capitalised: boolean;
  /** Russian stem candidates, computed on first use. */
  stems?: string[];
  /** Transliteration keys of the word and its stems, computed on first use. */
  keys?: string[];
}

/** Words of one text, read on demand; `at(i)` is the i-th word or undefined past the end. */
export class TokenWindow {
  private readonly tokens: TextToken[] = [];
  /** The text lower-cased, when that kept every offset (it does unless the text has İ or the like). */
  private readonly lower: string | null;
  private cursor = 0;
  private base = 0;
  private done = false;

  constructor(
    readonly text: string,
    /** Words longer than this are never folded (no alias word, plus a case ending, is that long). */
    private readonly maxWordLength: number,
  ) {
    const lower = text.toLowerCase();
    this.lower = lower.length === text.length ? lower : null;
  }

  /** The i-th word of the text (0-based), or undefined when the text has fewer words. */
  at(index: number): TextToken | undefined {
    while (index - this.base >= this.tokens.length && !this.done) this.readNext();
    return this.tokens[index - this.base];
  }

  /** The word as written. */
  wordOf(token: TextToken): string {
    return this.text.slice(token.start, token.end);
  }

  /** Forgets words before `index` (the matcher never goes back past its position). */
  release(index: number): void {
    const drop = index - this.base;
    if (drop < 1024) return;
    this.tokens.splice(0, drop);
    this.base = index;
  }

  /** True when the gap between word `index` and the next may sit inside one alias. */
  joinsNext(index: number): boolean {
    const left = this.at(index);
    const right = this.at(index + 1);
    if (left === undefined || right === undefined) return false;
    // The common gap, one space, without building a string.
    if (right.start - left.end === 1 && this.text.charCodeAt(left.end) === 0x20) return true;
    return isJoinableGap(this.text.slice(left.end, right.start), this.wordOf(left));
  }

  private readNext(): void {
    const { text } = this;
    const length = text.length;
    let at = this.cursor;
    for (;;) {
      if (at >= length) {
        this.done = true;
        return;
      }
      const unit = text.charCodeAt(at);
      if (unit < 0x80 ? asciiWord[unit] === 1 : isWordCode(codePointAt(text, at))) break;
      at += unit >= 0xd800 && unit <= 0xdbff ? 2 : 1;
    }
    const start = at;
    // Plain words (ASCII, Cyrillic letters) fold by lower case alone; others go through foldWord.
    let plain = true;
    let cyrillic = false;
    let yo = false;
    while (at < length) {
      const unit = text.charCodeAt(at);
      if (unit < 0x80) {
        if (asciiWord[unit] !== 1) break;
        at += 1;
      } else if (unit >= 0x0400 && unit <= 0x04ff) {
        if (unit === 0x0482) break;
        cyrillic = true;
        if (unit === 0x0451 || unit === 0x0401) yo = true;
        else if (unit >= 0x0483 && unit <= 0x0489) plain = false;
        at += 1;
      } else {
        const code = codePointAt(text, at);
        if (!isWordCode(code)) break;
        plain = false;
        at += code > 0xffff ? 2 : 1;
      }
    }
    this.cursor = at;
    let folded = '';
    const lower = this.lower;
    if (at - start <= this.maxWordLength) {
      if (!plain || lower === null) folded = foldWord(text.slice(start, at));
      else {
        folded = lower.slice(start, at);
        if (yo) folded = folded.replaceAll('ё', 'е');
      }
    }
    const capitalised =
      lower !== null
        ? text.charCodeAt(start) !== lower.charCodeAt(start)
        : text[start] !== text[start]!.toLowerCase();
    this.tokens.push({ start, end: at, folded, cyrillic, capitalised, stems: undefined, keys: undefined });
  }
}

/** 1 for the ASCII letters and digits (a table: this test runs on every character of every article). */
const asciiWord = new Uint8Array(128);
for (let code = 0; code < 128; code += 1) asciiWord[code] = isAsciiWordCode(code) ? 1 : 0;

/** The token's Russian stem candidates (cached on the token). */
export function stemsOf(token: TextToken): string[] {
  if (token.stems === undefined) {
    token.stems = token.cyrillic && token.folded !== '' ? russianStemCandidates(token.folded) : [];
  }
  return token.stems;
}
