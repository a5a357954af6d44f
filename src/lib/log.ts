// The product's logger: pino JSON lines (or compact human lines), with credentials removed in two layers.
// pino's redact paths censor credential fields by name down to a few levels; then every finished line is
// scrubbed once more, because a path list cannot see a credential field nested deeper, a secret value
// interpolated into a message, or one inside an error's stack.
import { pino, type DestinationStream, type Logger } from 'pino';
import { createRedactor, REDACTED } from './redact.js';

export interface LoggerOptions {
  /** pino level: fatal, error, warn, info (default), debug, trace or silent. */
  level?: string;
  /** Compact human lines (`12:00:01.250 WARN  message key=value`) instead of JSON, for a terminal. */
  pretty?: boolean;
  /** Where lines go; default standard output. */
  destination?: DestinationStream | NodeJS.WritableStream;
  /** Known secret values (passwords, tokens, client secrets from the config), scrubbed wherever they appear. */
  secrets?: string[];
}

/** Field names whose values are always censored. Header names appear in both cases axios and Node use. */
export const REDACTED_KEYS: readonly string[] = [
  'authorization',
  'Authorization',
  'proxy-authorization',
  'Proxy-Authorization',
  'cookie',
  'Cookie',
  'set-cookie',
  'Set-Cookie',
  'password',
  'passwd',
  'secret',
  'clientSecret',
  'client_secret',
  'token',
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'apiToken',
  'api_token',
  'apiKey',
  'api_key',
];

/** Field paths for pino: each key at the top level and up to three levels down (`*.*.*.password`). */
export function redactPaths(keys: readonly string[] = REDACTED_KEYS): string[] {
  const paths: string[] = [];
  for (const key of keys) {
    const plain = /^[A-Za-z_$][\w$]*$/.test(key);
    for (const prefix of ['', '*', '*.*', '*.*.*']) {
      if (plain) paths.push(prefix === '' ? key : `${prefix}.${key}`);
      else paths.push(`${prefix}["${key}"]`);
    }
  }
  return paths;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A credential field at any depth of a JSON line, with its (JSON-escaped) string value. */
const KEY_VALUE = new RegExp(
  `"(${[...new Set(REDACTED_KEYS.map((k) => k.toLowerCase()))].map(escapeRegExp).join('|')})":"(?:[^"\\\\]|\\\\.)*"`,
  'gi',
);

function formatValue(value: unknown): string {
  return typeof value === 'string' && value !== '' && !/[\s"=]/.test(value) ? value : JSON.stringify(value);
}

/** One JSON line as `HH:MM:SS.mmm LEVEL message key=value ...`, with an error's stack indented below. */
function prettyLine(line: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const { time, level, msg, err, ...fields } = entry;
  const clock = typeof time === 'string' ? time.slice(11, 23) : '';
  const label = typeof level === 'string' ? level.toUpperCase() : formatValue(level);
  let out = `${clock} ${label.padEnd(5)} ${typeof msg === 'string' ? msg : ''}`;
  for (const [key, value] of Object.entries(fields)) out += ` ${key}=${formatValue(value)}`;
  if (err !== null && typeof err === 'object') {
    const { stack, message, code } = err as Record<string, unknown>;
    const text =
      typeof stack === 'string' ? stack : typeof message === 'string' ? message : JSON.stringify(err);
    out += `${typeof code === 'string' ? ` code=${code}` : ''}\n    ${text.replace(/\n/g, '\n    ')}`;
  }
  return `${out}\n`;
}

/** Wraps a destination so every line passes through `transform` before it is written. */
function transformingStream(
  target: DestinationStream | NodeJS.WritableStream,
  transform: (line: string) => string,
): DestinationStream {
  const stream: DestinationStream & { flush?: (cb: (err?: Error) => void) => void } = {
    write: (line: string) => {
      target.write(transform(line));
    },
  };
  const flushable = target as { flush?: (cb: (err?: Error) => void) => void };
  if (typeof flushable.flush === 'function') stream.flush = (cb) => flushable.flush?.(cb);
  return stream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const scrubSecrets = createRedactor(options.secrets ?? []);
  const pretty = options.pretty === true;
  const scrub = (line: string): string => {
    const clean = scrubSecrets(line.replace(KEY_VALUE, `"$1":"${REDACTED}"`));
    return pretty ? prettyLine(clean) : clean;
  };
  const destination = options.destination ?? pino.destination(1);
  return pino(
    {
      level: options.level ?? 'info',
      redact: { paths: redactPaths(), censor: REDACTED },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Level names rather than numbers: the lines are read by people and grep as often as by tools.
      formatters: { level: (label) => ({ level: label }) },
      // pid and hostname are noise on a terminal; JSON keeps them for log collectors.
      ...(pretty ? { base: null } : {}),
    },
    transformingStream(destination, scrub),
  );
}
