// The peer for the HTTP figures: what Discord's sample app has a bot author write (express +
// discord-interactions' verifyKeyMiddleware), answering every command with one constant reply about the
// size of ours. Prints its port on stdout. `node express-interactions.mjs <public key hex> <reply json file>`
import { readFileSync } from 'node:fs';
import process from 'node:process';
import express from 'express';
import { InteractionResponseType, verifyKeyMiddleware } from 'discord-interactions';

const [publicKey, replyFile] = process.argv.slice(2);
const reply = JSON.parse(readFileSync(replyFile, 'utf8'));
const app = express();
app.post('/interactions', verifyKeyMiddleware(publicKey), (req, res) => {
  // verifyKeyMiddleware answers PING itself; everything else gets the constant reply.
  res.send({ type: InteractionResponseType.CHANNEL_MESSAGE_WITH_SOURCE, data: reply });
});
const server = app.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
