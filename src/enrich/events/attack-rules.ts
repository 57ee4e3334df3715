/**
 * Attacks: a violent event, counted by its dead. Plain "attack" is too common a word (sport, politics,
 * heart attacks) to count alone, so triggers differ in what they need: "terror attack", "suicide bomber",
 * "теракт" need the dead or wounded, or a verb saying it happened ("carried out", "произошёл") — a bare
 * mention ("the organiser of the attack") is a reference, not a report; "attack", "explosion", "bomb",
 * "нападение" need the dead or wounded in the clause; "attacked", "stormed", "напали" need the
 * dead/wounded or a violent actor (gunmen, militants, боевики).
 */
import type { EventLanguage } from './event-fact.ts';
import { wordPattern } from './word-pattern.ts';

/** How much an attack trigger needs around it. */
export type AttackNeed = 'casualties-or-realis' | 'casualties' | 'casualties-or-violent-actor';

/** One attack trigger form. */
export interface AttackTrigger {
  language: EventLanguage;
  /** Lowercase literals one of which every match contains (see TriggerRule.stems). */
  stems: string[];
  pattern: RegExp;
  needs: AttackNeed;
}

const w = wordPattern;

export const attackTriggers: AttackTrigger[] = [
  {
    language: 'en',
    stems: ['terror', 'suicide', 'bomb', 'massacre', 'hostage'],
    needs: 'casualties-or-realis',
    pattern: w(
      'terror(?:ist)?\\s+attack|suicide\\s+(?:car\\s+|truck\\s+)?(?:attack|bombing|bomber|bomb)|(?:car\\s+|truck\\s+)?bomb(?:ing)?\\s+attack|bombing|massacre|hostage-taking',
    ),
  },
  {
    language: 'en',
    stems: [
      'attack',
      'explosion',
      'blast',
      'shooting',
      'bomb',
      'ambush',
      'explosive',
      'ied',
      'shootout',
      'gunfight',
      'firefight',
    ],
    needs: 'casualties',
    pattern: w(
      'attacks?|explosions?|blasts?|shootings?|shootouts?|gunfights?|firefights?|bombings|ambush|(?:car\\s+|truck\\s+|roadside\\s+)?bombs?|improvised\\s+explosive\\s+devices?|ieds?',
    ),
  },
  {
    language: 'en',
    stems: ['attacked', 'stormed', 'ambushed', 'opened fire', 'bombed', 'shelled', 'blew up', 'stabb'],
    needs: 'casualties-or-violent-actor',
    pattern: w('attacked|stormed|ambushed|opened\\s+fire|bombed|shelled|blew\\s+up|stabbed|stabbing'),
  },
  {
    language: 'ru',
    stems: ['теракт', 'террористическ', 'смертник', 'самоподрыв'],
    needs: 'casualties-or-realis',
    pattern: w('теракт(?:а|е|ом|у)?|террористическ[а-яё]*\\s+акт[а-яё]*|смертник[а-яё]*|самоподрыв[а-яё]*'),
  },
  {
    language: 'ru',
    stems: ['нападени', 'взрыв', 'стрельб', 'обстрел', 'теракт', 'перестрелк'],
    needs: 'casualties',
    pattern: w('нападени[а-яё]*|взрыв[а-яё]*|стрельб[а-яё]*|обстрел[а-яё]*|перестрелк[а-яё]*|теракт[а-яё]*'),
  },
  {
    language: 'ru',
    stems: ['напал', 'атаковал', 'обстрелял', 'взорвал', 'открыл', 'ножом', 'ножевые'],
    needs: 'casualties-or-violent-actor',
    pattern: w(
      'напал[иа]?|атаковал[иа]?|обстрелял[иа]?|взорвал[иа]?|открыл[иа]?\\s+огонь|ударил[иа]?\\s+ножом|нан[её]с(?:ла|ли)?\\s+ножевые',
    ),
  },
];

