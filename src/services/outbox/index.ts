export {
  claimDueJobs,
  markJobDone,
  markJobFailed,
  markJobForRetry,
  type ClaimedJob,
} from './claim-jobs.ts';
