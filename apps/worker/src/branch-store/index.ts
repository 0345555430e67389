// The branch store (docs/decisions/0010): a task branch's commits kept in PostgreSQL, so every
// phase starts from the branch's latest durable state on whichever worker claims it.
export { MAX_BUNDLE_BYTES } from './bundles';
export { type Delivery, deliverTaskBranch, recordDelivery } from './deliver';
export { BranchMovedError, type Landing, landTaskBranch } from './land';
export { type BranchStart, restoreTaskBranch } from './restore';
