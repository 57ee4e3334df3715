/**
 * Reads "digest" pages: the plain-text result pages analysts save from news search sites.
 *
 * A page is a date line (`05 May 2025`), a `Viewing results 1 - 6 of 31` line, then headline and
 * body paragraphs separated by blank lines. A file may hold several pages one after another. Bodies
 * of long articles arrive cut, ending in "...": they are kept as they are, since that is all we have.
 */
import { AppError } from '../../core/errors.ts';
import type { ImportRecord } from './import-record.ts';
import type { ReaderOptions } from './jsonl-reader.ts';
import { parseDateLine } from './parse-date-line.ts';
import type { LineRecord } from './read-lines.ts';
import { validateArticle } from './validate-article.ts';

const viewingPattern = /^viewing results\b/i;
const viewingForm = /^viewing results\s+(\d+)\s*[-–]\s*(\d+)\s+of\s+(\d+)\s*$/i;

/**
 * Yields one ImportRecord per article of a digest, and one error per bad line. Each article's
 * publishedAt is the start (UTC) of its page's date; its source is options.source, which is required.
 */
export async function* readDigest(
  lines: AsyncIterable<LineRecord>,
  options: ReaderOptions = {},
): AsyncGenerator<ImportRecord> {
  const source = options.source?.trim() ?? '';
  if (source === '') {
    const message = 'a digest does not name its outlet: pass --source "<outlet name>"';
    yield { line: 1, error: new AppError('IMPORT_BAD_RECORD', message, { location: { line: 1 } }) };
    return;
  }
  let pageDate: string | null = null;
  // Headline waiting for its body; a body is every non-blank line up to the next blank line.
  let headline: { line: number; text: string } | null = null;
  let body: string[] = [];
  const bad = (line: number, message: string): ImportRecord => ({
    line,
    error: new AppError('IMPORT_BAD_RECORD', message, { location: { line } }),
  });
  const finishArticle = (): ImportRecord | null => {
    if (headline === null) return null;
    const { line, text: title } = headline;
    headline = null;
    if (body.length === 0)
      return bad(line, `headline "${title.slice(0, 80)}" has no body paragraph after it`);
    const raw: Record<string, unknown> = Object.create(null);
    raw.title = title;
    raw.text = body.join('\n');
    raw.source = source;
    raw.published_at = pageDate;
    body = [];
    const article = validateArticle(raw, { line });
    return article instanceof AppError ? { line, error: article } : { line, article };
  };

  for await (const entry of lines) {
    if ('error' in entry) {
      // The article the unreadable line belonged to cannot be complete; drop it quietly after the error.
      headline = null;
      body = [];
      yield entry;
      continue;
    }
    const text = entry.text.trim();
    if (text === '') {
      if (body.length > 0) {
        const record = finishArticle();
        if (record !== null) yield record;
      }
      continue;
    }
    const date = body.length === 0 ? parseDateLine(text) : null;
    if (date !== null) {
      const record = finishArticle();
      if (record !== null) yield record;
      pageDate = date;
      continue;
    }
    if (headline === null && viewingPattern.test(text)) {
      if (!isViewingLine(text)) {
        yield bad(entry.line, `"${text.slice(0, 80)}" is not of the form "Viewing results 1 - 6 of 31"`);
      }
      continue;
    }
    if (pageDate === null) {
      yield bad(
        entry.line,
        'text before the first date line: a digest page starts with a date like "05 May 2025"',
      );
      continue;
    }
    if (headline === null) headline = { line: entry.line, text };
    else body.push(text);
  }
  const record = finishArticle();
  if (record !== null) yield record;
}

/** True for a well-formed "Viewing results a - b of n" line with 1 ≤ a ≤ b ≤ n. */
function isViewingLine(text: string): boolean {
  const match = viewingForm.exec(text);
  if (match === null) return false;
  const [first, last, total] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return first >= 1 && first <= last && last <= total;
}
