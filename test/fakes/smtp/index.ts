export {
  startFakeSmtp,
  type FakeSmtp,
  type ReceivedAttachment,
  type ReceivedMail,
} from './fake-smtp.ts';
