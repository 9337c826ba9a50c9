import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { SendMailOptions } from 'nodemailer';
import { MailDeliveryError, type Mailer, type OutgoingMail } from './mailer.ts';

export interface MailerOptions {
  /** smtp:// or smtps:// URL; without it messages are written as .eml files (development). */
  smtpUrl?: string | undefined;
  from: string;
  /** Development files go to `<dataDir>/mail/`. */
  dataDir: string;
  /** Names development files; defaults to the wall clock. */
  now?: () => Date;
  /** Where the development mailer reports each file it wrote. */
  log?: (line: string) => void;
}

export interface MailerHandle extends Mailer {
  /** Where mail goes, for the start-up banner; never contains credentials. */
  readonly destination: string;
  close(): void;
}

// Bounded waits: an outbox job's lock must outlive one send (see OUTBOX_LOCK_MS).
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

export function createMailer(options: MailerOptions): MailerHandle {
  return options.smtpUrl ? smtpMailer(options.smtpUrl, options.from) : fileMailer(options);
}

function smtpMailer(smtpUrl: string, from: string): MailerHandle {
  const transport = nodemailer.createTransport({ url: smtpUrl, ...SMTP_TIMEOUTS });
  const url = new URL(smtpUrl);
  return {
    destination: `SMTP at ${url.hostname}:${url.port || (url.protocol === 'smtps:' ? 465 : 587)}`,
    async send(message) {
      try {
        const info = await transport.sendMail(toNodemailer(message, from));
        return { messageId: info.messageId };
      } catch (error) {
        throw toDeliveryError(error);
      }
    },
    close: () => transport.close(),
  };
}

function fileMailer(options: MailerOptions): MailerHandle {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true });
  const directory = join(options.dataDir, 'mail');
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((line: string) => console.log(line));
  return {
    destination: `files in ${directory}`,
    async send(message) {
      const info = await transport.sendMail(toNodemailer(message, options.from));
      const path = join(directory, emlFileName(now(), message.kind));
      await mkdir(directory, { recursive: true });
      if (!Buffer.isBuffer(info.message))
        throw new Error('the stream transport returned no buffer');
      await writeFile(path, info.message);
      log(`Mail "${message.subject}" to ${message.to} written to ${path}`);
      return { messageId: info.messageId };
    },
    close: () => transport.close(),
  };
}

/** `20261201T120000Z-order_confirmation-1a2b3c4d.eml`: sorts by time, says what it is. */
export function emlFileName(at: Date, kind: string): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
  const safeKind = kind.replace(/[^a-z0-9_-]/gi, '_');
  return `${stamp}-${safeKind}-${randomBytes(4).toString('hex')}.eml`;
}

function toNodemailer(message: OutgoingMail, from: string): SendMailOptions {
  return {
    from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    attachments: (message.attachments ?? []).map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: a.content,
      ...(a.cid ? { cid: a.cid } : {}),
    })),
    headers: { 'X-Lanyard-Kind': message.kind },
    ...(message.idempotencyKey ? { messageId: messageIdFor(message.idempotencyKey, from) } : {}),
  };
}

function messageIdFor(key: string, from: string): string {
  const domain = /@([A-Za-z0-9.-]+)/.exec(from)?.[1] ?? 'lanyard.localhost';
  return `<${key.replace(/[^A-Za-z0-9._-]/g, '-')}@${domain}>`;
}

function toDeliveryError(error: unknown): MailDeliveryError {
  if (!(error instanceof Error)) return new MailDeliveryError(String(error), false, undefined);
  const { responseCode, permanent } = error as { responseCode?: unknown; permanent?: unknown };
  return new MailDeliveryError(
    error.message,
    permanent === true,
    typeof responseCode === 'number' ? responseCode : undefined,
  );
}
