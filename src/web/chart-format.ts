/** Numbers in charts: counts with thousands separators, shares as percentages, coordinates short. */

const countFormat = new Intl.NumberFormat('en-GB');

/** `1,234`. */
export function formatCount(value: number): string {
  return countFormat.format(value);
}

/** A share in 0..1 as a percentage with enough digits to tell small shares apart: `12%`, `3.4%`, `0.05%`. */
export function formatShare(share: number): string {
  const percent = share * 100;
  if (percent === 0) return '0%';
  const digits = percent >= 10 ? 0 : percent >= 1 ? 1 : 2;
  return `${percent.toFixed(digits)}%`;
}

/** A coordinate rounded to one decimal: SVG attributes stay short, the page stays small. */
export function coordinate(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Up to `count` evenly spread indexes of a list of `length` items, first and last included. */
export function spreadIndexes(length: number, count: number): number[] {
  if (length <= count) return Array.from({ length }, (_, index) => index);
  const step = (length - 1) / (count - 1);
  return Array.from({ length: count }, (_, index) => Math.round(index * step));
}
