import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface PostResult {
  status: number | null;
  error: string | null;
  responseBody: string;
}

const KEPT_RESPONSE_CHARS = 2000;

/**
 * POSTs one delivery and never rejects: a refused connection or a timeout is a failed attempt
 * like any non-2xx answer. A fresh connection each time, so a test server can close at once.
 */
export function postWebhook(
  url: string,
  payload: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<PostResult> {
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      resolve({ status: null, error: `Invalid webhook URL: ${url}`, responseBody: '' });
      return;
    }
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      target,
      {
        method: 'POST',
        agent: false,
        timeout: timeoutMs,
        headers: { ...headers, 'Content-Length': String(Buffer.byteLength(payload)) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (text.length < KEPT_RESPONSE_CHARS) text += chunk;
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? null,
            error: null,
            responseBody: text.slice(0, KEPT_RESPONSE_CHARS),
          }),
        );
        res.on('error', (error) =>
          resolve({ status: null, error: error.message, responseBody: text }),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error(`No response within ${timeoutMs} ms`)));
    req.on('error', (error) => resolve({ status: null, error: error.message, responseBody: '' }));
    req.end(payload);
  });
}
