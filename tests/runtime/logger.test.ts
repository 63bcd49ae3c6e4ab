/** The logger (src/runtime/logger.ts): secrets redacted from every line. */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/runtime/logger.js';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GabcDe.abcdefghijklmnopqrstuvwxyz0123456789AB';

describe('logs', () => {
  it('redacts the token from every log line, by key and by value', () => {
    let captured = '';
    const destination = new Writable({
      write(chunk, _e, cb) {
        captured += String(chunk);
        cb();
      },
    });
    const logger = createLogger({ secrets: [TOKEN], destination });
    logger.info({ token: TOKEN, headers: { authorization: `Bot ${TOKEN}` } }, 'login');
    logger.error({ err: new Error(`failed with ${TOKEN}`) }, `oops ${TOKEN}`);
    expect(captured).toContain('login');
    expect(captured).not.toContain(TOKEN);
    expect(captured).toContain('[REDACTED]');
  });
});
