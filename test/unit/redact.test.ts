// Redaction of known secret values, credential-shaped text and URLs.
import { describe, expect, it } from 'vitest';
import {
  createRedactor,
  isSensitiveName,
  redactCredentials,
  redactText,
  redactUrl,
} from '../../src/lib/redact.js';

describe('redactText', () => {
  it('removes known secrets in raw, JSON-escaped and URL-encoded form', () => {
    const secret = 'p@ss"w0rd/é';
    const text = `raw ${secret} json ${JSON.stringify(secret)} url ${encodeURIComponent(secret)}`;
    const out = redactText(text, [secret]);
    expect(out).not.toContain('w0rd');
    expect(out).toBe('raw [REDACTED] json "[REDACTED]" url [REDACTED]');
  });

  it('removes the longer of overlapping secrets whole and ignores trivially short ones', () => {
    expect(redactText('token abcdef123456', ['abcdef', 'abcdef123456'])).toBe('token [REDACTED]');
    expect(redactText('a b c', ['a', ''])).toBe('a b c');
  });

  it('removes credential-shaped text without knowing the value', () => {
    expect(redactCredentials('password=hunter2&user=x')).toBe('password=[REDACTED]&user=x');
    expect(redactCredentials('{"client_secret":"abc","name":"n"}')).toBe(
      '{"client_secret":"[REDACTED]","name":"n"}',
    );
    expect(redactCredentials('Authorization: Bearer abc.def.ghi')).toBe('Authorization: [REDACTED]');
    expect(redactCredentials('sent Bearer eyJhbGciOi.J9x1 to it')).toBe('sent Bearer [REDACTED] to it');
    expect(redactCredentials('Basic dXNlcjpwYXNzd29yZA==')).toBe('Basic [REDACTED]');
    expect(redactCredentials('Basic authentication is disabled')).toBe('Basic authentication is disabled');
    expect(redactCredentials('{"nextPageToken":"CAEaAggD"}')).toBe('{"nextPageToken":"CAEaAggD"}');
  });

  it('compiles once for repeated use', () => {
    const redact = createRedactor(['s3cr3t-value']);
    expect(redact('a s3cr3t-value b s3cr3t-value')).toBe('a [REDACTED] b [REDACTED]');
    expect(createRedactor([])('plain')).toBe('plain');
  });
});

describe('redactUrl', () => {
  it('drops userinfo and masks credential parameters, keeping the rest byte for byte', () => {
    expect(
      redactUrl('https://user:p%40ss@acme.service-now.com/api?sysparm_query=a%3Db%5EORc&password=x&token=y'),
    ).toBe('https://acme.service-now.com/api?sysparm_query=a%3Db%5EORc&password=REDACTED&token=REDACTED');
    expect(redactUrl('/oauth?client_secret=s&Access_Token=t&refresh-token=r&nextPageToken=n#frag')).toBe(
      '/oauth?client_secret=REDACTED&Access_Token=REDACTED&refresh-token=REDACTED&nextPageToken=n#frag',
    );
    expect(redactUrl('//u@host/x')).toBe('//host/x');
    expect(redactUrl('https://acme.atlassian.net/rest/api/3/myself')).toBe(
      'https://acme.atlassian.net/rest/api/3/myself',
    );
  });

  it('knows credential parameter names', () => {
    for (const name of [
      'password',
      'passwd',
      'client_secret',
      'clientSecret',
      'api_token',
      'apiKey',
      'id_token',
      'dbPassword',
    ]) {
      expect(isSensitiveName(name)).toBe(true);
    }
    for (const name of ['sysparm_query', 'nextPageToken', 'jql', 'sysparm_display_value']) {
      expect(isSensitiveName(name)).toBe(false);
    }
  });
});
