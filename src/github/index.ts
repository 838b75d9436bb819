// github/: what the daemon says to and hears from GitHub about pull requests. Pure parts (the
// pull_request event, repository names, the plan comment and status texts) take values and
// return values; github-client.ts and reporter.ts are the only code that calls GitHub's API.
//
// Invariants:
// - A webhook payload is untrusted data: only the few fields read here are used, each checked.
// - Nothing written to GitHub holds a secret: the comment is the markdown plan (which holds
//   none) and validation problems; status descriptions are counts and file names.
// - The comment edited is found by its marker AND its author being this daemon's identity, so
//   nobody else's comment is ever overwritten.
export { parsePullRequestEvent, PLANNED_ACTIONS, type PullRequestEvent, type PullRequestDecision } from './pull-request-event.js';
export {
  describeFollowed,
  followedRepository,
  formatRepository,
  isFollowed,
  parseRepositoryName,
  repositoryKey,
  sameRepository,
  type FollowedRepository,
  type RepositoryName,
} from './repository-name.js';
