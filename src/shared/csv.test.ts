import { describe, expect, it } from 'vitest';
import { csvField, csvLine, csvText } from './csv.ts';

describe('csv cells', () => {
  it('neutralises every formula-leading character OWASP lists', () => {
    for (const payload of ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd']) {
      const cell = csvField(payload);
      // Unquoted, or inside the quotes: the first character a spreadsheet reads is "'".
      expect(cell.replace(/^"/, '')[0]).toBe("'");
    }
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
  });

  it('keeps numbers, negative ones included, and ordinary text as they are', () => {
    expect(csvLine([-0.5, 3, 'task a', NaN, null])).toBe('-0.5,3,task a,,');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
  });

  it('joins rows with newlines', () => {
    expect(
      csvText([
        ['step', '=x'],
        [0, 1],
      ]),
    ).toBe("step,'=x\n0,1");
  });
});
