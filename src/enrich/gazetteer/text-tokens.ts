/**
 * An article's words read once, front to back, through a sliding window: the matcher looks a few
 * words ahead of where it stands and never back, so a 5 MB text costs a window, not an array of a
 * million words.
 */
import { foldWord, isCapitalised, isCyrillicWord } from './fold-word.ts';
import { russianStemCandidates } from './russian-endings.ts';
import { createWordPattern, isJoinableGap } from './scan-words.ts';

/** One word of the text with the forms the matcher compares. */
export interface TextToken {
  start: number;
  end: number;
  /** The word as written. */
  word: string;
  /** foldWord(word); '' for words longer than any alias word could match (never matched). */
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
  private readonly pattern = createWordPattern();
  private readonly tokens: TextToken[] = [];
  private base = 0;
  private done = false;

  constructor(
    private readonly text: string,
    /** Words longer than this are never folded (no alias word, plus a case ending, is that long). */
    private readonly maxWordLength: number,
  ) {}

  /** The i-th word of the text (0-based), or undefined when the text has fewer words. */
  at(index: number): TextToken | undefined {
    while (index - this.base >= this.tokens.length && !this.done) this.readNext();
    return this.tokens[index - this.base];
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
    return (
      left !== undefined &&
      right !== undefined &&
      isJoinableGap(this.text.slice(left.end, right.start), left.word)
    );
  }

  private readNext(): void {
    const match = this.pattern.exec(this.text);
    if (match === null) {
      this.done = true;
      return;
    }
    const word = match[0];
    this.tokens.push({
      start: match.index,
      end: match.index + word.length,
      word,
      folded: word.length > this.maxWordLength ? '' : foldWord(word),
      cyrillic: isCyrillicWord(word),
      capitalised: isCapitalised(word),
    });
  }
}

/** The token's Russian stem candidates (cached on the token). */
export function stemsOf(token: TextToken): string[] {
  if (token.stems === undefined) {
    token.stems = token.cyrillic && token.folded !== '' ? russianStemCandidates(token.folded) : [];
  }
  return token.stems;
}
