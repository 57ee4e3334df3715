import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createStemIndex, lowercaseSameLength, wordPattern } from './word-pattern.ts';

describe('lowercaseSameLength', () => {
  it('lowercases without changing the length, even for İ', () => {
    assert.equal(lowercaseSameLength('İstanbul ТАШКЕНТ'), 'istanbul ташкент');
    assert.equal(lowercaseSameLength('İİ').length, 2);
  });
});

describe('wordPattern', () => {
  it('matches whole words only, Latin and Cyrillic', () => {
    const pattern = wordPattern('detained|задержан[аоы]?');
    assert.deepEqual('detained, undetained, задержаны, задержанные'.match(pattern), [
      'detained',
      'задержаны',
    ]);
  });
});

describe('createStemIndex', () => {
  it('returns, in their order, the items whose stems occur, including stems inside longer ones', () => {
    const items = [
      { name: 'attack', stems: ['attack'] },
      { name: 'attacked', stems: ['attacked'] },
      { name: 'ban', stems: ['banned', 'bans'] },
    ];
    const itemsIn = createStemIndex(items, (item) => item.stems);
    assert.deepEqual(
      itemsIn('militants attacked a post').map((item) => item.name),
      ['attack', 'attacked'],
    );
    assert.deepEqual(
      itemsIn('the court bans it').map((item) => item.name),
      ['ban'],
    );
    assert.deepEqual(itemsIn('nothing here'), []);
  });
});
