/** A file sent with a message; with `cid` it is an inline image the HTML shows as `cid:<cid>`. */
export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
  cid?: string;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments?: readonly MailAttachment[];
  /** What the message is, e.g. `order_confirmation`: it names the development file. */
  kind: string;
  /**
   * Stable across retries of one piece of work (the outbox job id). It becomes the Message-ID, so
   * a message sent twice after a crash between "accepted" and "recorded" is recognisably the same.
   */
  idempotencyKey?: string;
}

/** Sending mail, in our words; no nodemailer type leaves this folder (STYLE §9). */
export interface Mailer {
  send(message: OutgoingMail): Promise<{ messageId: string }>;
}

/** A refusal or a broken connection. `permanent` is true when the server said 5xx (retrying the same message gets the same answer). */
export class MailDeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly responseCode: number | undefined,
  ) {
    super(message);
    this.name = 'MailDeliveryError';
  }
}
