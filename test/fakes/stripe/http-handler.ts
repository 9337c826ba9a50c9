import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakeHttpRequest, FakeHttpResponse } from './dispatch.ts';

export type NodeRequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** Reads the whole body, answers through `dispatch`, and writes the response. */
export function createNodeHandler(
  dispatch: (request: FakeHttpRequest) => FakeHttpResponse,
): NodeRequestHandler {
  return (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('error', () => res.destroy());
    req.on('end', () => {
      const response = dispatch({
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.writeHead(response.status, {
        ...response.headers,
        'Content-Length': String(Buffer.byteLength(response.body)),
      });
      res.end(response.body);
    });
  };
}
