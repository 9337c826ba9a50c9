import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import tseslint from 'typescript-eslint';

/**
 * The layers of docs/architecture.md, from the top down. Each may import itself and the layers
 * listed for it; anything else is an error. `types` lists layers it may import types from only
 * (the database handle and row types travel through every layer; their queries must not).
 */
const LAYERS = {
  // The web app's areas are separate bundles: an import across them would pull one area's code
  // into another's download. Only the root (web/src/app.tsx, app-routes.tsx, main.tsx) sees all.
  storefront: { pattern: 'web/src/storefront', values: ['shared', 'domain'] },
  manage: { pattern: 'web/src/manage', values: ['shared', 'domain'] },
  desk: { pattern: 'web/src/desk', values: ['shared', 'domain'] },
  shared: { pattern: 'web/src/shared', values: ['domain'] },
  web: { pattern: 'web/src', values: ['storefront', 'manage', 'desk', 'shared', 'domain'] },
  cli: {
    pattern: 'src/cli',
    values: ['http', 'jobs', 'services', 'integrations', 'domain', 'db', 'config', 'fakes'],
  },
  // http holds the database handle only through services/common (STYLE §1: no SQL here).
  http: { pattern: 'src/http', values: ['services', 'domain', 'config'], types: ['integrations'] },
  jobs: {
    pattern: 'src/jobs',
    values: ['services', 'domain', 'config'],
    types: ['db', 'integrations'],
  },
  services: { pattern: 'src/services', values: ['integrations', 'domain', 'db', 'config'] },
  integrations: { pattern: 'src/integrations', values: ['domain', 'db', 'config'] },
  // Pure code: the schema's row and enum types only, never a table or a query.
  domain: { pattern: 'src/domain', values: [], types: ['db'] },
  db: { pattern: 'src/db', values: ['config'] },
  config: { pattern: 'src/config', values: [] },
  // The TEST MODE stand-in (D4.9) ships the Stripe fake to `lanyard serve` without keys.
  fakes: { pattern: 'test/fakes/stripe', values: ['domain', 'config'] },
};

/** Database drivers and the query builder stay below the HTTP layer and out of pure code. */
const DATABASE_MODULES = ['drizzle-orm', 'drizzle-orm/**', 'pg', '@electric-sql/**'];

const to = (types) => ({ to: { element: { types: { anyOf: types } } } });

/** The manage area's table and form libraries stay in its bundle (issue 15.8). */
const MANAGE_ONLY = ['@tanstack/react-table', 'react-hook-form', '@hookform/**'];

/** Issue 15.4: the Stripe SDK stays behind the payment gateway (src/integrations/payments). */
const GATEWAY_MODULES = ['stripe', 'stripe/**'];

const layerPolicies = [
  ...Object.entries(LAYERS).flatMap(([type, layer]) => [
    { from: { element: { type } }, allow: to([type, ...layer.values]) },
    ...(layer.types
      ? [
          {
            from: { element: { type } },
            allow: { ...to(layer.types), dependency: { kind: 'type' } },
          },
        ]
      : []),
  ]),
  // Packages are allowed everywhere, but for the ones below (later policies win).
  {
    from: { element: { types: { anyOf: Object.keys(LAYERS) } } },
    allow: { to: { module: { origin: ['external', 'core'] } } },
  },
  {
    from: { element: { types: { anyOf: ['web', 'http', 'jobs', 'domain'] } } },
    disallow: { to: { module: { origin: 'external', source: DATABASE_MODULES } } },
  },
  {
    from: { element: { types: { anyOf: ['web', 'http', 'jobs', 'services', 'domain', 'db'] } } },
    disallow: { to: { module: { origin: 'external', source: GATEWAY_MODULES } } },
  },
  {
    from: { element: { types: { anyOf: ['storefront', 'desk', 'shared'] } } },
    disallow: { to: { module: { origin: 'external', source: MANAGE_ONLY } } },
  },
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'data/**',
      'dist/**',
      'web/dist/**',
      'src/db/migrations/**',
      'test-results/**',
      // Generated from the server's OpenAPI document (npm run gen:api-types).
      'web/src/shared/api/openapi.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      // STYLE: small modules named for what they hold.
      'max-lines': ['error', { max: 400 }],
    },
  },
  {
    files: ['src/**/*.ts', 'web/**/*.{ts,tsx}', 'test/fakes/**/*.ts'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': Object.entries(LAYERS).map(([type, { pattern }]) => ({
        type,
        pattern,
      })),
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        { default: 'disallow', checkAllOrigins: true, policies: layerPolicies },
      ],
    },
  },
);
