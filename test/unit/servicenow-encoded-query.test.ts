import { describe, expect, it } from 'vitest';
import { compileQuery } from '../../connectors/servicenow/simulator/query/compile.js';
import {
  evaluateScriptDate,
  resolveDateValue,
} from '../../connectors/servicenow/simulator/query/date-literals.js';
import { executeQuery } from '../../connectors/servicenow/simulator/query/execute.js';
import { parseEncodedQuery, QuerySyntaxError } from '../../connectors/servicenow/simulator/query/parse.js';
import { Database } from '../../connectors/servicenow/simulator/store/database.js';
import { parseDateTime } from '../../connectors/servicenow/simulator/time-format.js';

const NOW = parseDateTime('2026-01-15 12:00:00')!;

/** A database with a handful of hand-written incidents (ids ordered a < b < c ...). */
function fixture(): Database {
  const db = new Database();
  for (const store of db.allStores()) store.seal();
  const inc = db.store('incident');
  const rows: Record<string, string>[] = [
    {
      sys_id: 'a'.repeat(32),
      number: 'INC1',
      state: '1',
      priority: '1',
      category: 'network',
      short_description: 'VPN down',
      sys_updated_on: '2024-01-15 10:00:00',
      reassignment_count: '0',
    },
    {
      sys_id: 'b'.repeat(32),
      number: 'INC2',
      state: '2',
      priority: '3',
      category: 'software',
      short_description: 'Email slow',
      sys_updated_on: '2024-01-15 10:00:00',
      reassignment_count: '2',
    },
    {
      sys_id: 'c'.repeat(32),
      number: 'INC3',
      state: '7',
      priority: '4',
      category: '',
      short_description: 'Printer jam',
      sys_updated_on: '2024-01-15 10:00:00',
      reassignment_count: '5',
    },
    {
      sys_id: 'd'.repeat(32),
      number: 'INC4',
      state: '6',
      priority: '2',
      category: 'network',
      short_description: 'Wi-Fi ^ flaky',
      sys_updated_on: '2024-01-16 09:30:00',
      reassignment_count: '10',
    },
    {
      sys_id: 'e'.repeat(32),
      number: 'INC5',
      state: '8',
      priority: '5',
      category: 'database',
      short_description: 'DB deadlock',
      sys_updated_on: '2023-12-31 23:59:59',
      reassignment_count: '',
    },
  ];
  for (const r of rows)
    inc.insert({
      ...r,
      sys_created_on: r.sys_updated_on,
      active: String(r.state !== '7' && r.state !== '8'),
    });
  return db;
}

function numbers(db: Database, query: string, table = 'incident'): string[] {
  const served = db.table(table)!;
  const compiled = compileQuery(db, served, parseEncodedQuery(query), NOW);
  const page = executeQuery(compiled, { offset: 0, limit: 100, count: true });
  return page.rows.map((r) => served.store.column('number')!.get(r));
}

describe('parseEncodedQuery', () => {
  it('splits ^ (AND), ^OR (binds to the previous condition) and ^NQ (new OR group)', () => {
    const q = parseEncodedQuery('active=true^priority=1^ORpriority=2^NQstate=6');
    expect(q.groups).toHaveLength(2);
    expect(q.groups[0]).toEqual([
      [{ field: 'active', op: '=', value: 'true' }],
      [
        { field: 'priority', op: '=', value: '1' },
        { field: 'priority', op: '=', value: '2' },
      ],
    ]);
    expect(q.groups[1]).toEqual([[{ field: 'state', op: '=', value: '6' }]]);
  });

  it('reads every operator', () => {
    const ops = [
      '=x',
      '!=x',
      '>x',
      '>=x',
      '<x',
      '<=x',
      'LIKEx',
      'NOT LIKEx',
      'STARTSWITHx',
      'ENDSWITHx',
      'INx,y',
      'NOT INx,y',
      'ISEMPTY',
      'ISNOTEMPTY',
      'ANYTHING',
      'BETWEENa@b',
    ];
    const parsed = ops.map((o) => parseEncodedQuery(`short_description${o}`).groups[0]![0]![0]!.op);
    expect(parsed).toEqual([
      '=',
      '!=',
      '>',
      '>=',
      '<',
      '<=',
      'LIKE',
      'NOT LIKE',
      'STARTSWITH',
      'ENDSWITH',
      'IN',
      'NOT IN',
      'ISEMPTY',
      'ISNOTEMPTY',
      'ANYTHING',
      'BETWEEN',
    ]);
  });

  it('collects several ORDERBY / ORDERBYDESC terms in order, wherever they appear', () => {
    const q = parseEncodedQuery('ORDERBYpriority^active=true^ORDERBYDESCsys_updated_on^ORDERBYsys_id');
    expect(q.orderBy).toEqual([
      { field: 'priority', desc: false },
      { field: 'sys_updated_on', desc: true },
      { field: 'sys_id', desc: false },
    ]);
    expect(q.groups).toHaveLength(1);
  });

  it('keeps values containing = and reads ^^ as a literal caret', () => {
    expect(parseEncodedQuery('short_description=a=b').groups[0]![0]![0]!.value).toBe('a=b');
    expect(parseEncodedQuery('short_description=Wi-Fi ^^ flaky').groups[0]![0]![0]!.value).toBe(
      'Wi-Fi ^ flaky',
    );
  });

  it('ignores empty terms and the ^EQ end marker; an empty query matches everything', () => {
    expect(parseEncodedQuery('').groups).toEqual([]);
    expect(parseEncodedQuery('active=true^^EQ').groups).toHaveLength(1);
    expect(parseEncodedQuery('^active=true^EQ').groups[0]).toHaveLength(1);
  });

  it.each([
    ['no operator', 'stateFOO'],
    ['no field', '=1'],
    ['OR first', 'ORstate=1'],
    ['unary with value', 'stateISEMPTYx'],
    ['BETWEEN without @', 'stateBETWEEN1'],
    ['bad ORDERBY field', 'ORDERBYnot a field'],
  ])('rejects a malformed query (%s)', (_name, query) => {
    expect(() => parseEncodedQuery(query)).toThrow(QuerySyntaxError);
  });
});

