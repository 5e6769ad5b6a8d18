import { beforeAll, describe, expect, it } from '@jest/globals';
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Lints `code` as if it were a file of the bids module, with the repository's own ESLint config. */
const eslint = new ESLint({ cwd: root });

async function restrictedImports(code: string, file = 'src/modules/bids/bids.service.ts'): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${file}` });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('table ownership lint rule', () => {
  // The first lint starts TypeScript's project service (the config's type-aware rules): slow once.
  beforeAll(() => restrictedImports('export {};\n'), 180_000);

  it("fails a module that imports another module's table", async () => {
    const messages = await restrictedImports("import { engagements } from '../../db/schema/engagements.js';\nexport const table = engagements;\n");
    expect(messages).toEqual([expect.stringContaining("bids owns db/schema/bids.ts only: reach another module's tables through its service")]);
  });

  it('fails the schema index and a module that owns no tables', async () => {
    expect(await restrictedImports("import { bids } from '../../db/schema/index.js';\nexport const table = bids;\n")).toHaveLength(1);
    expect(
      await restrictedImports("import { bids } from '../../db/schema/bids.js';\nexport const table = bids;\n", 'src/modules/web/web.controller.ts'),
    ).toEqual([expect.stringContaining('this module owns no tables')]);
  });

  it("allows a module's own tables and other modules' row types", async () => {
    const code =
      "import { bids } from '../../db/schema/bids.js';\nimport type { EngagementRow } from '../../db/schema/engagements.js';\nexport const table = bids;\nexport type Row = EngagementRow;\n";
    expect(await restrictedImports(code)).toEqual([]);
  });

  it("fails another module's repository", async () => {
    const messages = await restrictedImports(
      "import { EngagementsRepository } from '../engagements/engagements.repository.js';\nexport const r = EngagementsRepository;\n",
    );
    expect(messages).toEqual([expect.stringContaining("use the other module's service")]);
  });
});
