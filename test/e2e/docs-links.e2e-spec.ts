import { spawnSync } from 'node:child_process';
import { describe, expect, it } from '@jest/globals';

/** The link check `npm run lint` runs on README.md and docs/ (remark-validate-links, .remarkrc.mjs). */
const linkCheck = (file: string) => {
  const run = spawnSync(process.execPath, ['node_modules/remark-cli/cli.js', '--frail', '--quiet', '--no-stdout', '--no-color', file], { encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
};

describe('the documentation link check', () => {
  it('passes links that reach a file and a heading', () => {
    expect(linkCheck('test/fixtures/links/ok.md')).toEqual({ status: 0, output: '' });
  });

  it('fails on a link to a missing file and on one to a missing heading, naming each', () => {
    const { status, output } = linkCheck('test/fixtures/links/broken.md');
    expect(status).toBe(1);
    expect(output).toContain('Cannot find file `missing.md`');
    expect(output).toContain('Cannot find heading for `#nowhere` in `ok.md`');
  });
});
