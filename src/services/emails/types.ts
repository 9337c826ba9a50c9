import type { MailAttachment } from '../../integrations/mail/index.ts';

/** One email ready for the mailer; `text` and `html` say the same thing. */
export interface RenderedEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments: MailAttachment[];
}

/** Where links in emails point: the public base URL, without a trailing slash. */
export interface EmailLinks {
  publicUrl: string;
}
