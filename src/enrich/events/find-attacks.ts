/**
 * Attack candidates in a clause: a trigger with what it needs around it (see attack-rules.ts), counted by
 * the nearest stated number of dead.
 */
import {
  accidentCause,
  attackHappened,
  attackNotCommitted,
  attackTriggers,
  deathAnchors,
  injuryAnchor,
  notViolence,
  notViolentBefore,
  violentActor,
} from './attack-rules.ts';
import { countNear, isEnglishPassive, isNegatedOrHypothetical, type Span } from './clause-context.ts';
import type { EventLanguage } from './event-fact.ts';
import type { EventCandidate, SentenceText } from './extract-events.ts';
import type { CountMention } from './find-counts.ts';
import { createStemIndex } from './word-pattern.ts';

interface Casualty extends Span {
  /** Dead counted by this word; undefined when it states none. */
  count: number | null | undefined;
  /** The dead are named before the word ("were killed", "died", "shot dead"), so who comes before it died. */
  deadBefore: boolean;
}

/** The stems of every attack trigger and violent actor: a clause without one has no attack. */
const attackGate =
  /attack|bomb|ied|massacre|hostage|explosion|blast|shooting|shootout|gunfight|firefight|перестрелк|ambush|stormed|opened fire|shelled|blew up|stab|ножом|ножевые|gunm[ae]n|militant|insurgent|terrorist|bomber|attacker|assailant|jihadist|armed men|теракт|террорист|смертник|самоподрыв|нападени|нападавш|взрыв|стрельб|обстрел|напал|атаковал|взорвал|огонь|боевик|вооруж|экстремист/;

const triggersIn = createStemIndex(attackTriggers, (trigger) => trigger.stems);

/** The attacks a clause states (at most one candidate per trigger; the caller keeps one fact per clause). */
export function findAttacks(
  sentence: SentenceText,
  clause: Span,
  readCounts: () => CountMention[],
  language: EventLanguage | undefined,
): EventCandidate[] {
  const lower = sentence.lower;
  const clauseLower = lower.slice(clause.start, clause.end);
  if (!attackGate.test(clauseLower)) return [];
  const hits: Span[] = [];
  const needs: AttackTriggerNeed[] = [];
  for (const trigger of triggersIn(clauseLower)) {
    if (language !== undefined && trigger.language !== language) continue;
    trigger.pattern.lastIndex = 0;
    for (
      let found = trigger.pattern.exec(clauseLower);
      found !== null;
      found = trigger.pattern.exec(clauseLower)
    ) {
      hits.push({ start: clause.start + found.index, end: clause.start + found.index + found[0].length });
      needs.push(trigger.needs);
    }
  }
  const actorSpan = firstSpan(violentActor, clauseLower, clause.start);
  if (hits.length === 0 && (actorSpan === undefined || !casualtyGate.test(clauseLower))) return [];
  const text = sentence.text;
  if (notViolence.test(lower) || accidentCause.test(lower)) return [];
  const actor = actorSpan === undefined ? undefined : text.slice(actorSpan.start, actorSpan.end);
  const deaths = findDeaths(sentence, clause, clauseLower, readCounts);
  const injured = anyUnnegated(injuryAnchor, sentence, clauseLower, clause);
  const candidates: EventCandidate[] = [];
  hits.forEach((span, i) => {
    if (notViolentBefore.test(lower.slice(Math.max(0, span.start - 14), span.start))) return;
    if (isNegatedOrHypothetical(text, lower, span.start, clause.start)) return;
    if (attackNotCommitted.test(lower.slice(Math.max(clause.start, span.start - 60), span.start))) return;
    const casualties = deaths.length > 0 || injured;
    const need = needs[i];
    if (
      need === 'casualties-or-realis' &&
      !casualties &&
      !anyUnnegated(attackHappened, sentence, clauseLower, clause)
    )
      return;
    if (need === 'casualties' && !casualties) return;
    if (need === 'casualties-or-violent-actor' && !casualties && actor === undefined) return;
    candidates.push({
      type: 'attack',
      trigger: span,
      count: deathCount(deaths, span),
      active: false,
      ...actorOf(actor),
    });
  });
  // "Gunmen killed 5 people": no attack word, but a violent actor before the dead or wounded. After them
  // the actor is the victim ("forces killed two militants", "погибли 14 боевиков"), and so it is before
  // a word that names the dead first ("both assailants were shot dead", "three militants died").
  const actorActs =
    actorSpan !== undefined &&
    (deaths[0] === undefined || (actorSpan.start < deaths[0].start && !deaths[0].deadBefore));
  if (candidates.length === 0 && actor !== undefined && actorActs && (deaths.length > 0 || injured)) {
    const first = deaths[0] ?? actorSpan!;
    candidates.push({
      type: 'attack',
      trigger: first,
      count: deathCount(deaths, first),
      active: true,
      actor,
    });
  }
  return candidates;
}

type AttackTriggerNeed = (typeof attackTriggers)[number]['needs'];

/** The stems of every death and injury word: a violent actor without one and without an attack word is no attack. */
const casualtyGate =
  /kill|dead|died|death|lives|fatalit|injur|wound|hurt|погиб|убит|убил|убив|жизни|жертв|ранен|ранил|ранив|пострада|травм/;

function findDeaths(
  sentence: SentenceText,
  clause: Span,
  clauseLower: string,
  readCounts: () => CountMention[],
): Casualty[] {
  const deaths: Casualty[] = [];
  for (const anchor of deathAnchors) {
    anchor.pattern.lastIndex = 0;
    for (
      let found = anchor.pattern.exec(clauseLower);
      found !== null;
      found = anchor.pattern.exec(clauseLower)
    ) {
      const span = { start: clause.start + found.index, end: clause.start + found.index + found[0].length };
      if (isNegatedOrHypothetical(sentence.text, sentence.lower, span.start, clause.start)) continue;
      const order = isEnglishPassive(sentence.text, span) ? 'before-first' : anchor.order;
      deaths.push({
        ...span,
        count: countNear(sentence.text, readCounts(), span, clause, order),
        deadBefore: order === 'before-first',
      });
    }
  }
  return deaths.sort((a, b) => a.start - b.start);
}

/** The dead counted by the death word nearest the trigger, preferring words after it ("attack … that killed 14"). */
function deathCount(deaths: Casualty[], trigger: Span): number | null | undefined {
  const counted = deaths.filter((death) => death.count !== undefined);
  const after = counted.find((death) => death.start >= trigger.start);
  return (after ?? counted.at(-1))?.count;
}

/** True when `pattern` (a wordPattern) matches the clause somewhere not negated. */
function anyUnnegated(pattern: RegExp, sentence: SentenceText, clauseLower: string, clause: Span): boolean {
  pattern.lastIndex = 0;
  for (let found = pattern.exec(clauseLower); found !== null; found = pattern.exec(clauseLower))
    if (!isNegatedOrHypothetical(sentence.text, sentence.lower, clause.start + found.index, clause.start))
      return true;
  return false;
}

function firstSpan(pattern: RegExp, clauseLower: string, offset: number): Span | undefined {
  pattern.lastIndex = 0;
  const found = pattern.exec(clauseLower);
  return found === null
    ? undefined
    : { start: offset + found.index, end: offset + found.index + found[0].length };
}

function actorOf(actor: string | undefined): { actor?: string } {
  return actor === undefined ? {} : { actor };
}
