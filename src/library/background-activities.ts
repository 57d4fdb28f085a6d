import type { WordNetDictionary } from './wordnet-dictionary.ts';

/**
 * How many general-English activities the matcher scores each library against to calibrate its gap
 * threshold: enough for a stable mean and spread per module (dev: 500 and 2,000 gave the same gap
 * AUC within 0.004), few enough to add well under a second to indexing a 1,000-module library.
 */
export const BACKGROUND_ACTIVITY_COUNT = 500;

/**
 * General-English activities that are nobody's work task in particular: WordNet verb senses, each
 * written as its first word and its definition ("audit: examine carefully for accuracy with the intent
 * of verification" becomes "audit examine carefully for accuracy with the intent of verification").
 * Taken at even steps through the verb file, which WordNet orders by semantic class (communication,
 * possession, cognition, motion…), so every class is represented. Deterministic for a WordNet version.
 */
export function backgroundActivities(dictionary: WordNetDictionary, count = BACKGROUND_ACTIVITY_COUNT): string[] {
  const offsets = dictionary.synsetOffsets('verb');
  const step = offsets.length / Math.max(1, count);
  const activities: string[] = [];
  for (let i = 0; i < Math.min(count, offsets.length); i += 1) {
    const synset = dictionary.synset(offsets[Math.floor(i * step)], 'verb');
    const definition = definitionOf(synset.gloss);
    if (synset.lemmas.length > 0 && definition) activities.push(`${synset.lemmas[0]} ${definition}`);
  }
  return activities;
}

/** The gloss up to its first example sentence (examples are quoted, after the definition). */
export function definitionOf(gloss: string): string {
  const quote = gloss.indexOf('"');
  return (quote >= 0 ? gloss.slice(0, quote) : gloss).replace(/[;\s]+$/, '').trim();
}
