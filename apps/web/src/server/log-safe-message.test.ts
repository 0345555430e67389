import { describe, expect, it } from 'vitest';
import { logSafeMessage } from './log-safe-message';

describe('logSafeMessage', () => {
  it('removes the password of a connection URL and folds the message onto one line', () => {
    const error = new Error('\nInvalid invocation:\n\n  cannot reach postgresql://sy:s3cret@db:5432/app');
    expect(logSafeMessage(error)).toBe('Invalid invocation: cannot reach postgresql://***@db:5432/app');
  });
});
