import { html, type SafeHtml } from './html.ts';

export interface LayoutInput {
  conferenceName: string;
  heading: string;
  body: SafeHtml;
}

const STYLE = {
  page: 'margin:0;padding:24px;background:#f4f4f5;font-family:Helvetica,Arial,sans-serif;color:#18181b',
  card: 'max-width:600px;margin:0 auto;background:#ffffff;border-radius:8px;padding:32px',
  header: 'font-size:14px;color:#52525b;text-transform:uppercase;letter-spacing:0.05em',
  footer: 'max-width:600px;margin:16px auto 0;font-size:12px;color:#71717a;text-align:center',
};

/** The frame every email shares: conference name above, heading, body, conference name below. */
export function layoutHtml({ conferenceName, heading, body }: LayoutInput): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width" />
        <title>${heading}</title>
      </head>
      <body style="${STYLE.page}">
        <div style="${STYLE.card}">
          <div style="${STYLE.header}">${conferenceName}</div>
          <h1 style="font-size:22px;margin:8px 0 16px">${heading}</h1>
          ${body}
        </div>
        <div style="${STYLE.footer}">${conferenceName}</div>
      </body>
    </html> `.value;
}

export function layoutText(conferenceName: string, sections: readonly string[]): string {
  return [conferenceName, '', ...sections, '', `— ${conferenceName}`, ''].join('\n');
}

export const CELL = 'padding:6px 8px;border-bottom:1px solid #e4e4e7;text-align:left';
export const CELL_RIGHT = `${CELL};text-align:right;white-space:nowrap`;
