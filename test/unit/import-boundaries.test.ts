// The architecture's import boundary (DESIGN section 3) is enforced by the project's own ESLint config:
// this test lints probe files placed where the rule applies and checks that it fires, and only there.
import { rm, writeFile } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

const probes = {
  connectorReachingIntoState: 'connectors/servicenow/boundary-probe-a.ts',
  connectorUsingContracts: 'connectors/servicenow/boundary-probe-b.ts',
  coreReachingIntoConnectors: 'src/pipeline/boundary-probe-c.ts',
  cliUsingConnectors: 'src/cli/boundary-probe-d.ts',
};

afterAll(async () => {
  await Promise.all(Object.values(probes).map((file) => rm(file, { force: true })));
});

async function restrictedImports(file: string, source: string): Promise<string[]> {
  await writeFile(file, source);
  const [result] = await new ESLint().lintFiles([file]);
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import boundaries', () => {
  it('keeps connectors to src/contracts and src/lib, and the core away from connectors', async () => {
    const [a, b, c, d] = await Promise.all([
      restrictedImports(
        probes.connectorReachingIntoState,
        "import type { RecordCache } from '../../src/state/record-cache.js';\nexport type X = RecordCache;\n",
      ),
      restrictedImports(
        probes.connectorUsingContracts,
        "import type { AppError } from '../../src/contracts/index.js';\nimport type { HttpClient } from '../../src/lib/http.js';\nexport type X = AppError | HttpClient;\n",
      ),
      restrictedImports(
        probes.coreReachingIntoConnectors,
        "import type { ConnectorType } from '../../connectors/index.js';\nexport type X = ConnectorType;\n",
      ),
      restrictedImports(
        probes.cliUsingConnectors,
        "import type { ConnectorType } from '../../connectors/index.js';\nexport type X = ConnectorType;\n",
      ),
    ]);
    expect(a).toEqual([expect.stringContaining('Connectors may import only src/contracts and src/lib')]);
    expect(b).toEqual([]);
    expect(c).toEqual([expect.stringContaining('Only src/app.ts and src/cli may import connectors')]);
    expect(d).toEqual([]);
  });
});
