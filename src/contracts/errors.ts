// The one catalogue of error codes. Every code has a meaning, the user's fix and the CLI exit code it
// maps to; docs/errors.md is generated from this table and a test keeps the two in step.

/** CLI exit codes (DESIGN section 9). */
export const EXIT = { ok: 0, runFailed: 1, usage: 2, unreachable: 3 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

interface CodeInfo {
  /** What went wrong, in one line. */
  meaning: string;
  /** What the user should do about it. */
  fix: string;
  exit: ExitCode;
}

export const ERROR_CATALOGUE = {
  CONFIG_NOT_FOUND: {
    meaning: 'The configuration file does not exist or cannot be read.',
    fix: 'Pass an existing file with --config or ISO20K_CONFIG, or run without one for the demo.',
    exit: EXIT.usage,
  },
  CONFIG_SYNTAX: {
    meaning: 'The configuration file is not valid YAML.',
    fix: 'Fix the YAML at the line and column shown (indentation, quotes, a tab instead of spaces).',
    exit: EXIT.usage,
  },
  CONFIG_INVALID: {
    meaning: 'A configuration value is missing, of the wrong type, or not allowed.',
    fix: 'Correct the field named in the message; config/example.yaml documents every option.',
    exit: EXIT.usage,
  },
  CONFIG_ENV_MISSING: {
    meaning: 'The configuration refers to an environment variable that is not set.',
    fix: 'Export the variable named in the message (secrets come only from the environment).',
    exit: EXIT.usage,
  },
  MAPPING_INVALID: {
    meaning:
      'A mapping pack (clauses.yaml or a controls file) is not valid YAML or breaks the mapping language.',
    fix: 'Fix each line shown as file:line:col control-id path: message; docs/mapping-language.md describes the language.',
    exit: EXIT.usage,
  },
  USAGE: {
    meaning: 'The command line is not valid.',
    fix: 'Run `iso20k --help` or `iso20k <command> --help` for the accepted options.',
    exit: EXIT.usage,
  },
  SOURCE_AUTH_FAILED: {
    meaning: 'The source rejected the credentials (HTTP 401, or the OAuth token request failed).',
    fix: 'Check the user name, password, token or OAuth client in the environment variables the config names.',
    exit: EXIT.unreachable,
  },
  SOURCE_FORBIDDEN: {
    meaning: 'The account may not read or write this table or project (HTTP 403, ACL).',
    fix: 'Grant the integration account read access to the table (ServiceNow role or ACL; Jira project permission).',
    exit: EXIT.unreachable,
  },
  SOURCE_NOT_FOUND: {
    meaning: 'The URL answered 404: the instance URL or API path is wrong.',
    fix: 'Check the instance URL in the config (for ServiceNow: https://<name>.service-now.com, no path).',
    exit: EXIT.unreachable,
  },
  SOURCE_BAD_REQUEST: {
    meaning: 'The source refused the request (HTTP 400), for example an unknown table or field.',
    fix: 'Check the table and field names in the config against the instance; the message quotes its reply.',
    exit: EXIT.unreachable,
  },
  SOURCE_UNREACHABLE: {
    meaning: 'The host could not be reached (DNS failure, connection refused, TLS error).',
    fix: 'Check the URL, DNS, proxy and firewall between this host and the instance.',
    exit: EXIT.unreachable,
  },
  SOURCE_HIBERNATING: {
    meaning: 'The ServiceNow instance answered with its hibernation page instead of JSON.',
    fix: 'Wake the developer instance by signing in at developer.servicenow.com, then run again.',
    exit: EXIT.unreachable,
  },
  SOURCE_BAD_RESPONSE: {
    meaning:
      'The source answered with something that is not the expected JSON (HTML, truncated or malformed body).',
    fix: 'Usually transient and retried; if it persists, check for a proxy or login page in front of the API.',
    exit: EXIT.unreachable,
  },
  SOURCE_RATE_LIMITED: {
    meaning: 'The source kept answering 429 after every retry.',
    fix: 'Lower the page size or poll less often, or raise the rate limit rule for the integration user.',
    exit: EXIT.unreachable,
  },
  SOURCE_SERVER_ERROR: {
    meaning: 'The source kept failing with 5xx after every retry.',
    fix: 'Check the instance health; the next run resumes from the last committed cursor.',
    exit: EXIT.unreachable,
  },
  SOURCE_TIMEOUT: {
    meaning: 'The source did not answer within the configured timeout after every retry.',
    fix: 'Raise http.timeoutMs or lower the page size for this source.',
    exit: EXIT.unreachable,
  },
  STATE_LOCKED: {
    meaning: 'Another iso20k process holds the lock on this data directory.',
    fix: 'Stop the other process, or give this one its own --data-dir. A stale lock of a dead process is taken over.',
    exit: EXIT.runFailed,
  },
  STATE_CORRUPT: {
    meaning: 'The state file or the findings ledger beside it could not be parsed.',
    fix: 'Restore the file the message names (data/state.json or data/findings.ndjson) from a backup or move it away; the next run rebuilds it (tickets are reconciled, findings start their history again).',
    exit: EXIT.runFailed,
  },
  STATE_IO: {
    meaning: 'The data directory could not be read or written.',
    fix: 'Check that the data directory exists, is writable by this user, and the disk is not full.',
    exit: EXIT.runFailed,
  },
  RUN_ABORTED: {
    meaning: 'The run was stopped (signal or shutdown) before it finished.',
    fix: 'Nothing to do: the next run resumes from the last committed cursor.',
    exit: EXIT.runFailed,
  },
  RUN_FAILED: {
    meaning: 'One or more streams failed during the run.',
    fix: 'Read the per-stream errors above; each names its own fix.',
    exit: EXIT.runFailed,
  },
  INTERNAL: {
    meaning: 'An unexpected internal error.',
    fix: 'Please report it with the log line (it holds no secrets).',
    exit: EXIT.runFailed,
  },
} as const satisfies Record<string, CodeInfo>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export interface AppErrorOptions {
  cause?: unknown;
  /** Whether trying the same request again may succeed. */
  retryable?: boolean;
  /** Safe, secret-free context: method, URL without credentials, status, a body snippet, file and line. */
  details?: Record<string, unknown>;
}

/** The one error type the product raises; its code is always in ERROR_CATALOGUE. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.details = options.details ?? {};
  }

  get exitCode(): ExitCode {
    return ERROR_CATALOGUE[this.code].exit;
  }

  get fix(): string {
    return ERROR_CATALOGUE[this.code].fix;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
