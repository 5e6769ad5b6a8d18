import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

/** The modules that own tables, each in src/db/schema/<module>.ts. */
const TABLE_OWNERS = [
  'alliances',
  'audit',
  'bids',
  'city',
  'conversations',
  'deliveries',
  'engagements',
  'enterprises',
  'expiry',
  'files',
  'identity',
  'inbox',
  'ledger',
  'maintenance',
  'matching',
  'notifications',
  'outbox',
  'payments',
  'providers',
  'quality',
  'reconciliation',
  'requests',
  'subsidies',
  'information',
  'desk',
];

/**
 * A module calls another module's exported service, never its repository or read model; and it
 * imports the tables of its own schema file only (types may be shared), so every table has one
 * module that writes it.
 */
function moduleBoundaries() {
  const services = { group: ['../*/*.repository.js', '../*/*.read-model.js'], message: "use the other module's service, not its repository" };
  const tables = (owner) => ({
    regex: owner ? `db/schema/(?!${owner}\\.js$)[^/]+$` : 'db/schema/',
    allowTypeImports: true,
    message: owner
      ? `${owner} owns db/schema/${owner}.ts only: reach another module's tables through its service`
      : "this module owns no tables: reach them through the owning module's service",
  });
  const rule = (owner) => ({ 'no-restricted-imports': ['error', { patterns: [services, tables(owner)] }] });
  return [
    { files: ['src/modules/**/*.ts'], ignores: ['src/modules/*.spec.ts'], rules: rule(null) },
    ...TABLE_OWNERS.map((owner) => ({ files: [`src/modules/${owner}/**/*.ts`], rules: rule(owner) })),
  ];
}

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.seaward/', 'test-results/', 'migrations/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Type-aware rules: a promise nobody awaits loses its error (and, in a transaction, its order).
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
    },
  },
  {
    // Pure rules stay pure: no framework, no app code (docs/style.md, "What goes where").
    files: ['libs/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@nestjs/*', 'drizzle-orm', 'drizzle-orm/*', 'postgres', 'ioredis', 'bullmq', '**/src/**'],
              message: 'libs/ are pure: no framework, I/O or app imports',
            },
          ],
        },
      ],
    },
  },
  // One owner per table, and modules talk through services (docs/style.md).
  ...moduleBoundaries(),
  { files: ['**/*.mjs', '*.js'], languageOptions: { globals: globals.node } },
  // Layout is Prettier's (npm run format); ESLint keeps to correctness.
  prettier,
);
