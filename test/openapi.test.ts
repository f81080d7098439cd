import { readFileSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OPENAPI_JSON, SCHEMA_DTS, buildOpenApiDocument, serializeDocument } from '../scripts/openapi.js';

/**
 * The UI's API client is typed from `web/src/api/openapi.json` (→ `schema.d.ts`). A route change
 * that is not followed by `npm run openapi` would leave the UI compiling against an old contract.
 */
const HINT = 'web/src/api/openapi.json is out of date with the server routes: run `npm run openapi` and commit openapi.json and schema.d.ts.';

describe('generated OpenAPI document', () => {
  it('web/src/api/openapi.json matches the document the server builds', async () => {
    expect(existsSync(OPENAPI_JSON), `missing ${OPENAPI_JSON}: run \`npm run openapi\``).toBe(true);
    expect(existsSync(SCHEMA_DTS), `missing ${SCHEMA_DTS}: run \`npm run openapi\``).toBe(true);
    const fresh = serializeDocument(await buildOpenApiDocument());
    const committed = readFileSync(OPENAPI_JSON, 'utf8');
    if (committed !== fresh) {
      // Name the paths that differ so the failure says what changed, then show the diff.
      const a = JSON.parse(committed) as { paths?: Record<string, unknown> };
      const b = JSON.parse(fresh) as { paths?: Record<string, unknown> };
      const keys = new Set([...Object.keys(a.paths ?? {}), ...Object.keys(b.paths ?? {})]);
      const changed = [...keys].filter((k) => JSON.stringify(a.paths?.[k]) !== JSON.stringify(b.paths?.[k]));
      const detail = changed.length ? ` Changed paths: ${changed.join(', ')}.` : ' (outside `paths`)';
      expect(JSON.parse(committed), HINT + detail).toEqual(JSON.parse(fresh));
      expect.fail(HINT + ' (formatting differs)');
    }
  });
});
