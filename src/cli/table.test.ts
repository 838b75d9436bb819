import { describe, expect, it } from 'vitest';
import { renderTable } from './table.js';

describe('renderTable', () => {
  it('pads columns to their widest cell', () => {
    expect(renderTable(['A', 'B'], [['xyz', '1']])).toBe('A    B\n---  -\nxyz  1\n');
  });
  it('shows control and bidi characters of a cell escaped: one row per line, no terminal escape', () => {
    const hostile = 'Evil \u001b[31mRED\u001b]0;title\u0007\nline2\u202eabc';
    const out = renderTable(['Client ID', 'Display Name'], [['acme_a', hostile]]);
    expect(out.split('\n')).toHaveLength(4); // header, rule, one row, final newline
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(out).toContain('Evil \\u001b[31mRED\\u001b]0;title\\u0007\\nline2\\u202eabc');
  });
});
