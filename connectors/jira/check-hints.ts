// What a failed check() means once we know which step failed: the generic HTTP message gets the
// config setting the user should look at.
import { AppError } from '../../src/contracts/index.js';
import type { JiraSourceConfig } from './config.js';

export function explainCheckFailure(error: AppError, step: string, config: JiraSourceConfig): AppError {
  const streamHint =
    step === 'site' || step === 'assets' || step === 'jsm'
      ? undefined
      : `the JQL of stream ${step} was refused: check its projects (${(config.streams[step as 'incident']?.projects ?? config.projects).join(', ')}), issue types and request types exist and the account can browse them`;
  const hints: Partial<Record<AppError['code'], string | undefined>> = {
    SOURCE_AUTH_FAILED:
      config.auth.type === 'basic'
        ? 'check the e-mail and API token in the environment variables the config names (Cloud: id.atlassian.com > Security > API tokens)'
        : 'check the personal access token in the environment variable the config names',
    SOURCE_FORBIDDEN:
      step === 'assets'
        ? 'the account cannot read the Assets workspace: give it an Assets role (JSM Premium or Enterprise), check assets.workspaceId, or disable assets'
        : 'grant the account the Browse projects permission',
    SOURCE_NOT_FOUND:
      step === 'jsm'
        ? 'Jira Service Management is not installed on the site: disable streams.sla'
        : step === 'assets'
          ? `the Assets workspace was not found at ${config.assets.apiUrl}: check assets.workspaceId and assets.apiUrl`
          : config.deployment === 'datacenter'
            ? 'the URL does not serve the Jira Data Center REST API (/rest/api/2): check the site URL, with its context path if Jira has one (https://host/jira); a Jira Cloud site needs deployment: cloud'
            : 'the URL does not serve the Jira Cloud REST API (/rest/api/3): check the site URL; a Jira Data Center site needs deployment: datacenter',
    SOURCE_BAD_REQUEST:
      step === 'site'
        ? undefined
        : step === 'assets'
          ? 'check the Assets object types or AQL in the config'
          : streamHint,
  };
  const hint = hints[error.code];
  return hint === undefined
    ? error
    : new AppError(error.code, `${error.message}; ${hint}`, {
        retryable: error.retryable,
        details: error.details,
      });
}
