/** Who the bot is and where the gateway is: `/gateway`, `/gateway/bot`, `/users/@me`, `/applications/@me`. */
import { randomBytes } from 'node:crypto';
import { DEFAULT_USER } from '../model.js';
import { ok, type Json, type RestHooks, type Route } from './route.js';

export function identityRoutes(hooks: RestHooks): Route[] {
  const verifyKey = randomBytes(32).toString('hex');
  return [
    { methods: ['GET'], pattern: /^\/gateway$/, bot: false, run: () => ok({ url: hooks.gatewayUrl() }) },
    { methods: ['GET'], pattern: /^\/gateway\/bot$/, bot: true, run: () => ok(gatewayBot(hooks)) },
    { methods: ['GET'], pattern: /^\/users\/@me$/, bot: true, run: () => ok(hooks.world.botUser) },
    { methods: ['GET'], pattern: /^\/applications\/@me$/, bot: true, run: () => ok(application(hooks, verifyKey)) },
  ];
}

/** The one place discord.js learns the gateway's URL (there is no client option for it). */
function gatewayBot(hooks: RestHooks): Json {
  return {
    url: hooks.gatewayUrl(),
    shards: hooks.recommendedShards,
    session_start_limit: {
      total: 1000,
      remaining: Math.max(0, 1000 - hooks.identifies()),
      reset_after: 14_400_000,
      max_concurrency: 1,
    },
  };
}

function application({ world }: RestHooks, verifyKey: string): Json {
  return {
    id: world.applicationId,
    name: world.botUser.username,
    icon: null,
    description: '',
    summary: '',
    type: null,
    bot: world.botUser,
    bot_public: true,
    bot_require_code_grant: false,
    verify_key: verifyKey,
    flags: 0,
    team: null,
    owner: world.user(DEFAULT_USER),
    approximate_guild_count: world.guilds.length,
    redirect_uris: [],
    interactions_endpoint_url: null,
    integration_types_config: { 0: {} },
    tags: [],
  };
}
