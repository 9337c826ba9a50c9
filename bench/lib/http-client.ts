import http from 'node:http';

export interface JsonResponse {
  status: number;
  body: unknown;
}

/** Keep-alive connections to one server; `maxSockets` bounds how many requests are on the wire. */
export function keepAliveAgent(maxSockets: number): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
}

export interface PostJsonOptions {
  agent: http.Agent;
  url: string;
  body: object;
  headers: Readonly<Record<string, string>>;
  /** Whole-request deadline: connect, send, wait and read; the request is destroyed after it. */
  timeoutMs: number;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * POSTs JSON and resolves with status and parsed body; rejects on a transport error or when the
 * deadline passes, so no buyer of the rush can hang the run.
 */
export function postJson(options: PostJsonOptions): Promise<JsonResponse> {
  const payload = JSON.stringify(options.body);
  return new Promise<JsonResponse>((resolve, reject) => {
    const request = http.request(options.url, {
      method: 'POST',
      agent: options.agent,
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(payload),
        ...options.headers,
      },
    });
    const timer = setTimeout(
      () => request.destroy(new Error(`timeout after ${options.timeoutMs} ms`)),
      options.timeoutMs,
    );
    request.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    request.once('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      response.once('end', () => {
        clearTimeout(timer);
        resolve({
          status: response.statusCode ?? 0,
          body: parseJson(Buffer.concat(chunks).toString('utf8')),
        });
      });
    });
    request.end(payload);
  });
}

/** The `{error:{code}}` of a refusal, or undefined for any other body. */
export function errorCodeOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || !('error' in body)) return undefined;
  const error = body.error;
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}
