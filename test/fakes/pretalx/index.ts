export { startFakePretalx, type RunningFakePretalx } from './fake-pretalx.ts';
export type {
  FakeApiVersion,
  FakeEvent,
  FakeFault,
  FakePretalxOptions,
  FakeSpeaker,
  FakeSubmission,
  ReceivedRequest,
} from './types.ts';
export { mirrorOf, pretalxHarness, sampleProgram } from './harness.ts';
