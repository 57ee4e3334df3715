/** How matched words and headings look in the terminal: ANSI bold when colour is on, plain marks otherwise. */
import type { HighlightedText } from '../search/snippet.ts';

/** Styling for one output stream. */
export interface TerminalStyle {
  /** Marks a matched word. */
  match(text: string): string;
  /** A headline. */
  heading(text: string): string;
  /** Secondary detail (source, date). */
  dim(text: string): string;
}

/** ANSI styling, for terminals. */
export const colorStyle: TerminalStyle = {
  match: (text) => `\u001b[1;33m${text}\u001b[22;39m`,
  heading: (text) => `\u001b[1m${text}\u001b[22m`,
  dim: (text) => `\u001b[2m${text}\u001b[22m`,
};

/** Plain styling, for pipes and files: matches as **word**, like Markdown emphasis. */
export const plainStyle: TerminalStyle = {
  match: (text) => `**${text}**`,
  heading: (text) => text,
  dim: (text) => text,
};

/** Colour when asked, or when `auto` and the stream is a terminal and NO_COLOR is not set. */
export function chooseStyle(mode: string, stream: NodeJS.WriteStream, colorAllowed: boolean): TerminalStyle {
  if (mode === 'always') return colorStyle;
  if (mode === 'never') return plainStyle;
  return stream.isTTY && colorAllowed ? colorStyle : plainStyle;
}

/** Article text is untrusted: control characters (escape sequences above all) never reach the terminal. */
export function stripControlCharacters(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  return text.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, '');
}

/** Text with its highlights rendered in `style`. */
export function renderHighlighted(value: HighlightedText, style: TerminalStyle): string {
  let out = '';
  let last = 0;
  for (const [from, to] of value.highlights) {
    out +=
      stripControlCharacters(value.text.slice(last, from)) +
      style.match(stripControlCharacters(value.text.slice(from, to)));
    last = to;
  }
  return out + stripControlCharacters(value.text.slice(last));
}
