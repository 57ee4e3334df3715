import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { detectLanguage } from './detect-language.ts';

// Invented articles, long enough to stand for a real one (≥ 200 letters).
const articles = {
  en: 'Security services in Kyrgyzstan said on Tuesday that they had detained 22 active members of a banned extremist organisation in the southern Jalal-Abad region. According to the State Committee for National Security, the suspects had been recruiting young people through messaging apps and distributing literature calling for the overthrow of the constitutional order. Investigators searched several homes and seized phones, computers and printed leaflets.',
  ru: 'Сотрудники Государственного комитета национальной безопасности Кыргызстана задержали 22 активных члена запрещённой экстремистской организации в Джалал-Абадской области. Как сообщили в ведомстве, подозреваемые вербовали молодёжь через мессенджеры и распространяли литературу, призывающую к насильственному свержению конституционного строя. В ходе обысков у задержанных изъяты телефоны, компьютеры и печатные листовки.',
  kk: 'Қазақстан Республикасының Президенті Қасым-Жомарт Тоқаев бүгін Астанада үкіметтің кеңейтілген отырысын өткізді. Мемлекет басшысы елдің экономикалық дамуы туралы айтып, министрлерге бірқатар тапсырмалар берді. Ол азаматтардың әл-ауқатын арттыру басты міндет екенін атап өтті. Сондай-ақ Президент ұлттық қауіпсіздік комитетінің жұмысына тоқталды.',
  ky: 'Кыргыз Республикасынын Президенти Садыр Жапаров бүгүн Бишкекте өкмөттүн кеңейтилген жыйынын өткөрдү. Мамлекет башчысы өлкөнүн экономикасын өнүктүрүү маселелерине токтолуп, министрлерге бир катар тапшырмаларды берди. Ал калктын жашоо деңгээлин жогорулатуу негизги милдет экенин белгиледи.',
  'uz-cyrl':
    'Ўзбекистон Республикаси Президенти Шавкат Мирзиёев бугун Тошкентда ҳукумат йиғилишини ўтказди. Давлат раҳбари мамлакат иқтисодиётини ривожлантириш масалаларига тўхталиб, вазирларга бир қатор топшириқлар берди. У аҳолининг турмуш даражасини ошириш асосий вазифа эканини таъкидлади.',
  'uz-latn':
    'Oʻzbekiston Respublikasi Prezidenti Shavkat Mirziyoyev bugun Toshkentda hukumat yigʻilishini oʻtkazdi. Davlat rahbari mamlakat iqtisodiyotini rivojlantirish masalalariga toʻxtalib, vazirlarga bir qator topshiriqlar berdi. U aholining turmush darajasini oshirish asosiy vazifa ekanini taʼkidladi.',
  tg: 'Президенти Ҷумҳурии Тоҷикистон Эмомалӣ Раҳмон имрӯз дар Душанбе ҷаласаи васеи ҳукуматро баргузор кард. Сарвари давлат дар бораи рушди иқтисодии кишвар сухан ронда, ба вазирон як қатор супоришҳо дод. Ӯ қайд кард, ки баланд бардоштани сатҳи зиндагии мардум вазифаи асосӣ мебошад.',
} as const;

const expected: Record<string, string> = { 'uz-cyrl': 'uz', 'uz-latn': 'uz' };

describe('detectLanguage on articles', () => {
  for (const [name, text] of Object.entries(articles)) {
    it(`tells ${name} with full confidence`, () => {
      assert.deepEqual(detectLanguage(text), { code: expected[name] ?? name, confidence: 1 });
    });
  }
});

describe('detectLanguage on headlines', () => {
  const headlines: [string, string][] = [
    ['Kyrgyz security service detains 22 members of banned group', 'en'],
    ['Tokayev visits Moscow today', 'en'],
    ['Rahmon met Putin in Dushanbe', 'en'],
    ['В Джалал-Абадской области задержаны 22 члена запрещённой организации', 'ru'],
    ['Токаев посетил Москву', 'ru'],
    ['Жапаров подписал закон', 'ru'],
    ['Тоқаев Астанада кездесу өткізді', 'kk'],
    ['Жапаров Бишкекте сүйлөдү', 'ky'],
    ['Ҷумҳурии Тоҷикистон', 'tg'],
    ['Президент України підписав закон', 'uk'],
    ['Президентът на България подписа указа', 'bg'],
  ];
  for (const [headline, code] of headlines) {
    it(`tells "${headline}" (${code}), with low confidence`, () => {
      const detected = detectLanguage(headline);
      assert.equal(detected.code, code);
      assert.ok(detected.confidence > 0 && detected.confidence < 0.5, String(detected.confidence));
    });
  }
});

describe('detectLanguage on what is not a language', () => {
  for (const text of [
    '',
    '   \n\t ',
    '12345 67890 2024-01-01 13:45',
    '!!! ??? … — «» 😀😀😀',
    'Hi there',
    'NATO',
  ])
    it(`returns und with confidence 0 for ${JSON.stringify(text)}`, () => {
      assert.deepEqual(detectLanguage(text), { code: 'und', confidence: 0 });
    });

  it('returns und for a value that is not a string (untyped callers)', () => {
    assert.deepEqual(detectLanguage(undefined as unknown as string), { code: 'und', confidence: 0 });
  });
});

describe('detectLanguage on mixed and hostile text', () => {
  it('goes by the dominant script: a Russian article quoting English is Russian', () => {
    const mixed = `${articles.ru} The committee said "no comment".`;
    assert.equal(detectLanguage(mixed).code, 'ru');
    assert.equal(detectLanguage(`${articles.en} «Без комментариев», — сказали в ГКНБ.`).code, 'en');
  });

  it('keeps Kyrgyz when the text quotes a Kazakh name with a Kazakh letter', () => {
    assert.equal(detectLanguage(`${articles.ky} Тоқаев`).code, 'ky');
  });

  it('reads only the lead: 5 MB of English after a Russian lead is Russian', () => {
    const huge = articles.ru + articles.ru + articles.ru + 'English text. '.repeat(400_000);
    assert.ok(huge.length > 5_000_000);
    assert.equal(detectLanguage(huge).code, 'ru');
  });

  it('tells other scripts through franc', () => {
    assert.equal(detectLanguage('Η κυβέρνηση ανακοίνωσε σήμερα νέα μέτρα για την οικονομία').code, 'el');
    assert.equal(detectLanguage('وزارة الداخلية أعلنت اليوم عن اعتقال عدد من الأشخاص').code, 'ar');
  });

  it('survives lone surrogates, NUL bytes and markup', () => {
    const hostile = `\u0000\ud800<div class="x">${'\udfff'.repeat(20)}</div>${articles.en.slice(0, 300)}`;
    assert.equal(detectLanguage(hostile).code, 'en');
  });

  it('always answers a two-letter code or und, with a confidence in [0, 1] that is 0 only for und', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        const { code, confidence } = detectLanguage(text);
        assert.match(code, /^(?:[a-z]{2}|und)$/);
        assert.ok(confidence >= 0 && confidence <= 1);
        assert.equal(code === 'und', confidence === 0);
      }),
      { numRuns: 300 },
    );
  });
});
