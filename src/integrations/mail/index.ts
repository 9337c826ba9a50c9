export {
  MailDeliveryError,
  type MailAttachment,
  type Mailer,
  type OutgoingMail,
} from './mailer.ts';
export { createMailer, type MailerHandle, type MailerOptions } from './nodemailer-mailer.ts';
