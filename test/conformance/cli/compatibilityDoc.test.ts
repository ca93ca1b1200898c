import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { rules } from '../../../spec/index.js';
import { parseCompatibilityNotes } from '../../../conformance/report/CompatibilityNotes.js';

/**
 * Cheap checks that the committed matrix is not stale (regenerating it runs three adapters,
 * too slow for every test run): it lists the registry's rules as they are now, and
 * the notes file is valid and every sentence in it is shown.
 */
/** The text a Markdown reader sees: backslash escapes and the entities the renderer writes undone. */
const unescaped = (markdown: string): string => markdown.replace(/\\(.)/g, '$1').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe('docs/compatibility.md', () => {
  it('has a row for each rule of the registry (the reference is judged with its default store), with its current level and title', async () => {
    const doc = await readFile(new URL('../../../docs/compatibility.md', import.meta.url), 'utf8');
    const rows = [...doc.matchAll(/^\| ([A-Z]+-\d+) \| (MUST|SHOULD|MAY) \| (.*?) \| .*\|$/gm)].map((m) => ({ id: m[1], level: m[2], title: unescaped(m[3]!) }));
    expect(rows).toEqual(rules.map((r) => ({ id: r.id, level: r.level, title: r.title })));
  });

  it('shows every explanation of the notes file, next to a failure', async () => {
    const doc = await readFile(new URL('../../../docs/compatibility.md', import.meta.url), 'utf8');
    const notes = parseCompatibilityNotes(await readFile(new URL('../../../docs/compatibility-notes.json', import.meta.url), 'utf8'), 'docs/compatibility-notes.json', rules.map((r) => r.id));
    const explained = Object.entries(notes).flatMap(([adapter, byRule]) => Object.entries(byRule).map(([id, note]) => ({ adapter, id, note })));
    expect(explained.length).toBeGreaterThan(0);
    for (const { adapter, id, note } of explained) {
      const anchor = `<a id="fail-${adapter}-${id.toLowerCase()}"></a>`;
      expect(doc).toContain(anchor);
      const section = doc.slice(doc.indexOf(anchor)).split('<a id=')[1]!;
      expect(unescaped(section)).toContain(note.sentence);
    }
  });
});