/** Verbs saying an attack happened, for triggers that are nouns ("the bombing was carried out"). */
export const attackHappened = w(
  'carried\\s+out|took\\s+place|occurred|struck|claimed\\s+responsibility|blew\\s+(?:himself|herself|themselves)\\s+up|detonated|exploded|went\\s+off|произош[а-яё]*|соверш[её]н[а-яё]*|совершил[а-яё]*|прогремел[а-яё]*|устроил[а-яё]*|подорвал[а-яё]*|взорвал[а-яё]*|осуществил[а-яё]*',
);
/** Before an attack word, these make it alleged or planned: "on suspicion of preparing a terrorist attack". */
export const attackNotCommitted =
  /\b(?:prepar(?:e|ed|es|ing|ation)|suspected\s+of|suspicion\s+of|accused\s+of|charged\s+with|organi[sz]ing)\b|(?<![а-яё])(?:подготов[а-яё]*|готовил[а-яё]*|подозрени[а-яё]*|подозреваем[а-яё]*|обвиня[а-яё]*)(?![а-яё])/;

/** Causes that make an explosion or deaths an accident, not an attack. */
export const accidentCause =
  /\b(?:gas\s+(?:leak|explosion|cylinder)|accident(?:al)?|crash|short\s+circuit|earthquake|landslide|flood)\b|(?<![а-яё])(?:утечк[а-яё]*\s+газа|взрыв[а-яё]*\s+газа|газов[а-яё]*\s+баллон[а-яё]*|авари[а-яё]*|дтп|несчастн[а-яё]*\s+случа[а-яё]*|землетрясени[а-яё]*|оползн[а-яё]*|короткого\s+замыкания)(?![а-яё])/;

/** Words for the dead, and which side their count is on first ("killed 14" / "14 died"). */
export const deathAnchors: { pattern: RegExp; order: 'after-first' | 'before-first' }[] = [
  {
    pattern: w(
      'killed|killing|kills|kill|claimed\\s+the\\s+lives\\s+of|deaths\\s+of|погибл[иао]?|погиб|погибших|убиты?|убил[иа]?|убив|ун[её]с(?:ли|ла|ш[а-яё]+)?\\s+жизни|жертвами\\s+стали',
    ),
    order: 'after-first',
  },
  { pattern: w('dead|died|deaths|fatalities|lives'), order: 'before-first' },
];
/** Words for the wounded: they make an attack, but are not its count. */
export const injuryAnchor = w(
  'injured|injuring|wounded|wounding|hurt|ранен[а-яё]*|ранил[иао]?|ранив|пострадал[а-яё]*|пострадавш[а-яё]*|раненых|травм[а-яё]*',
);
/** Who attacks: with a death word they make an attack even without an attack word ("gunmen killed 5"). */
export const violentActor = w(
  'gunm[ae]n|militants?|insurgents?|terrorists?|attackers?|assailants?|bombers?|jihadists?|armed\\s+men|боевик(?:и|ов|а|ам|ами|ом|ах)?|террорист(?:ы|ов|а|ам|ами|ом|ах)?|смертник(?:и|ов|а|ом)?|нападавш[а-яё]*|вооруж[её]нн[а-яё]*\\s+люд[а-яё]*|экстремист(?:ы|ов|ами)?',
);
// The plain patterns below run on the lowercased sentence (see lowercaseSameLength).

/** Sport and medicine use "attack" too: a sentence with these words has no attack. */
export const notViolence =
  /\b(?:striker|midfielder|defender|goalkeeper|scored|goals?|match|league|cup|coach|footballer|tournament|championship|minute|fc)\b|(?<![а-яё])(?:матч[а-яё]*|гол|голы|нападающ[а-яё]*|полузащитник[а-яё]*|вратар[а-яё]*|тренер[а-яё]*|турнир[а-яё]*|чемпионат[а-яё]*|сч[её]том|минуте|футбол[а-яё]*|хокке[а-яё]*)(?![а-яё])/;
/** Words just before "attack" that make it something else: heart attack, counter-attack, cyberattack. */
export const notViolentBefore =
  /(?:heart|panic|asthma|cyber|counter|hacker|verbal|personal|сердечн[а-яё]*|хакерск[а-яё]*|кибер|контр)[\s-]*$/;
