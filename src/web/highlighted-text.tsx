/** A HighlightedText (search/snippet.ts) as text with `<mark>` around each matched word. */
import type { JSX } from 'preact';
import type { HighlightedText } from '../search/snippet.ts';

/** Plain text and `<mark>` elements; every piece is escaped by preact. */
export function Highlighted({ value }: { value: HighlightedText }) {
  const parts: Array<string | JSX.Element> = [];
  let at = 0;
  for (const [start, end] of value.highlights) {
    if (start < at || end <= start) continue; // overlapping or empty ranges: keep the text once
    if (start > at) parts.push(value.text.slice(at, start));
    parts.push(<mark key={start}>{value.text.slice(start, end)}</mark>);
    at = end;
  }
  if (at < value.text.length) parts.push(value.text.slice(at));
  return <>{parts}</>;
}
