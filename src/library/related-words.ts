import { WordNetDictionary, type WordNetPos, type Synset } from './wordnet-dictionary.ts';

import type { RelatedWord, WordRelation } from '../matching/index.ts';

export interface RelatedWordOptions {
  /** Senses per part of speech to follow, most frequent first; rarer senses add mostly noise. */
  readonly maxSenses: number;
  /** Hypernym levels to climb for `broader` words. */
  readonly maxDepth: number;
  /** Whether to add the words of each followed sense's definition (not its examples). */
  readonly glosses?: boolean;
  /** Whether to add one level of narrower terms (hyponyms): long lists the matcher does not use by default. */
  readonly narrower?: boolean;
}

const POS_LIST: WordNetPos[] = ['noun', 'verb', 'adj', 'adv'];

// WordNet's "morphy" detachment rules: inflected form suffix -> base form suffix, per part of speech.
const DETACHMENTS: Record<WordNetPos, [string, string][]> = {
  noun: [['s', ''], ['ses', 's'], ['xes', 'x'], ['zes', 'z'], ['ches', 'ch'], ['shes', 'sh'], ['men', 'man'], ['ies', 'y']],
  verb: [['s', ''], ['ies', 'y'], ['es', 'e'], ['es', ''], ['ed', 'e'], ['ed', ''], ['ing', 'e'], ['ing', '']],
  adj: [['er', ''], ['est', ''], ['er', 'e'], ['est', 'e']],
  adv: [],
};

/** Candidate base forms of `word` for `pos`: the word itself and every detachment that applies. */
export function baseForms(word: string, pos: WordNetPos): string[] {
  const forms = [word];
  for (const [suffix, ending] of DETACHMENTS[pos]) {
    if (word.length > suffix.length + 1 && word.endsWith(suffix)) forms.push(word.slice(0, -suffix.length) + ending);
  }
  return [...new Set(forms)];
}

/** Pointer symbols we follow, and the relation they mean. */
const POINTER_RELATIONS: Record<string, WordRelation> = {
  '+': 'derived', // derivationally related form (lexical)
  '\\': 'derived', // pertainym / "derived from adjective" (lexical)
  '~': 'narrower', // hyponym
  '~i': 'narrower',
  '$': 'synonym', // verb group
  '&': 'synonym', // similar to (adjectives)
};

/**
 * For each word, the single words WordNet relates to it (synonyms, derivationally related forms,
 * `maxDepth` levels of broader terms, optionally narrower terms and definition words), following only
 * its `maxSenses` most frequent senses per part of speech.
 * Multi-word lemmas are skipped: the matcher compares single normalised terms.
 */
export function findRelatedWords(
  dictionary: WordNetDictionary,
  words: Iterable<string>,
  options: RelatedWordOptions,
): Map<string, RelatedWord[]> {
  const related = new Map<string, RelatedWord[]>();
  for (const word of words) {
    const found = new Map<string, RelatedWord>();
    for (const pos of POS_LIST) {
      const add = (candidate: string, relation: WordRelation, sense: number, depth = 0): void => {
        if (candidate === word || candidate.includes(' ') || !/^[a-z]+$/.test(candidate)) return;
        const key = `${candidate}:${relation}:${pos}`;
        const previous = found.get(key);
        if (!previous || previous.depth > depth || (previous.depth === depth && previous.sense > sense)) {
          found.set(key, { word: candidate, relation, sense, depth, pos });
        }
      };
      for (const lemma of baseForms(word, pos)) {
        const offsets = dictionary.senses(lemma, pos).slice(0, options.maxSenses);
        offsets.forEach((offset, sense) => {
          const synset = dictionary.synset(offset, pos);
          if (lemma !== word) add(lemma, 'synonym', sense);
          for (const synonym of synset.lemmas) add(synonym, 'synonym', sense);
          followPointers(dictionary, synset, lemma, sense, options, add);
          climbHypernyms(dictionary, synset, sense, options.maxDepth, add);
          if (options.glosses) for (const token of definitionWords(synset.gloss)) add(token, 'gloss', sense);
        });
      }
    }
    if (found.size > 0) related.set(word, [...found.values()].sort(compareRelated));
  }
  return related;
}

function followPointers(
  dictionary: WordNetDictionary,
  synset: Synset,
  lemma: string,
  sense: number,
  options: RelatedWordOptions,
  add: (word: string, relation: WordRelation, sense: number) => void,
): void {
  const lemmaNumber = synset.lemmas.indexOf(lemma.replace(/_/g, ' ')) + 1;
  for (const pointer of synset.pointers) {
    const relation = POINTER_RELATIONS[pointer.symbol];
    if (!relation || (relation === 'narrower' && !options.narrower)) continue;
    // Lexical pointers (source word set) belong to one lemma of the synset: follow only ours.
    if (pointer.sourceWord !== 0 && pointer.sourceWord !== lemmaNumber) continue;
    const target = dictionary.synset(pointer.offset, pointer.pos);
    const targets = pointer.targetWord === 0 ? target.lemmas : [target.lemmas[pointer.targetWord - 1]];
    for (const word of targets) add(word, relation, sense);
  }
}

function climbHypernyms(
  dictionary: WordNetDictionary,
  start: Synset,
  sense: number,
  maxDepth: number,
  add: (word: string, relation: WordRelation, sense: number, depth: number) => void,
): void {
  let level = [start];
  for (let depth = 1; depth <= maxDepth && level.length > 0; depth += 1) {
    const next: Synset[] = [];
    for (const synset of level) {
      for (const pointer of synset.pointers) {
        if (pointer.symbol !== '@' && pointer.symbol !== '@i') continue;
        const parent = dictionary.synset(pointer.offset, pointer.pos);
        for (const lemma of parent.lemmas) add(lemma, 'broader', sense, depth);
        next.push(parent);
      }
    }
    level = next;
  }
}

function definitionWords(gloss: string): string[] {
  const definition = gloss.split(';')[0];
  return definition.toLowerCase().split(/[^a-z]+/).filter((token) => token.length > 2);
}

function compareRelated(a: RelatedWord, b: RelatedWord): number {
  const left = `${a.word}:${a.relation}:${a.pos}`;
  const right = `${b.word}:${b.relation}:${b.pos}`;
  return left < right ? -1 : left > right ? 1 : 0;
}
