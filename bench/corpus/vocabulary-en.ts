/**
 * The English vocabulary of the benchmark corpus, in Zipf rank order: about 600 real words of news
 * English written out by hand (the head, which decides what "common" queries hit), then pseudo-words
 * built from syllables for the long tail, up to 30,000 distinct forms.
 */
import { mulberry32, type Phonology, pseudoWord } from './random.ts';

/**
 * Real words, most frequent first. Function words are interleaved with the news words that a
 * security desk sees in almost every story, so that `security` or `government` are "common"
 * (in well over 30% of articles) just as they are in a real archive.
 */
const coreWords = `
the of and to in a said that for on is was with by as at security from it government has have be are
president his an minister which were its not also will this but country after had who been their more
officials year region new national police they over people would state against two under republic law
first about other border he foreign when than public since last into all or cooperation only some
between most one during economic military international while told political there according may groups
investment could three can court members ministry report including water trade development years local
authorities development countries service interior energy support agreement agency office meeting
president's such officials' part million further since second time both through made leaders visit
several country's week month months days day former recent recently number announced statement noted
held reported called issued added stated expected plans plan project projects projects' capital city
cities rights human media social online information network networks video videos telegram channel
channels content propaganda materials material banned ban bans banning extremist extremism extremists
terrorism terrorist terrorists terror radical radicals radicalization radicalisation militant militants
attack attacks attacked attackers armed weapons weapon explosives explosive bomb bombing drone drones
fighters fighter returnees repatriation repatriated camps camp detained detention arrested arrest arrests
sentenced sentence sentences prison prisoners jail charged charges charge trial trials prosecutors
prosecutor prosecution investigation investigations investigators suspects suspect suspected accused
criminal crime crimes case cases code article articles organization organizations organisation group
members' recruitment recruited recruiting recruiter recruiters cell cells underground religious religion
believers muslim muslims mosque mosques imam imams clergy faith spiritual secular education schools
school students student university youth young men women children families family relatives parents
intelligence services special forces troops army soldiers officers officer service servicemen defense
defence exercises drills joint training operation operations counterterrorism threat threats risk risks
stability instability conflict conflicts clashes violence violent tensions dispute disputes talks
negotiations summit summits delegation delegations bilateral multilateral partnership partners partner
relations ties diplomatic diplomats ambassador embassy consulate visa migration migrants migrant labor
labour workers worker remittances economy growth budget billion percent prices inflation bank banks
financial finance funding funds fund sanctions exports imports gas oil pipeline pipelines railway
railways road roads transport corridor corridors logistics infrastructure construction built build
building plant plants power electricity hydropower dam dams reservoir irrigation drought climate
environmental environment agriculture farmers cotton wheat harvest land lands territory territories
territorial demarcation delimitation checkpoint checkpoints crossing crossings guards guard patrol
patrols smuggling drugs drug trafficking traffickers narcotics heroin seized seizure customs
corruption corrupt bribery bribe embezzlement fraud officials'' protests protest protesters
demonstrators demonstration rally rallies unrest riots riot emergency curfew parliament parliamentary
deputies deputy lawmakers legislation bill bills amendments amendment constitution constitutional
referendum election elections elected vote votes voters candidate candidates campaign opposition party
parties leader leadership power powers reform reforms decree decrees signed sign signing approved
adopted adopt measures measure policy policies strategy strategic program programme initiative
initiatives concept framework priority priorities challenges challenge problems problem issues issue
situation conditions condition crisis humanitarian aid assistance refugees refugee displaced
population residents resident villages village districts district province provinces regional
administration governor mayor akim khokim head chairman chair committee commission council
agencies institutions institution civil society activists activist journalists journalist
journalism press freedom speech censorship blocked websites internet access digital cyber cybersecurity
hackers data surveillance cameras technology technologies satellite nuclear uranium mining minerals
gold copper coal resources investors investments companies company firms business businesses market
markets private sector industry industrial production produced tons exports' supply supplies demand
shortages shortage food prices' wages salaries pensions poverty unemployment jobs job health hospital
hospitals doctors medical pandemic vaccine vaccines disease cases' deaths killed dead died death injured
wounded victims victim bodies missing hostages hostage kidnapped shooting shot gunmen gunman explosion
blast fire incident incidents accident accidents crash earthquake floods flood mudflows disaster
rescue rescuers ministry's spokesman spokeswoman spokesperson source sources sources' reports
reporting reporters interview comments comment declined confirmed denied deny denies claimed claims
claim alleged allegedly allegations evidence witnesses testimony lawyer lawyers defense' judge judges
verdict appeal acquitted convicted pardon amnesty released release freed hunger strike torture abuse
ill-treatment custody pretrial solitary colony penal sentenced' years' term terms life-sentence
historic history historical heritage culture cultural language languages russian chinese english
national' unity identity ethnic interethnic minority minorities diaspora tolerance harmony dialogue
trust mutual understanding peace peaceful peacekeeping peacekeepers mission missions observers
monitoring monitor analysts analyst experts expert observer researchers research study studies
survey data' figures statistics estimated estimates according' average total overall increase
increased increasing rise rising decline declined falling fell reduced reduce growing grew
significant major key main important critical serious concern concerns concerned worried fears
fear warned warning warnings urged called' demanded demands calls condemned criticized criticism
praised welcomed supported supporting opposed rejected refused allowed permitted prohibited
forbidden illegal legal lawful unlawful rules regulations regulation requirements required require
requires require' registration registered license licenses permits permit controls control
controlled checks inspection inspections audit review reviewed assessment
`;

