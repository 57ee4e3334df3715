/** Parsers for command-line option values that fail with a message naming the option. */
import { InvalidArgumentError } from 'commander';

/** A whole number >= 1. */
export function parseWholeNumber(option: string): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value) || Number(value) < 1) {
      throw new InvalidArgumentError(`${option} takes a whole number from 1, not "${value}"`);
    }
    return Number(value);
  };
}

/** One of `choices`. */
export function parseChoice(option: string, choices: string[]): (value: string) => string {
  return (value) => {
    if (!choices.includes(value))
      throw new InvalidArgumentError(`${option} takes one of ${choices.join(', ')}, not "${value}"`);
    return value;
  };
}
