/**
 * Named entities of the benchmark corpus: leaders, places and organisations of Central Asia in
 * English and Russian, the stock phrases a security desk searches for, and a few rare names whose
 * hit counts are set by hand so that "rare" queries stay rare at any corpus size.
 */

/** A name as it appears in English and Russian text; `short` is the second-mention form. */
export interface EntityName {
  en: string;
  ru: string;
  enShort?: string;
  ruShort?: string;
}

/** The entities an article about one country draws from. */
export interface CountryEntities {
  country: EntityName;
  /** Share of articles focused on this country. */
  weight: number;
  people: EntityName[];
  places: EntityName[];
  organisations: EntityName[];
}

function name(en: string, ru: string, enShort?: string, ruShort?: string): EntityName {
  return { en, ru, enShort, ruShort };
}

/** The five republics, each with the names its stories keep mentioning. */
export const countries: CountryEntities[] = [
  {
    country: name('Kazakhstan', 'Казахстан'),
    weight: 0.3,
    people: [
      name('Kassym-Jomart Tokayev', 'Касым-Жомарт Токаев', 'Tokayev', 'Токаев'),
      name('Nursultan Nazarbayev', 'Нурсултан Назарбаев', 'Nazarbayev', 'Назарбаев'),
      name('Olzhas Bektenov', 'Олжас Бектенов', 'Bektenov', 'Бектенов'),
      name('Murat Nurtleu', 'Мурат Нуртлеу', 'Nurtleu', 'Нуртлеу'),
      name('Yermek Sagimbayev', 'Ермек Сагимбаев', 'Sagimbayev', 'Сагимбаев'),
    ],
    places: [
      name('Almaty', 'Алматы'),
      name('Astana', 'Астана'),
      name('Shymkent', 'Шымкент'),
      name('Aktobe', 'Актобе'),
      name('Atyrau', 'Атырау'),
      name('Karaganda', 'Караганда'),
      name('Mangystau', 'Мангистау'),
    ],
    organisations: [
      name('National Security Committee', 'Комитет национальной безопасности', 'KNB', 'КНБ'),
      name('Agency for Financial Monitoring', 'Агентство по финансовому мониторингу', 'AFM', 'АФМ'),
    ],
  },
  {
    country: name('Uzbekistan', 'Узбекистан'),
    weight: 0.25,
    people: [
      name('Shavkat Mirziyoyev', 'Шавкат Мирзиёев', 'Mirziyoyev', 'Мирзиёев'),
      name('Abdulla Aripov', 'Абдулла Арипов', 'Aripov', 'Арипов'),
      name('Bakhtiyor Saidov', 'Бахтиёр Саидов', 'Saidov', 'Саидов'),
      name('Islam Karimov', 'Ислам Каримов', 'Karimov', 'Каримов'),
    ],
    places: [
      name('Tashkent', 'Ташкент'),
      name('Samarkand', 'Самарканд'),
      name('Bukhara', 'Бухара'),
      name('Andijan', 'Андижан'),
      name('Namangan', 'Наманган'),
      name('Fergana Valley', 'Ферганская долина'),
      name('Termez', 'Термез'),
    ],
    organisations: [
      name('State Security Service', 'Служба государственной безопасности', 'SGB', 'СГБ'),
      name('Islamic Movement of Uzbekistan', 'Исламское движение Узбекистана', 'IMU', 'ИДУ'),
      name('Katibat Imam al-Bukhari', 'Катибат Имам аль-Бухари'),
    ],
  },
  {
    country: name('Kyrgyzstan', 'Кыргызстан'),
    weight: 0.2,
    people: [
      name('Sadyr Japarov', 'Садыр Жапаров', 'Japarov', 'Жапаров'),
      name('Kamchybek Tashiev', 'Камчыбек Ташиев', 'Tashiev', 'Ташиев'),
      name('Akylbek Japarov', 'Акылбек Жапаров', 'Japarov', 'Жапаров'),
      name('Almazbek Atambayev', 'Алмазбек Атамбаев', 'Atambayev', 'Атамбаев'),
    ],
    places: [
      name('Bishkek', 'Бишкек'),
      name('Osh', 'Ош'),
      name('Jalal-Abad', 'Джалал-Абад'),
      name('Batken', 'Баткен'),
      name('Issyk-Kul', 'Иссык-Куль'),
      name('Fergana Valley', 'Ферганская долина'),
    ],
    organisations: [
      name(
        'State Committee for National Security',
        'Государственный комитет национальной безопасности',
        'SCNS',
        'ГКНБ',
      ),
    ],
  },
  {
    country: name('Tajikistan', 'Таджикистан'),
    weight: 0.15,
    people: [
      name('Emomali Rahmon', 'Эмомали Рахмон', 'Rahmon', 'Рахмон'),
      name('Rustam Emomali', 'Рустам Эмомали', 'Emomali', 'Эмомали'),
      name('Kohir Rasulzoda', 'Кохир Расулзода', 'Rasulzoda', 'Расулзода'),
      name('Sirojiddin Muhriddin', 'Сироджиддин Мухриддин', 'Muhriddin', 'Мухриддин'),
    ],
    places: [
      name('Dushanbe', 'Душанбе'),
      name('Khujand', 'Худжанд'),
      name('Kulob', 'Куляб'),
      name('Gorno-Badakhshan', 'Горно-Бадахшан'),
      name('Panj', 'Пяндж'),
    ],
    organisations: [
      name(
        'State Committee for National Security',
        'Государственный комитет национальной безопасности',
        'GKNB',
        'ГКНБ',
      ),
      name('Jamaat Ansarullah', 'Джамаат Ансаруллах'),
      name('Group 24', 'Группа 24'),
    ],
  },
  {
    country: name('Turkmenistan', 'Туркменистан'),
    weight: 0.1,
    people: [
      name('Serdar Berdimuhamedov', 'Сердар Бердымухамедов', 'Berdimuhamedov', 'Бердымухамедов'),
      name('Gurbanguly Berdimuhamedov', 'Гурбангулы Бердымухамедов', 'Berdimuhamedov', 'Бердымухамедов'),
      name('Rashid Meredov', 'Рашид Мередов', 'Meredov', 'Мередов'),
    ],
    places: [
      name('Ashgabat', 'Ашхабад'),
      name('Turkmenabat', 'Туркменабат'),
      name('Mary', 'Мары'),
      name('Dashoguz', 'Дашогуз'),
    ],
    organisations: [
      name('Ministry of National Security', 'Министерство национальной безопасности', 'MNB', 'МНБ'),
    ],
  },
];

