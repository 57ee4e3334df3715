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

/** A TCP port, 0..65535 (0: any free port). */
export function parsePort(option: string): (value: string) => number {
  return (value) => {
    if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) {
      throw new InvalidArgumentError(`${option} takes a port number from 0 to 65535, not "${value}"`);
    }
    return Number(value);
  };
}
