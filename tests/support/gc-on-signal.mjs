/* global process */
// Preloaded (`node --expose-gc --import tests/support/gc-on-signal.mjs dist/src/bin/serve.js`) by the load
// test and the soak script only, never in production: SIGUSR2 runs a full garbage collection and prints
// "gc <n>" on stdout, so the /health request that follows reports live memory rather than uncollected garbage.
let count = 0;
process.on('SIGUSR2', () => {
  const gc = globalThis.gc;
  if (typeof gc === 'function') gc();
  count += 1;
  process.stdout.write(`gc ${count}\n`);
});
