/**
 * A reply with a file over the HTTP endpoint (src/http/multipart.ts): answered as Discord documents for uploads, a
 * multipart/form-data body with the JSON in `payload_json` and the file in `files[0]`, which its `attachments` names.
 * The reply is `/library report`'s CSV, after a member's search was recorded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import { Feedback } from '../../src/feedback/feedback.js';
import { SqliteFeedbackStore } from '../../src/feedback/sqlite-store.js';
import { createInteractionsServer, type InteractionsServer } from '../../src/http/server.js';
import { publicKeyFromHex } from '../../src/http/signature.js';
import { createLogger } from '../../src/runtime/logger.js';
import { interaction, newKeys, searchData, signed } from '../support/http.js';
import { seedCorpus, suiteDir } from '../support/seeds.js';

const { privateKey, publicHex } = newKeys();
const logger = createLogger({ level: 'silent' });
const folders = suiteDir('http-multipart');
const MOD = '1400000000000000401';
const MEMBER = '1400000000000000402';
let endpoint: InteractionsServer;
let feedback: Feedback;
let base: string;

beforeAll(async () => {
  feedback = new Feedback({ store: new SqliteFeedbackStore(folders.dir), retentionDays: 90, logger, prunePeriodically: false });
  endpoint = createInteractionsServer({
    commands: COMMANDS,
    publicKey: publicKeyFromHex(publicHex),
    corpus: seedCorpus(),
    logger,
    feedback,
  });
  base = `http://127.0.0.1:${await endpoint.listen(0, '127.0.0.1')}`;
});

afterAll(async () => {
  await endpoint.close();
  await feedback.close();
  folders.remove();
});

const post = (payload: unknown): Promise<Response> => {
  const body = JSON.stringify(payload);
  return fetch(`${base}/interactions`, { method: 'POST', body, headers: signed(body, privateKey) });
};

describe('a reply with a file', () => {
  it('is multipart/form-data: payload_json naming files[0], and the file', async () => {
    expect((await post(interaction(2, searchData('grain deal <@&123456789012345678>'), MEMBER))).status).toBe(200);
    const report = { id: '1000000000000000002', name: 'library', type: 1, options: [{ type: 1, name: 'report', options: [] }] };
    const res = await post(interaction(2, report, MOD, {}, '32'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/);
    const form = await res.formData();
    const payload = JSON.parse(form.get('payload_json') as string) as { type: number; data: { attachments: unknown[]; files?: unknown } };
    expect(payload.type).toBe(4);
    expect(payload.data.attachments).toEqual([{ id: 0, filename: 'feedback-report-7d.csv', description: 'Feedback, last 7 days' }]);
    expect(payload.data.files).toBeUndefined();
    const file = form.get('files[0]') as File;
    expect(file.name).toBe('feedback-report-7d.csv');
    expect(file.type).toMatch(/^text\/csv/);
    expect(await file.text()).toContain('"most asked","grain deal","","1"');
  });

  it('a reply without one stays JSON', async () => {
    const res = await post(interaction(2, searchData('grain deal'), MEMBER));
    expect(res.headers.get('content-type')).toBe('application/json');
  });
});
