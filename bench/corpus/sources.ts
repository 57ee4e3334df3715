/**
 * The 30 invented outlets of the benchmark corpus and the bylines they print. Outlet names are made
 * up to look like regional media without naming real ones; five publish in Russian.
 */

/** One outlet: display name, web domain, the language it publishes in, and its share of that language. */
export interface BenchSource {
  name: string;
  domain: string;
  language: 'en' | 'ru';
  weight: number;
}

/** All outlets. Weights are relative within a language: a few big outlets, many small ones. */
export const benchSources: BenchSource[] = [
  { name: 'Steppe Times', domain: 'steppetimes.com', language: 'en', weight: 12 },
  { name: 'Caspian Chronicle', domain: 'caspianchronicle.net', language: 'en', weight: 10 },
  { name: 'Oxus Monitor', domain: 'oxusmonitor.org', language: 'en', weight: 9 },
  { name: 'Tien Shan Herald', domain: 'tienshanherald.com', language: 'en', weight: 8 },
  { name: 'Silk Road Observer', domain: 'silkroadobserver.com', language: 'en', weight: 8 },
  { name: 'Ferghana Courier', domain: 'ferghanacourier.com', language: 'en', weight: 7 },
  { name: 'Eurasia Security Review', domain: 'eurasiasecurityreview.org', language: 'en', weight: 6 },
  { name: 'Astana Evening Post', domain: 'astanaeveningpost.kz', language: 'en', weight: 6 },
  { name: 'Bishkek Ledger', domain: 'bishkekledger.kg', language: 'en', weight: 5 },
  { name: 'Tashkent Tribune', domain: 'tashkenttribune.uz', language: 'en', weight: 5 },
  { name: 'Pamir Dispatch', domain: 'pamirdispatch.com', language: 'en', weight: 4 },
  { name: 'Central Asia Wire', domain: 'centralasiawire.com', language: 'en', weight: 4 },
  { name: 'Syr Darya Gazette', domain: 'syrdaryagazette.com', language: 'en', weight: 3 },
  { name: 'Aral Sea Report', domain: 'aralseareport.org', language: 'en', weight: 3 },
  { name: 'Kyzylkum Journal', domain: 'kyzylkumjournal.com', language: 'en', weight: 3 },
  { name: 'Turan Analytical', domain: 'turananalytical.org', language: 'en', weight: 3 },
  { name: 'Altai Bulletin', domain: 'altaibulletin.com', language: 'en', weight: 2 },
  { name: 'Great Game Weekly', domain: 'greatgameweekly.com', language: 'en', weight: 2 },
  { name: 'Khorasan Watch', domain: 'khorasanwatch.org', language: 'en', weight: 2 },
  { name: 'Issyk-Kul Observer', domain: 'issykkulobserver.kg', language: 'en', weight: 2 },
  { name: 'Samarkand Review', domain: 'samarkandreview.uz', language: 'en', weight: 2 },
  { name: 'Dushanbe Daily', domain: 'dushanbedaily.tj', language: 'en', weight: 2 },
  { name: 'Ashgabat Letter', domain: 'ashgabatletter.com', language: 'en', weight: 1 },
  { name: 'Border Security Monitor', domain: 'bordersecuritymonitor.org', language: 'en', weight: 1 },
  { name: 'Steppe Security Brief', domain: 'steppesecuritybrief.com', language: 'en', weight: 1 },
  { name: 'Вестник Центральной Азии', domain: 'vestnik-ca.ru', language: 'ru', weight: 5 },
  { name: 'Азиатский курьер', domain: 'aziakurier.ru', language: 'ru', weight: 4 },
  { name: 'Ферганское обозрение', domain: 'fergana-obozrenie.ru', language: 'ru', weight: 3 },
  { name: 'Голос Степи', domain: 'golos-stepi.kz', language: 'ru', weight: 2 },
  { name: 'Новости Турана', domain: 'novosti-turana.kg', language: 'ru', weight: 1 },
];

/** Given names and surnames for English-language bylines (transliterated regional names and others). */
export const englishBylines = {
  given: [
    'Aigerim',
    'Nurlan',
    'Dilnoza',
    'Bakyt',
    'Farrukh',
    'Madina',
    'Timur',
    'Zarina',
    'Rustam',
    'Aliya',
    'Sanjar',
    'Gulnara',
    'Daniyar',
    'Kamila',
    'James',
    'Sarah',
    'Michael',
    'Anna',
    'Peter',
    'Laura',
  ],
  family: [
    'Nurlanova',
    'Abdullaev',
    'Karimova',
    'Sadykov',
    'Yusupov',
    'Tokhtarova',
    'Bekov',
    'Mamatova',
    'Ismailov',
    'Ergasheva',
    'Orlov',
    'Petrova',
    'Hughes',
    'Whitfield',
    'Brennan',
    'Keller',
    'Lindqvist',
    'Moreau',
  ],
};

/** Given names and surnames for Russian-language bylines. */
export const russianBylines = {
  given: [
    'Айгерим',
    'Нурлан',
    'Дилноза',
    'Бакыт',
    'Фаррух',
    'Мадина',
    'Тимур',
    'Зарина',
    'Рустам',
    'Анна',
    'Сергей',
    'Ольга',
  ],
  family: [
    'Нурланова',
    'Абдуллаев',
    'Каримова',
    'Садыков',
    'Юсупов',
    'Тохтарова',
    'Беков',
    'Орлов',
    'Петрова',
    'Исмаилов',
  ],
};
