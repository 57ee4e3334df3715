/**
 * What kind of outlet a source is: a fixed, small vocabulary an admin sets per source (`wirewatch
 * sources type NAME TYPE`), so the watch desk can tell an analyst when a story reaches a kind of
 * outlet it had not reached before ("same story, new outlet type: official"). A source is classed by
 * what it does, not by who owns it: a state news agency is `wire`, a state broadcaster `national`,
 * and `official` is a state body speaking for itself. A source without a type is simply untyped.
 */
import { AppError } from './errors.ts';

/** Each type and what it covers, in the order they are listed. */
export const outletTypes = {
  wire: 'wire or news agency (Reuters, AFP, Interfax, Kabar)',
  national: 'national media: papers, broadcasters and sites read across one country',
  regional: 'regional or local media',
  international: 'international media: foreign outlets and world services (BBC, RFE/RL)',
  official: 'state or official source: government, ministry, police, court, embassy press service',
  ngo: 'NGO, think tank or research institute',
  social: 'blog, social media account or messaging channel',
} as const;

export type OutletType = keyof typeof outletTypes;

/** The type names, in order. */
export const outletTypeNames = Object.keys(outletTypes) as OutletType[];

export function isOutletType(value: unknown): value is OutletType {
  return typeof value === 'string' && Object.hasOwn(outletTypes, value);
}

/** `value` as an outlet type; SOURCE_TYPE_INVALID naming the allowed ones otherwise. */
export function parseOutletType(value: string): OutletType {
  if (isOutletType(value)) return value;
  throw new AppError(
    'SOURCE_TYPE_INVALID',
    `"${value.slice(0, 40)}" is not an outlet type: use one of ${outletTypeNames.join(', ')}`,
  );
}
