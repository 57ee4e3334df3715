import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scanPageTags } from './scan-page-tags.ts';

describe('scanPageTags', () => {
  it('counts start tags and the nesting of container tags', () => {
    assert.deepEqual(scanPageTags('<html><body><div><p>a<br>b</p></div></body></html>', 100, 100), {
      tags: 5,
      depth: 3,
    });
  });

  it('does not count void and self-ending tags as levels (unclosed <p> and <li> do not pile up)', () => {
    const html = `<ul>${'<li>item<p>para<img src=x>'.repeat(1_000)}</ul>`;
    assert.equal(scanPageTags(html, 10_000, 10).depth, 1);
  });

  it('never goes below zero on stray end tags', () => {
    assert.equal(scanPageTags('</div></div><div><div></div></div>', 100, 100).depth, 2);
  });

  it('stops at the first limit passed and says which', () => {
    assert.equal(scanPageTags('<i>'.repeat(100), 1_000, 50).over, 'depth');
    assert.equal(scanPageTags('<br>'.repeat(100), 50, 1_000).over, 'tags');
    assert.equal(scanPageTags('<br>'.repeat(100), 100, 1_000).over, undefined);
  });

  it('ignores "<" not followed by a letter, as in text and comparisons', () => {
    assert.deepEqual(scanPageTags('a < b, 3<4, <!-- c --> <3', 10, 10), { tags: 0, depth: 0 });
  });
});