describe('date values', () => {
  it('evaluates gs.dateGenerate with a time, start and end (user time zone = UTC)', () => {
    expect(evaluateScriptDate("javascript:gs.dateGenerate('2024-01-15','10:00:00')", NOW)).toBe(
      parseDateTime('2024-01-15 10:00:00'),
    );
    expect(evaluateScriptDate("javascript:gs.dateGenerate('2024-01-15','start')", NOW)).toBe(
      parseDateTime('2024-01-15 00:00:00'),
    );
    expect(evaluateScriptDate("javascript:gs.dateGenerate('2024-01-15','end')", NOW)).toBe(
      parseDateTime('2024-01-15 23:59:59'),
    );
  });

  it('evaluates relative helpers against the given clock', () => {
    expect(evaluateScriptDate('javascript:gs.daysAgoStart(1)', NOW)).toBe(
      parseDateTime('2026-01-14 00:00:00'),
    );
    expect(evaluateScriptDate('javascript:gs.hoursAgo(2)', NOW)).toBe(parseDateTime('2026-01-15 10:00:00'));
    expect(evaluateScriptDate('javascript:gs.beginningOfToday()', NOW)).toBe(
      parseDateTime('2026-01-15 00:00:00'),
    );
  });

  it('reads literals as UTC, never local time', () => {
    expect(resolveDateValue('2016-12-14 02:46:44', NOW)).toBe(Date.UTC(2016, 11, 14, 2, 46, 44) / 1000);
    expect(resolveDateValue('nonsense', NOW)).toBeUndefined();
  });

  it('refuses arbitrary script', () => {
    expect(() => evaluateScriptDate('javascript:process.exit()', NOW)).toThrow(QuerySyntaxError);
    expect(() => evaluateScriptDate('javascript:gs.eval(1)', NOW)).toThrow(QuerySyntaxError);
  });
});

