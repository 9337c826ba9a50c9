import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layer rules of docs/architecture.md are enforced by `npm run lint` (eslint.config.js). These
 * cases prove the rule can fail: each import below breaks a layer and must be reported, and each
 * allowed one must not.
 */
const eslint = new ESLint();

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'boundaries/dependencies')
    .map((m) => m.message);
}

describe('layer boundaries (eslint-plugin-boundaries)', () => {
  it.each([
    ['src/domain/probe.ts', "import { orders } from '../db/schema/index.ts';"],
    ['src/domain/probe.ts', "import { sql } from 'drizzle-orm';"],
    ['src/domain/probe.ts', "import { placeOrder } from '../services/checkout/index.ts';"],
    ['src/http/routes/probe.ts', "import { orders } from '../../db/schema/index.ts';"],
    ['src/http/routes/probe.ts', "import type { Order } from '../../db/schema/index.ts';"],
    ['src/http/routes/probe.ts', "import { sql } from 'drizzle-orm';"],
    ['src/jobs/probe.ts', "import { queryRows } from '../db/raw.ts';"],
    ['src/services/probe/x.ts', "import { app } from '../../http/app.ts';"],
    ['src/services/probe/x.ts', "import type Stripe from 'stripe';"],
    ['src/db/probe.ts', "import { money } from '../domain/money.ts';"],
    ['web/src/probe.ts', "import { orders } from '../../src/db/schema/index.ts';"],
    ['web/src/storefront/probe.ts', "import { x } from '../manage/manage-area.tsx';"],
    ['web/src/shared/probe.ts', "import { useForm } from 'react-hook-form';"],
  ])('%s may not: %s', async (filePath, code) => {
    expect(await boundaryErrors(filePath, `${code}\nexport {};\n`)).not.toEqual([]);
  });

  it.each([
    [
      'src/http/routes/probe.ts',
      "import type { Database } from '../../services/common/database.ts';",
    ],
    ['src/http/routes/probe.ts', "import { placeOrder } from '../../services/checkout/index.ts';"],
    ['src/services/probe/x.ts', "import { orders } from '../../db/schema/index.ts';"],
    ['src/integrations/payments/probe.ts', "import Stripe from 'stripe';"],
    ['src/domain/probe.ts', "import type { Order } from '../db/schema/index.ts';"],
    ['src/cli/probe.ts', "import { buildApp } from '../http/app.ts';"],
  ])('%s may: %s', async (filePath, code) => {
    expect(await boundaryErrors(filePath, `${code}\nexport {};\n`)).toEqual([]);
  });
});
