import { availableParallelism } from 'node:os';

// Native ESM mode (NestJS 12 is ESM-only): see docs/style.md, "Stack notes".
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
];

const shared = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': swc },
};

export default {
  testTimeout: 30000,
  // Two files at a time even on two cores: most of an e2e file's time is waiting (on Postgres, a
  // browser, a worker's retry), and each file has a database of its own (test/support/file-database.mjs).
  maxWorkers: Math.max(2, Math.floor(availableParallelism() / 2)),
  projects: [
    {
      ...shared,
      displayName: 'unit',
      roots: ['<rootDir>/libs', '<rootDir>/src'],
      testMatch: ['**/*.spec.ts'],
    },
    {
      ...shared,
      displayName: 'e2e',
      roots: ['<rootDir>/test'],
      // test/faults/*.fault-spec.ts: the api, worker, Redis and Postgres broken on purpose (child processes).
      testMatch: ['**/*.e2e-spec.ts', '**/*.fault-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.mjs',
      setupFiles: ['<rootDir>/test/support/file-database.mjs', '<rootDir>/test/support/preload-nest.mjs'],
      globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
      testTimeout: 60000,
    },
  ],
};
