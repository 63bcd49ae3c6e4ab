/* global process */
// Preloaded by tests/e2e/entry-points.test.ts (`node --import …`): the process reports FAKE_NODE_VERSION as its Node.js
// version, so the version check every entry point runs first can be tried without installing an old Node.
Object.defineProperty(process.versions, 'node', { value: process.env.FAKE_NODE_VERSION });
