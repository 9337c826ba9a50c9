import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

export interface ReceivedAttachment {
  filename: string | undefined;
  contentType: string;
  cid: string | undefined;
  /** True for a part inside multipart/related, i.e. shown inline by the HTML. */
  inline: boolean;
  content: Buffer;
}

export interface ReceivedMail {
  envelopeFrom: string;
  envelopeTo: string[];
  from: string;
  to: string;
  subject: string;
  messageId: string;
  /** The `X-Lanyard-Kind` header, or '' when absent. */
  kind: string;
  text: string;
  /** With `cid:` links kept as sent. */
  html: string;
  attachments: ReceivedAttachment[];
  raw: string;
}

export interface FakeSmtp {
  /** smtp://127.0.0.1:<port>, ready for SMTP_URL. */
  url: string;
  /** Messages accepted so far, in order. */
  messages: ReceivedMail[];
  /** Messages refused by `failNext`, counted. */
  readonly refused: number;
  /** Refuses the next `count` messages at the end of DATA with `responseCode` (451 temporary, 550 permanent). */
  failNext(count: number, responseCode?: number): void;
  stop(): Promise<void>;
}

/**
 * A stand-in SMTP server (STYLE §9): the real nodemailer SMTP client talks to it over a socket,
 * and it keeps what it accepted, parsed the way a mail client would.
 */
export async function startFakeSmtp(): Promise<FakeSmtp> {
  const messages: ReceivedMail[] = [];
  const failures: number[] = [];
  let refused = 0;

  async function receive(stream: SMTPServerDataStream, session: SMTPServerSession) {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const failure = failures.shift();
    if (failure !== undefined) {
      refused += 1;
      throw Object.assign(new Error(`Fake SMTP refuses this message (${failure})`), {
        responseCode: failure,
      });
    }
    messages.push(toReceived(await simpleParser(raw, { keepCidLinks: true }), session, raw));
  }

  const server = new SMTPServer({
    logger: false,
    authOptional: true,
    // Plain text on loopback: nodemailer would otherwise upgrade and distrust the test certificate.
    disabledCommands: ['STARTTLS', 'AUTH'],
    onData(stream, session, callback) {
      receive(stream, session).then(
        () => callback(),
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;

  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    get refused() {
      return refused;
    },
    failNext(count, responseCode = 451) {
      for (let i = 0; i < count; i += 1) failures.push(responseCode);
    },
    stop: () => new Promise<void>((resolve) => server.close(resolve)),
  };
}

function toReceived(mail: ParsedMail, session: SMTPServerSession, raw: Buffer): ReceivedMail {
  const envelope = session.envelope;
  const kind = mail.headers.get('x-lanyard-kind');
  return {
    envelopeFrom: envelope.mailFrom ? envelope.mailFrom.address : '',
    envelopeTo: envelope.rcptTo.map((r) => r.address),
    from: mail.from?.text ?? '',
    to: [mail.to ?? []]
      .flat()
      .map((a) => a.text)
      .join(', '),
    subject: mail.subject ?? '',
    messageId: mail.messageId ?? '',
    kind: typeof kind === 'string' ? kind : '',
    text: mail.text ?? '',
    html: typeof mail.html === 'string' ? mail.html : '',
    attachments: mail.attachments.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      cid: a.cid,
      inline: a.related === true,
      content: a.content,
    })),
    raw: raw.toString('utf8'),
  };
}
