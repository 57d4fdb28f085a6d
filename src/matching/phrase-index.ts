import { contentWords, stemWord, toTerms } from './text.ts';
import { inverseFrequency, type ModuleIndex } from './module-index.ts';
import type { MatchableModule } from './types.ts';

/**
 * Indexes the title and task phrases of every module for the coverage channel and the evidence:
 * phrase postings and inverse phrase frequencies, phrase types (identical term sets), and the
 * first word (the action) of each phrase for the verb channel.
 */
export function indexPhrases(index: ModuleIndex, modules: readonly MatchableModule[]): void {
  const raw: { module: number; text: string; terms: Set<string>; verb: string | undefined }[] = [];
  modules.forEach((module, position) => {
    for (const text of [module.title, ...module.tasks]) {
      const terms = new Set(toTerms(text));
      if (terms.size > 0) raw.push({ module: position, text, terms, verb: contentWords(text)[0] });
    }
  });
  const postings = new Map<string, number[]>();
  raw.forEach((phrase, position) => {
    for (const term of phrase.terms) {
      const list = postings.get(term);
      if (list) list.push(position);
      else postings.set(term, [position]);
    }
  });
  const typeOf = indexPhraseTypes(index, raw);
  for (const [term, list] of postings) {
    const phrases = Int32Array.from(list);
    const idf = inverseFrequency(raw.length, list.length);
    index.phrasePostings.set(term, phrases);
    index.phraseIdf.set(term, idf);
    index.phraseTermIds.set(term, index.phraseTerms.length);
    index.phraseTerms.push({ phrases, types: Int32Array.from(new Set(list.map((phrase) => typeOf[phrase]))), idf });
  }
  for (const type of index.phraseTypes) {
    let idfSum = 0;
    for (const term of raw[type.phrases[0]].terms) idfSum += index.phraseIdf.get(term)!;
    Object.assign(type, { idfSum });
  }
  for (const phrase of raw) {
    let idfSum = 0;
    for (const term of phrase.terms) idfSum += index.phraseIdf.get(term)!;
    index.phrases.push({ module: phrase.module, text: phrase.text, idfSum });
    if (phrase.verb) {
      const verb = stemWord(phrase.verb);
      const list = index.verbPostings.get(verb) ?? [];
      if (list[list.length - 1] !== phrase.module) list.push(phrase.module);
      index.verbPostings.set(verb, list);
    }
  }
}

/** Groups phrases by their term set; returns each phrase's type number. */
function indexPhraseTypes(index: ModuleIndex, raw: readonly { terms: Set<string>; module: number }[]): number[] {
  const typeByKey = new Map<string, number>();
  const members: number[][] = [];
  const typeOf = raw.map((phrase, position) => {
    const key = [...phrase.terms].sort().join(' ');
    let type = typeByKey.get(key);
    if (type === undefined) {
      type = members.length;
      typeByKey.set(key, type);
      members.push([]);
    }
    members[type].push(position);
    return type;
  });
  for (const list of members) {
    index.phraseTypes.push({ idfSum: 0, phrases: Int32Array.from(list), modules: Int32Array.from(list, (phrase) => raw[phrase].module) });
  }
  return typeOf;
}
