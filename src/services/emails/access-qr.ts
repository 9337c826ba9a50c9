import QRCode from 'qrcode';
import type { MailAttachment } from '../../integrations/mail/index.ts';

/** D1.3: door scanners accept `<conference-slug>:CODE`, which also refuses another conference's code. */
export function accessQrContent(conferenceSlug: string, accessCode: string): string {
  return `${conferenceSlug}:${accessCode}`;
}

/** The access code as an inline PNG; the HTML shows it with `<img src="cid:…">`. */
export async function accessQrAttachment(
  conferenceSlug: string,
  accessCode: string,
): Promise<MailAttachment> {
  const content = await QRCode.toBuffer(accessQrContent(conferenceSlug, accessCode), {
    type: 'png',
    errorCorrectionLevel: 'M',
    margin: 2,
    width: 240,
  });
  return {
    filename: `access-code-${accessCode}.png`,
    contentType: 'image/png',
    content,
    cid: `access-code-${accessCode}@lanyard`,
  };
}
