import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The web app's areas (web/src/storefront, manage, desk) import only from web/src/shared and from
 * themselves; shared imports no area. The areas are separate bundles: an import across them would
 * pull one area's code into another's download. Only the composition root (web/src/app.tsx,
 * app-routes.tsx, main.tsx) sees them all.
 */
const WEB_AREAS = ['storefront', 'manage', 'desk'];
const ROOT_MODULES = ['**/app.tsx', '**/app-routes.tsx', '**/main.tsx'];
/** The manage area's table and form libraries stay in its bundle. */
const MANAGE_ONLY = [
  '@tanstack/react-table',
  'react-hook-form',
  '@hookform/resolvers',
  '@hookform/resolvers/*',
];

function webAreaBoundary(area, forbidden) {
  return {
    files: [`web/src/${area}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                ...forbidden.flatMap((other) => [`**/${other}/**`, `**/${other}`]),
                ...ROOT_MODULES,
                ...(area === 'manage' ? [] : MANAGE_ONLY),
              ],
              message: `web/src/${area} may import only from web/src/shared and from itself (issue 15.8).`,
            },
          ],
        },
      ],
    },
  };
}

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
    },
  },
  ...WEB_AREAS.map((area) =>
    webAreaBoundary(
      area,
      WEB_AREAS.filter((other) => other !== area),
    ),
  ),
  webAreaBoundary('shared', WEB_AREAS),
);
