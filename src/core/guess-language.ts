/**
 * A script-based language guess for articles that arrive without a language. It only tells Cyrillic
 * from Latin text (`ru` / `en`); real language detection arrives with the enrichment step.
 */

/** How much of the text is looked at; the lead is enough to tell the script, and import stays fast. */
const sampleLength = 600;

/** `ru` for mostly-Cyrillic text, `en` for mostly-Latin text, null when there are too few letters. */
export function guessLanguage(text: string): string | null {
  const end = Math.min(text.length, sampleLength);
  let cyrillic = 0;
  let latin = 0;
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x0400 && code <= 0x04ff) cyrillic++;
    else if ((code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a)) latin++;
  }
  if (cyrillic + latin < 20) return null;
  return cyrillic > latin ? 'ru' : 'en';
}
