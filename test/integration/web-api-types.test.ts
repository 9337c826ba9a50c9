import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  API_TYPES_FILE,
  buildOpenApiDocument,
  renderApiTypes,
} from '../../web/scripts/api-types.ts';

describe("the web app's generated API types", () => {
  it('match what the server documents today (else: run npm run gen:api-types)', async () => {
    const fresh = await renderApiTypes(await buildOpenApiDocument());
    const committed = readFileSync(API_TYPES_FILE, 'utf8');
    // A plain comparison first: a diff of 9,000 lines is no help, the instruction is.
    if (committed !== fresh) {
      expect.fail(
        'web/src/shared/api/openapi.d.ts is not what the server documents: run npm run gen:api-types',
      );
    }
    expect(fresh).toContain('"/api/v1/conferences/{slug}/cart"');
  });
});
