/** How the desk names entity types, event types and topics. */
import type { EntityType } from '../store/enrichment.ts';

const eventTypeLabels: Readonly<Record<string, string>> = {
  arrest: 'Arrest or detention',
  attack: 'Attack',
  conviction: 'Conviction or sentence',
  repatriation: 'Repatriation',
  ban: 'Ban or designation',
};

/** An event type for people: `arrest` → `Arrest or detention`; an unknown type as it is. */
export function eventTypeLabel(type: string): string {
  return eventTypeLabels[type] ?? type;
}

const entityTypeLabels: Readonly<Record<EntityType, { one: string; many: string }>> = {
  person: { one: 'Person', many: 'People' },
  organisation: { one: 'Organisation', many: 'Organisations' },
  place: { one: 'Place', many: 'Places' },
};

/** `Person` / `People`, `Organisation` / `Organisations`, `Place` / `Places`. */
export function entityTypeLabel(type: EntityType, plural = false): string {
  const labels = entityTypeLabels[type];
  return plural ? labels.many : labels.one;
}

/** A gazetteer subtype or topic slug in words: `designated-group` → `designated group`. */
export function slugWords(value: string): string {
  return value.replace(/[-_]+/g, ' ').trim();
}
