/**
 * The entry cap, applied before parsing. feedsmith's XML parse costs about 0.4 s per MiB here, whatever
 * its maxItems says, so a feed far over the cap is cut to its first entries (and the closing tags after
 * its last entry) before it is parsed. If the cut document does not parse, the caller parses the whole.
 */

const entryStart = /<(?:[\w.-]+:)?(?:item|entry)[\s/>]/g;
const entryEnd = /<\/(?:[\w.-]+:)?(?:item|entry)\s*>/g;

/** The document with entries after the first `keep` removed, or null when it has no more than `keep`. */
export function cutExtraEntries(xml: string, keep: number): string | null {
  entryStart.lastIndex = 0;
  let seen = 0;
  let cutAt = -1;
  for (let match = entryStart.exec(xml); match !== null; match = entryStart.exec(xml)) {
    seen++;
    if (seen === keep + 1) {
      cutAt = match.index;
      break;
    }
  }
  if (cutAt === -1) return null;
  let tailAt = -1;
  entryEnd.lastIndex = cutAt;
  for (let match = entryEnd.exec(xml); match !== null; match = entryEnd.exec(xml))
    tailAt = match.index + match[0].length;
  if (tailAt === -1) return null;
  return xml.slice(0, cutAt) + xml.slice(tailAt);
}
