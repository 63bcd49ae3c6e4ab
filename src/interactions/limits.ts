/**
 * Every Discord limit the bot respects, named once (https://discord.com/developers/docs/resources/message,
 * …/interactions/application-commands, …/interactions/message-components). Renderers enforce these; a
 * payload over a limit is a bug in our code, never a Discord API error. Discord's error codes are named by
 * discord-api-types (`RESTJSONErrorCodes`).
 */
export const DISCORD_LIMITS = {
  /** Message content. */
  content: 2000,
  embedsPerMessage: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  embedFieldName: 256,
  embedFieldValue: 1024,
  embedFooter: 2048,
  embedAuthorName: 256,
  /** All titles, descriptions, field names and values, footers and author names of a message's embeds. */
  embedsTotal: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  /** A string select in a message: its options, each option's label, value and description, and its placeholder. */
  selectOptions: 25,
  selectOptionLabel: 100,
  selectOptionValue: 100,
  selectOptionDescription: 100,
  selectPlaceholder: 150,
  /** A link button's URL; also the most we put in an embed's URL or a masked link (they allow more). */
  linkUrl: 512,
  customId: 100,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
  /** Option descriptions in a command definition. */
  optionDescription: 100,
  /** Discord's deadline for the first response to an interaction. */
  initialResponseMs: 3000,
  /** How long an interaction token can be used for follow-ups and edits. */
  interactionTokenMs: 15 * 60 * 1000,
} as const;