describe('compiled queries', () => {
  const db = fixture();

  it('evaluates equality, IN, NOT IN, LIKE (case-insensitive), STARTSWITH, ENDSWITH', () => {
    expect(numbers(db, 'category=network^ORDERBYnumber')).toEqual(['INC1', 'INC4']);
    expect(numbers(db, 'stateIN1,2^ORDERBYnumber')).toEqual(['INC1', 'INC2']);
    expect(numbers(db, 'stateNOT IN1,2,7^ORDERBYnumber')).toEqual(['INC4', 'INC5']);
    expect(numbers(db, 'short_descriptionLIKEemail')).toEqual(['INC2']);
    expect(numbers(db, 'short_descriptionNOT LIKEe^ORDERBYnumber')).toEqual(['INC1', 'INC4']);
    expect(numbers(db, 'short_descriptionSTARTSWITHvpn')).toEqual(['INC1']);
    expect(numbers(db, 'short_descriptionENDSWITHJAM')).toEqual(['INC3']);
    expect(numbers(db, 'short_description=Wi-Fi ^^ flaky')).toEqual(['INC4']);
  });

  it('treats empty values: ISEMPTY, ISNOTEMPTY, ANYTHING, = with nothing', () => {
    expect(numbers(db, 'categoryISEMPTY')).toEqual(['INC3']);
    expect(numbers(db, 'category=')).toEqual(['INC3']);
    expect(numbers(db, 'categoryISNOTEMPTY^ORDERBYnumber')).toHaveLength(4);
    expect(numbers(db, 'categoryANYTHING')).toHaveLength(5);
  });

  it('compares integers as numbers (10 > 5) and skips empty values', () => {
    expect(numbers(db, 'reassignment_count>2^ORDERBYnumber')).toEqual(['INC3', 'INC4']);
    expect(numbers(db, 'reassignment_count<1')).toEqual(['INC1']);
    expect(numbers(db, 'reassignment_countBETWEEN2@5^ORDERBYnumber')).toEqual(['INC2', 'INC3']);
  });

  it('compares date literals and gs.dateGenerate as UTC', () => {
    expect(numbers(db, 'sys_updated_on>2024-01-15 10:00:00')).toEqual(['INC4']);
    expect(numbers(db, 'sys_updated_on>=2024-01-15 10:00:00^ORDERBYnumber')).toEqual([
      'INC1',
      'INC2',
      'INC3',
      'INC4',
    ]);
    expect(numbers(db, "sys_updated_on<javascript:gs.dateGenerate('2024-01-01','start')")).toEqual(['INC5']);
    expect(
      numbers(
        db,
        "sys_updated_onBETWEENjavascript:gs.dateGenerate('2024-01-16','start')@javascript:gs.dateGenerate('2024-01-16','end')",
      ),
    ).toEqual(['INC4']);
  });

  it('combines OR groups with ^NQ and OR conditions inside a group', () => {
    expect(numbers(db, 'priority=1^ORpriority=2^state=1^NQcategory=database^ORDERBYnumber')).toEqual([
      'INC1',
      'INC5',
    ]);
  });

  it('applies several ORDERBY terms in order', () => {
    expect(numbers(db, 'ORDERBYcategory^ORDERBYDESCnumber')).toEqual([
      'INC3',
      'INC5',
      'INC4',
      'INC1',
      'INC2',
    ]);
    expect(numbers(db, 'ORDERBYDESCreassignment_count')).toEqual(['INC4', 'INC3', 'INC2', 'INC1', 'INC5']);
  });

  it('answers the keyset form with ^NQ, ties broken by sys_id', () => {
    const q = (t: string, id: string) =>
      `sys_updated_on>${t}^NQsys_updated_on=${t}^sys_id>${id}^ORDERBYsys_updated_on^ORDERBYsys_id`;
    expect(numbers(db, q('2024-01-15 10:00:00', 'a'.repeat(32)))).toEqual(['INC2', 'INC3', 'INC4']);
    expect(numbers(db, q('2024-01-15 10:00:00', 'c'.repeat(32)))).toEqual(['INC4']);
    expect(numbers(db, q('1970-01-01 00:00:00', ''))).toEqual(['INC5', 'INC1', 'INC2', 'INC3', 'INC4']);
  });

  it('follows dot-walked references', () => {
    const local = fixture();
    const users = local.store('sys_user');
    const beth = users.insert({ sys_id: 'f'.repeat(32), user_name: 'beth.anglin', name: 'Beth Anglin' });
    const inc = local.store('incident');
    inc.update([inc.rowOf('a'.repeat(32))], () => ({ assigned_to: users.sysId.get(beth) }));
    expect(numbers(local, 'assigned_to.user_name=beth.anglin')).toEqual(['INC1']);
  });

  it('rejects unknown fields and unparsable dates', () => {
    const served = db.table('incident')!;
    expect(() => compileQuery(db, served, parseEncodedQuery('no_such_field=1'), NOW)).toThrow(
      QuerySyntaxError,
    );
    expect(() => compileQuery(db, served, parseEncodedQuery('sys_updated_on>yesterday'), NOW)).toThrow(
      QuerySyntaxError,
    );
    expect(() => compileQuery(db, served, parseEncodedQuery('ORDERBYnope'), NOW)).toThrow(QuerySyntaxError);
  });
});

describe('index use', () => {
  it('evaluates about one page of rows for a keyset query on a large table (binary search, early stop)', () => {
    const db = new Database();
    for (const store of db.allStores()) store.seal();
    const inc = db.store('incident');
    const base = parseDateTime('2024-01-01 00:00:00')!;
    for (let i = 0; i < 20_000; i++) {
      // 50 rows per second, so the keyset has to page inside a second by sys_id.
      inc.insert({
        sys_id: i.toString(16).padStart(32, '0'),
        number: `INC${i}`,
        sys_updated_on: base + Math.floor(i / 50),
      });
    }
    const served = db.table('incident')!;
    const t = '2024-01-01 00:01:40'; // second 100 -> rows 5000..5049
    const id = (5020).toString(16).padStart(32, '0');
    const compiled = compileQuery(
      db,
      served,
      parseEncodedQuery(
        `sys_updated_on>${t}^NQsys_updated_on=${t}^sys_id>${id}^ORDERBYsys_updated_on^ORDERBYsys_id`,
      ),
      NOW,
    );
    let evaluated = 0;
    const counting = { ...compiled, predicate: (r: number) => (evaluated++, compiled.predicate(r)) };
    const page = executeQuery(counting, { offset: 0, limit: 100, count: false });
    expect(page.rows.map((r) => inc.column('number')!.get(r))[0]).toBe('INC5021');
    expect(page.rows).toHaveLength(100);
    expect(page.more).toBe(true);
    expect(evaluated).toBeLessThanOrEqual(102);
    const byId = compileQuery(db, served, parseEncodedQuery(`sys_id>${id}^ORDERBYsys_id`), NOW);
    evaluated = 0;
    executeQuery(
      { ...byId, predicate: (r: number) => (evaluated++, byId.predicate(r)) },
      { offset: 0, limit: 10, count: false },
    );
    expect(evaluated).toBeLessThanOrEqual(12);
  });
});
