import { defineErrors } from '../../domain/errors.ts';

/**
 * The default messages are generic; the sync passes the integration's one-line message (which
 * names the Pretalx address, the event and the HTTP status) instead.
 */
export const speakerErrors = defineErrors({
  PRETALX_NOT_CONFIGURED: {
    status: 409,
    message:
      'This conference is not connected to Pretalx yet: store its event slug and API token first.',
  },
  PRETALX_TOKEN_REFUSED: { status: 422, message: 'Pretalx refused the API token.' },
  PRETALX_EVENT_NOT_FOUND: { status: 422, message: 'Pretalx has no such event.' },
  PRETALX_UNREACHABLE: {
    status: 502,
    message: 'Pretalx could not be reached. Nothing was changed; please try again later.',
  },
  PRETALX_RATE_LIMITED: {
    status: 503,
    message: 'Pretalx is limiting requests. Nothing was changed; please try again in a minute.',
  },
  PRETALX_BAD_RESPONSE: {
    status: 502,
    message: 'Pretalx answered in a way Lanyard does not understand. Nothing was changed.',
  },
});
