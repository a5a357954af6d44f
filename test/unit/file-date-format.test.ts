// Date layouts of real exports, compiled to ISO-8601 UTC, with wall-clock times in a time zone.
import { describe, expect, it } from 'vitest';
import { compileDateFormat } from '../../connectors/file/date-format.js';

describe('compileDateFormat', () => {
  it('reads padded and unpadded day-month-year layouts', () => {
    expect(compileDateFormat('DD/MM/YYYY HH:mm:ss', 'UTC')('05/02/2012 13:32:57')).toBe(
      '2012-02-05T13:32:57.000Z',
    );
    expect(compileDateFormat('D-M-YYYY H:mm', 'UTC')('1-9-2011 9:13')).toBe('2011-09-01T09:13:00.000Z');
    expect(compileDateFormat('D-M-YYYY H:mm', 'UTC')('30-12-2013 16:47')).toBe('2013-12-30T16:47:00.000Z');
  });

  it("reads Jira's default layout with month names and AM/PM", () => {
    const jira = compileDateFormat('dd/MMM/yy h:mm a', 'UTC');
    expect(jira('12/Mar/24 3:45 PM')).toBe('2024-03-12T15:45:00.000Z');
    expect(jira('14/Mar/24 12:10 AM')).toBe('2024-03-14T00:10:00.000Z');
    expect(jira('14/Mar/24 12:10 PM')).toBe('2024-03-14T12:10:00.000Z');
    expect(jira('01/Okt/24 1:00 AM')).toBe('2024-10-01T01:00:00.000Z');
  });

  it('converts wall-clock times of a zone, winter and summer time, and keeps an explicit offset', () => {
    const amsterdam = compileDateFormat('D-M-YYYY H:mm', 'Europe/Amsterdam');
    expect(amsterdam('18-12-2013 14:00')).toBe('2013-12-18T13:00:00.000Z');
    expect(amsterdam('30-8-2012 7:00')).toBe('2012-08-30T05:00:00.000Z');
    // The night the clocks went back (27 October 2013): 01:30 is still summer time.
    expect(amsterdam('27-10-2013 1:30')).toBe('2013-10-26T23:30:00.000Z');
    const iso = compileDateFormat('iso', 'Europe/Amsterdam');
    expect(iso('2006-01-11T15:49:42+01:00')).toBe('2006-01-11T14:49:42.000Z');
    expect(iso('2024-06-01 12:00:00')).toBe('2024-06-01T10:00:00.000Z');
    expect(iso('2024-06-01T12:00:00Z')).toBe('2024-06-01T12:00:00.000Z');
  });

  it('rejects what is not a date in the layout, including days that do not exist', () => {
    const parse = compileDateFormat('DD-MM-YYYY HH:mm', 'UTC');
    expect(parse('31-02-2024 10:00')).toBeUndefined();
    expect(parse('29-02-2023 10:00')).toBeUndefined();
    expect(parse('29-02-2024 10:00')).toBe('2024-02-29T10:00:00.000Z');
    expect(parse('2024-02-03 10:00')).toBeUndefined();
    expect(parse('01-13-2024 10:00')).toBeUndefined();
    expect(parse('01-01-2024 24:00')).toBeUndefined();
  });

  it('explains a layout or zone it cannot use', () => {
    expect(() => compileDateFormat('DD/QQ/YYYY', 'UTC')).toThrow('unknown date token "Q"');
    expect(() => compileDateFormat('HH:mm', 'UTC')).toThrow('needs a year');
    expect(() => compileDateFormat('DD-MM-YYYY h:mm', 'UTC')).toThrow('h/hh needs A');
    expect(() => compileDateFormat('iso', 'Mars/Base')).toThrow('unknown time zone "Mars/Base"');
  });
});