/** Names any story in the region may mention, whatever its country. */
export const regional = {
  people: [
    name('Vladimir Putin', 'Владимир Путин', 'Putin', 'Путин'),
    name('Xi Jinping', 'Си Цзиньпин', 'Xi', 'Си'),
    name('Antonio Guterres', 'Антониу Гутерриш', 'Guterres', 'Гутерриш'),
  ],
  places: [
    name('Russia', 'Россия'),
    name('China', 'Китай'),
    name('Afghanistan', 'Афганистан'),
    name('Moscow', 'Москва'),
    name('Beijing', 'Пекин'),
    name('Kabul', 'Кабул'),
    name('Syria', 'Сирия'),
    name('Turkey', 'Турция'),
    name('Iran', 'Иран'),
  ],
  organisations: [
    name('Shanghai Cooperation Organisation', 'Шанхайская организация сотрудничества', 'SCO', 'ШОС'),
    name(
      'Collective Security Treaty Organisation',
      'Организация Договора о коллективной безопасности',
      'CSTO',
      'ОДКБ',
    ),
    name('United Nations', 'Организация Объединенных Наций', 'UN', 'ООН'),
    name('Islamic State', 'Исламское государство', 'IS', 'ИГ'),
    name(
      'Islamic State Khorasan Province',
      'Исламское государство – провинция Хорасан',
      'ISKP',
      'ИГ-Хорасан',
    ),
    name('Hayat Tahrir al-Sham', 'Хайят Тахрир аш-Шам', 'HTS', 'ХТШ'),
    name('Hizb ut-Tahrir', 'Хизб ут-Тахрир'),
    name('Taliban', 'Талибан'),
    name('European Union', 'Европейский союз', 'EU', 'ЕС'),
    name('OSCE', 'ОБСЕ'),
    name('Eurasian Economic Union', 'Евразийский экономический союз', 'EAEU', 'ЕАЭС'),
  ],
};

/**
 * Stock phrases, with the chance that a sentence carries one. Their words are also in the head of
 * the vocabulary, so a phrase query must really check adjacency rather than just co-occurrence.
 */
export const phrases: Array<{ en: string; ru: string; perSentence: number }> = [
  { en: 'Central Asia', ru: 'Центральной Азии', perSentence: 0.05 },
  { en: 'Central Asian', ru: 'центральноазиатских', perSentence: 0.015 },
  { en: 'national security', ru: 'национальной безопасности', perSentence: 0.012 },
  { en: 'border security', ru: 'безопасности границ', perSentence: 0.012 },
  { en: 'foreign minister', ru: 'министр иностранных дел', perSentence: 0.012 },
  { en: 'human rights', ru: 'прав человека', perSentence: 0.012 },
  { en: 'law enforcement', ru: 'правоохранительных органов', perSentence: 0.015 },
  { en: 'terrorist attack', ru: 'террористический акт', perSentence: 0.008 },
  { en: 'water resources', ru: 'водных ресурсов', perSentence: 0.006 },
];

/**
 * Rare names with a fixed chance per article: they set the hit counts of "rare" queries (about
 * `perArticle × count` articles, e.g. 5–10 at 100,000), which a Zipf tail of 30,000 words cannot.
 */
export const rareNames: Array<{ en: string; ru: string; perArticle: number }> = [
  { en: 'Zhanaozen', ru: 'Жанаозен', perArticle: 1e-4 },
  { en: 'Khorog', ru: 'Хорог', perArticle: 8e-5 },
  { en: 'Kambarata', ru: 'Камбарата', perArticle: 6e-5 },
  { en: 'Nukus', ru: 'Нукус', perArticle: 5e-5 },
  { en: 'Tavildara', ru: 'Тавильдара', perArticle: 3e-5 },
  { en: 'Murghab', ru: 'Мургаб', perArticle: 5e-5 },
  { en: 'Rasht Valley', ru: 'Раштская долина', perArticle: 4e-5 },
  { en: 'Kempir-Abad', ru: 'Кемпир-Абад', perArticle: 7e-5 },
];
