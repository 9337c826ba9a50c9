/** One speaker as the organiser sees them in Pretalx. */
export interface FakeSpeaker {
  code: string;
  name: string;
  email: string;
  biography?: string;
}

/** A proposal; `state` is Pretalx's: submitted, accepted, confirmed, rejected, canceled, withdrawn. */
export interface FakeSubmission {
  code: string;
  title: string;
  state: string;
  /** Speaker codes, in presenting order. */
  speakers: string[];
}

export interface FakeEvent {
  /** The organiser token that may read this event; any other known token gets 403. */
  token: string;
  speakers: FakeSpeaker[];
  submissions: FakeSubmission[];
}

/**
 * `v1` (pretalx 2025.1+): page/page_size pagination (limit+offset still honoured), speaker codes
 * in submissions. `legacy`: limit/offset pagination, speaker objects embedded in submissions.
 */
export type FakeApiVersion = 'v1' | 'legacy';

export interface FakePretalxOptions {
  apiVersion?: FakeApiVersion;
  /** The server's page size cap (Pretalx's default is 50); tests lower it to force pagination. */
  maxPageSize?: number;
}

/** Makes one page of one list answer with an error status, e.g. a 502 halfway through. */
export interface FakeFault {
  resource: 'speakers' | 'submissions' | 'talks';
  /** 1-based page number (offset / size + 1 for limit/offset requests). */
  page: number;
  status: number;
}

export interface ReceivedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization: string | undefined;
  status: number;
}
