import { describe, expect, it } from 'vitest';
import { logRows } from './log-lines.js';

describe('logRows (team issue 16)', () => {
  it('splits a JSON log line into time, level, message and fields, keeping the raw line', () => {
    const raw = '{"time":"2026-12-06T13:58:40.123Z","level":"info","message":"request","tenant":"acme","status":200,"path":"/contracts/publish","error":{"message":"x"}}';
    expect(logRows(`${raw}\n`)).toEqual([
      {
        time: '2026-12-06T13:58:40.123Z',
        level: 'info',
        message: 'request',
        fields: ['tenant=acme', 'status=200', 'path=/contracts/publish', 'error={"message":"x"}'],
        raw,
      },
    ]);
  });

  it('keeps any other line whole as the message, and skips blank lines', () => {
    const rows = logRows('LOG:  database system is ready\n\n{"not json\n[1,2]\n');
    expect(rows.map((row) => [row.level, row.message, row.fields])).toEqual([
      ['', 'LOG:  database system is ready', []],
      ['', '{"not json', []],
      ['', '[1,2]', []],
    ]);
  });
});
