import { expect } from 'vitest';

/** The response is the given 4xx/5xx with the given error code (ARCHITECTURE: one error shape). */
export function expectError(
  response: { statusCode: number; json(): unknown },
  status: number,
  code: string,
): void {
  expect({ status: response.statusCode, body: response.json() }).toMatchObject({
    status,
    body: { error: { code } },
  });
}
