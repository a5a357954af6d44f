// A parser for the JQL (and AQL) subset the simulator answers: conditions `field op value`, AND / OR /
// NOT with parentheses, IN lists, quoted or bare values, and a trailing ORDER BY. Both languages share
// this shape; each evaluator gives the fields their meaning.

export type Operator =
  '=' | '!=' | '>' | '>=' | '<' | '<=' | 'in' | 'not in' | '~' | 'like' | 'is' | 'is not';

export type Condition =
  | { kind: 'and' | 'or'; parts: Condition[] }
  | { kind: 'not'; part: Condition }
  | { kind: 'term'; field: string; op: Operator; values: string[] };

export interface OrderTerm {
  field: string;
  direction: 'asc' | 'desc';
}

export interface ParsedQuery {
  /** undefined when the query has no condition (only, perhaps, an ORDER BY): an unbounded query. */
  where: Condition | undefined;
  orderBy: OrderTerm[];
}

export class QueryError extends Error {}

type Token = { type: 'word' | 'string' | 'op' | 'paren' | 'comma'; text: string };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      let value = '';
      while (j < text.length && text[j] !== c) {
        if (text[j] === '\\' && j + 1 < text.length) j++;
        value += text[j];
        j++;
      }
      if (j >= text.length) throw new QueryError(`Error in the query: unterminated string at position ${i}.`);
      tokens.push({ type: 'string', text: value });
      i = j + 1;
    } else if (c === '(' || c === ')') {
      tokens.push({ type: 'paren', text: c });
      i++;
    } else if (c === ',') {
      tokens.push({ type: 'comma', text: c });
      i++;
    } else if ('=!<>~'.includes(c)) {
      const two = text.slice(i, i + 2);
      const op = ['!=', '>=', '<=', '!~'].includes(two) ? two : c;
      tokens.push({ type: 'op', text: op });
      i += op.length;
    } else {
      let j = i;
      while (j < text.length && !/[\s()=!<>~,"']/.test(text[j]!)) j++;
      tokens.push({ type: 'word', text: text.slice(i, j) });
      i = j;
    }
  }
  return tokens;
}

export function parseQuery(text: string): ParsedQuery {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = () => tokens[pos];
  const isWord = (t: Token | undefined, w: string) => t?.type === 'word' && t.text.toLowerCase() === w;
  const expect = (what: string): Token => {
    const t = tokens[pos++];
    if (t === undefined)
      throw new QueryError(`Error in the query: expected ${what} at the end of the query.`);
    return t;
  };

  const value = (): string => {
    const t = expect('a value');
    if (t.type !== 'word' && t.type !== 'string')
      throw new QueryError(`Error in the query: expected a value but got "${t.text}".`);
    return t.text;
  };

  const term = (): Condition => {
    const t = peek();
    if (t?.type === 'paren' && t.text === '(') {
      pos++;
      const inner = or();
      const close = expect('")"');
      if (close.text !== ')') throw new QueryError('Error in the query: expected ")".');
      return inner;
    }
    if (isWord(t, 'not')) {
      pos++;
      return { kind: 'not', part: term() };
    }
    const fieldToken = expect('a field');
    if (fieldToken.type !== 'word' && fieldToken.type !== 'string')
      throw new QueryError(`Error in the query: expected a field name but got "${fieldToken.text}".`);
    const field = fieldToken.text;
    let op: Operator;
    const o = expect('an operator');
    if (o.type === 'op') op = o.text as Operator;
    else if (isWord(o, 'in')) op = 'in';
    else if (isWord(o, 'like')) op = 'like';
    else if (isWord(o, 'not') && isWord(peek(), 'in')) {
      pos++;
      op = 'not in';
    } else if (isWord(o, 'is')) {
      op = isWord(peek(), 'not') ? (pos++, 'is not') : 'is';
    } else
      throw new QueryError(`Error in the query: expected an operator after "${field}" but got "${o.text}".`);
    if (op === 'in' || op === 'not in') {
      const open = expect('"("');
      if (open.text !== '(')
        throw new QueryError(`Error in the query: expected "(" after ${op.toUpperCase()}.`);
      const values = [value()];
      while (peek()?.type === 'comma') {
        pos++;
        values.push(value());
      }
      if (expect('")"').text !== ')') throw new QueryError('Error in the query: expected ")".');
      return { kind: 'term', field, op, values };
    }
    return { kind: 'term', field, op, values: [value()] };
  };

  const and = (): Condition => {
    const parts = [term()];
    while (isWord(peek(), 'and')) {
      pos++;
      parts.push(term());
    }
    return parts.length === 1 ? parts[0]! : { kind: 'and', parts };
  };

  function or(): Condition {
    const parts = [and()];
    while (isWord(peek(), 'or')) {
      pos++;
      parts.push(and());
    }
    return parts.length === 1 ? parts[0]! : { kind: 'or', parts };
  }

  let where: Condition | undefined;
  if (pos < tokens.length && !(isWord(peek(), 'order') && isWord(tokens[pos + 1], 'by'))) where = or();
  const orderBy: OrderTerm[] = [];
  if (isWord(peek(), 'order')) {
    pos++;
    if (!isWord(expect('BY'), 'by')) throw new QueryError('Error in the query: expected BY after ORDER.');
    for (;;) {
      const field = value();
      let direction: 'asc' | 'desc' = 'asc';
      if (isWord(peek(), 'asc') || isWord(peek(), 'desc'))
        direction = expect('').text.toLowerCase() as 'asc' | 'desc';
      orderBy.push({ field, direction });
      if (peek()?.type !== 'comma') break;
      pos++;
    }
  }
  if (pos < tokens.length) throw new QueryError(`Error in the query: unexpected "${tokens[pos]!.text}".`);
  return { where, orderBy };
}
