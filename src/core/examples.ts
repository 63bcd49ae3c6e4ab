/** Example questions shown when a query finds nothing; a test checks that each one finds answers. */
export const EXAMPLE_QUESTIONS: readonly string[] = [
  'What happened at the Istanbul talks in March 2022?',
  'What did the grain deal achieve?',
  'Who has offered to mediate between Russia and Ukraine?',
  'Why did the talks collapse after Bucha?',
  'What security guarantees could end the war?',
];
