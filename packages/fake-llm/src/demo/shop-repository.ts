// The offline demo's repository: a small program with a real bug and a test that fails because of
// it. One source for the launcher (which creates the repository) and the scripted demo models
// (which know the fix), so the two cannot drift apart.

/** The file with the bug, the line that is wrong and the line that fixes it. */
export const DEMO_BUG = {
  file: 'src/cart.js',
  buggy: '  for (let i = 1; i < items.length; i++) {',
  fixed: '  for (let i = 0; i < items.length; i++) {',
  /** What is wrong, in a user's words: the task the demo runs. */
  symptom: 'cartTotal leaves out the first item of the cart, so `npm test` fails.',
} as const;

/** The command that checks the demo project (its package.json `test` script runs it). */
export const DEMO_CHECK_COMMAND = 'npm test';

/** The repository's files at its first commit, by path. */
export const DEMO_REPOSITORY_FILES: Record<string, string> = {
  'README.md': `# Corner shop

A tiny shop cart for trying Switchyard offline. \`npm test\` runs its tests (Node's own test runner).
`,
  'package.json': `${JSON.stringify(
    {
      name: 'corner-shop',
      version: '1.0.0',
      private: true,
      type: 'module',
      scripts: { test: 'node --test' },
    },
    null,
    2,
  )}\n`,
  [DEMO_BUG.file]: `/**
 * The total price of a cart in cents: the sum of price × quantity of every item, less the
 * discount (a percentage), rounded to the cent.
 */
export function cartTotal(items, discountPercent = 0) {
  let total = 0;
${DEMO_BUG.buggy}
    total += items[i].priceCents * items[i].quantity;
  }
  return Math.round(total * (1 - discountPercent / 100));
}
`,
  'test/cart.test.js': `import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cartTotal } from '../src/cart.js';

const cart = [
  { name: 'tea', priceCents: 250, quantity: 2 },
  { name: 'scone', priceCents: 100, quantity: 1 },
];

test('the total counts every item of the cart', () => {
  assert.equal(cartTotal(cart), 600);
});

test('the discount is taken off the total', () => {
  assert.equal(cartTotal(cart, 10), 540);
});

test('an empty cart costs nothing', () => {
  assert.equal(cartTotal([]), 0);
});
`,
};
