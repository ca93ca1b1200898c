import { describe, expect, it } from 'vitest';
import { formatTable } from '../../bench/table.js';

describe('formatTable', () => {
  it('pads every column to its widest cell and rules off the header', () => {
    expect(formatTable(['a', 'bb'], [['xxx', 'y'], ['z', 'wwww']]).split('\n')).toEqual(['a    bb', '---  ----', 'xxx  y', 'z    wwww']);
  });

  it('treats a short row as empty cells', () => {
    expect(formatTable(['a', 'b'], [['x']]).split('\n')[2]).toBe('x');
  });
});