/** Consonant clusters that start a syllable; repeated entries make them more likely. */
const onsets = [
  'b',
  'br',
  'c',
  'ch',
  'cl',
  'd',
  'dr',
  'f',
  'fl',
  'g',
  'gr',
  'h',
  'j',
  'k',
  'kh',
  'l',
  'm',
  'n',
  'p',
  'pl',
  'pr',
  'r',
  's',
  'sh',
  'sk',
  'st',
  't',
  'tr',
  'v',
  'w',
  'z',
  'b',
  'd',
  'l',
  'm',
  'n',
  'r',
  's',
  't',
  '',
];
const vowels = ['a', 'e', 'i', 'o', 'u', 'a', 'e', 'i', 'o', 'a', 'e', 'ou', 'ia', 'y'];
const codas = ['', '', '', '', '', 'n', 'r', 'l', 's', 't', 'm', 'k', 'nd', 'st', 'rt', 'ng'];
/** English-looking endings, so the tail stems and inflects the way real words do under porter. */
const suffixes = [
  '',
  '',
  '',
  '',
  '',
  '',
  '',
  '',
  's',
  's',
  'ed',
  'ing',
  'er',
  'ion',
  'ment',
  'al',
  'ity',
  'ist',
];

/** Number of distinct English forms the generator draws from. */
export const englishVocabularySize = 30_000;

const phonology: Phonology = { onsets, vowels, codas, endings: suffixes, threeSyllableShare: 0.3 };

/** The hand-written head of the vocabulary, deduplicated, in rank order. */
export function englishCoreWords(): string[] {
  const words = coreWords
    .split(/\s+/)
    // A trailing quote in the list only marks a repeat written for readability; dedupe drops it.
    .map((word) => word.replace(/'+$/, ''))
    .filter((word) => word !== '');
  return [...new Set(words)];
}

/**
 * The full English vocabulary in Zipf rank order. The tail uses its own fixed seed: it is part of
 * the corpus definition, not of one corpus, so queries may name tail words whatever the corpus seed.
 */
export function buildEnglishVocabulary(size = englishVocabularySize): string[] {
  const words = englishCoreWords();
  const seen = new Set(words);
  const random = mulberry32(0x5eed_e11);
  while (words.length < size) {
    const word = pseudoWord(random, phonology);
    if (word.length < 4 || seen.has(word)) continue;
    seen.add(word);
    words.push(word);
  }
  return words;
}
