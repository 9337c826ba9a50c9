/** `npm run gen:api-types`: rewrites web/src/shared/api/openapi.d.ts from the server's routes. */
import { writeFileSync } from 'node:fs';
import { API_TYPES_FILE, buildOpenApiDocument, renderApiTypes } from './api-types.ts';

writeFileSync(API_TYPES_FILE, await renderApiTypes(await buildOpenApiDocument()));
console.log(`Wrote ${API_TYPES_FILE}`);
