/**
 * "Why it matched", for searches the archive widened: the line under "Viewing results" that says what
 * was searched besides the words typed (other forms of a Russian word, other spellings of a name), and
 * the line under a hit that says which of those forms the hit holds — so an analyst who typed Токаев
 * sees that a hit matched as "tokayev", and one who typed задержаны that it matched "задержан".
 */
import type { MatchReason } from '../search/search-articles.ts';
import type { TermExpansion } from '../search/expand-query.ts';

/** Spellings named per word before "and N more". */
const shownSpellings = 6;

/** "Also searched for: Токаев — tokayev, tokaev; задержаны — other forms of задержа…", or nothing. */
export function ExpansionLine({ expansions }: { expansions: TermExpansion[] }) {
  const widened = expansions.filter((expansion) => expansion.spellings.length > 0 || expansion.stem);
  if (widened.length === 0) return null;
  return (
    <p class="expansions" id="expansions">
      Also searched for:{' '}
      {widened.map((expansion, index) => (
        <span key={`${expansion.term}-${expansion.column}`}>
          {index > 0 ? '; ' : null}“{expansion.term}” — {describeExpansion(expansion)}
        </span>
      ))}
    </p>
  );
}

function describeExpansion(expansion: TermExpansion): string {
  const parts: string[] = [];
  if (expansion.stem) parts.push(`other forms of ${expansion.stem}…`);
  if (expansion.spellings.length > 0) {
    const named = expansion.spellings.slice(0, shownSpellings).join(', ');
    const more = expansion.spellings.length - shownSpellings;
    parts.push(
      `${expansion.spellings.length === 1 ? 'the spelling' : 'the spellings'} ${named}${more > 0 ? ` and ${more} more` : ''}`,
    );
  }
  return parts.join(' and ');
}

const viaWords: Record<Exclude<MatchReason['via'], 'typed'>, string> = {
  stem: 'another form of the word',
  spelling: 'another spelling',
};

/** "Matched Токаев as tokayev (another spelling)" under a hit that holds a form other than the typed one. */
export function MatchedVia({ reasons }: { reasons: MatchReason[] }) {
  const widened = reasons.filter((reason) => reason.via !== 'typed');
  if (widened.length === 0) return null;
  return (
    <p class="matched-via">
      Matched{' '}
      {widened.map((reason, index) => (
        <span key={reason.term}>
          {index > 0 ? ', ' : null}“{reason.term}” as “{reason.matched}” (
          {viaWords[reason.via as 'stem' | 'spelling']})
        </span>
      ))}
    </p>
  );
}
