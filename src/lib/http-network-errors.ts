// Failures below HTTP (no status): refused, reset, timed out, DNS, TLS. Each gets a code, a retry rule
// and a message in words, with the Node or axios error code in brackets for searching.
import { AppError, type ErrorCode } from '../contracts/errors.js';
import { describeRequest, requestDetails, type HttpErrorContext } from './http-context.js';
import { redactCredentials } from './redact.js';

interface NetworkRule {
  code: ErrorCode;
  retryable: boolean;
  /** What happened, in words; the error code follows in brackets. */
  what: string;
}

const NETWORK_RULES: Record<string, NetworkRule> = {
  ECONNREFUSED: { code: 'SOURCE_UNREACHABLE', retryable: true, what: 'the connection was refused' },
  ENOTFOUND: { code: 'SOURCE_UNREACHABLE', retryable: false, what: 'the host name does not resolve' },
  EAI_AGAIN: { code: 'SOURCE_UNREACHABLE', retryable: true, what: 'the DNS lookup failed for now' },
  EHOSTUNREACH: { code: 'SOURCE_UNREACHABLE', retryable: true, what: 'the host is unreachable' },
  ENETUNREACH: { code: 'SOURCE_UNREACHABLE', retryable: true, what: 'the network is unreachable' },
  ECONNRESET: { code: 'SOURCE_UNREACHABLE', retryable: true, what: 'the connection was reset' },
  EPIPE: { code: 'SOURCE_UNREACHABLE', retryable: true, what: 'the connection closed while sending' },
  ECONNABORTED: { code: 'SOURCE_TIMEOUT', retryable: true, what: 'no answer in time' },
  ETIMEDOUT: { code: 'SOURCE_TIMEOUT', retryable: true, what: 'no answer in time' },
  ESOCKETTIMEDOUT: { code: 'SOURCE_TIMEOUT', retryable: true, what: 'no answer in time' },
  ERR_BAD_RESPONSE: { code: 'SOURCE_BAD_RESPONSE', retryable: true, what: 'the response could not be read' },
};

export function isNetworkCode(code: string): boolean {
  return Object.hasOwn(NETWORK_RULES, code);
}

/** Certificate and handshake failures: a retry cannot fix them. */
export const TLS_CODE = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS|ERR_SSL|EPROTO/;

/** A network-level failure (no HTTP status), by its Node or axios error code. */
export function networkError(
  code: string,
  message: string,
  ctx: HttpErrorContext,
  midResponse = false,
): AppError {
  const details = { ...requestDetails(ctx), reason: code || 'network' };
  const request = `${ctx.instance}: ${describeRequest(ctx)}`;
  if (midResponse) {
    return new AppError(
      'SOURCE_BAD_RESPONSE',
      `${request} failed: the connection closed before the whole response arrived (${code || 'aborted'})`,
      { retryable: true, details: { ...details, reason: 'truncated body' } },
    );
  }
  const rule = isNetworkCode(code) ? NETWORK_RULES[code] : undefined;
  if (rule?.code === 'SOURCE_TIMEOUT') {
    const limit = ctx.timeoutMs === undefined ? '' : ` within ${ctx.timeoutMs} ms`;
    return new AppError('SOURCE_TIMEOUT', `${request} got no answer${limit} (${code})`, {
      retryable: true,
      details,
    });
  }
  if (rule !== undefined) {
    return new AppError(rule.code, `${request} failed: ${rule.what} (${code})`, {
      retryable: rule.retryable,
      details,
    });
  }
  if (TLS_CODE.test(code)) {
    return new AppError(
      'SOURCE_UNREACHABLE',
      `${request} failed: TLS certificate or handshake error (${code}): ${redactCredentials(message)}. ` +
        'For a private CA, point NODE_EXTRA_CA_CERTS at its certificate.',
      { retryable: false, details },
    );
  }
  return new AppError(
    'SOURCE_UNREACHABLE',
    `${request} failed: ${redactCredentials(message)} (${code || 'no code'})`,
    {
      retryable: false,
      details,
    },
  );
}
