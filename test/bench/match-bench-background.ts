// Open-set gap signals for `npm run bench:match` that the product does not ship (measured, see
// BENCHMARKS.md): a background pseudo-library of general-English activities (WordNet verb senses),
// scored with the matcher's own machinery, so a task can be compared with "the best generic activity".
import { buildModuleIndex, type MatchableModule, type ModuleIndex, type WordLexicon, type WordVectors } from '../../src/matching/index.ts';
import { buildTaskQuery } from '../../src/matching/task-query.ts';
import { scoreChannels } from '../../src/matching/score-modules.ts';
import { combineChannels } from '../../src/matching/combine-channels.ts';
import { defaultWordNetDir } from '../../src/library/index.ts';
import { definitionOf } from '../../src/library/background-activities.ts';
import { WordNetDictionary } from '../../src/library/wordnet-dictionary.ts';

/**
 * One pseudo-module per WordNet verb sense whose first word is among the `maxRank` most frequent
 * English words (by the word vectors' frequency order): its words as title, its definition as the one
 * task phrase ("audit examine carefully for accuracy…"). 5,000 gives ~3,500 entries.
 */
export function buildBackgroundLibrary(lexicon: WordLexicon, vectors: WordVectors, maxRank = 5000): ModuleIndex {
  const dictionary = new WordNetDictionary(defaultWordNetDir());
  const modules: MatchableModule[] = [];
  for (const offset of dictionary.synsetOffsets('verb')) {
    const synset = dictionary.synset(offset, 'verb');
    const rank = vectors.frequencyRank(synset.lemmas[0]);
    const definition = definitionOf(synset.gloss);
    if (rank === undefined || rank >= maxRank || !definition) continue;
    modules.push({
      id: `verb-${offset}`, title: synset.lemmas.join(', '), department: 'background',
      summary: definition, tasks: [`${synset.lemmas[0]} ${definition}`],
    });
  }
  return buildModuleIndex(modules, { lexicon, wordVectors: vectors });
}

/** The best raw score of a task against the background pseudo-library (no calibration, no affinity). */
export function bestBackgroundScore(background: ModuleIndex, text: string): number {
  const scores = combineChannels(background, scoreChannels(background, buildTaskQuery(background, text)), { text });
  let best = 0;
  for (const score of scores) best = Math.max(best, score);
  return best;
}

/** The task's raw scores against a library's modules (before calibration), and their Z-normalised maximum. */
export function rawAndStandardScores(index: ModuleIndex, text: string, department?: string): { bestRaw: number; maxStandard: number } {
  const raw = combineChannels(index, scoreChannels(index, buildTaskQuery(index, text)), { text, department });
  let bestRaw = 0;
  let maxStandard = -Infinity;
  raw.forEach((score, module) => {
    bestRaw = Math.max(bestRaw, score);
    if (index.calibration) maxStandard = Math.max(maxStandard, (score - index.calibration.means[module]) / index.calibration.spreads[module]);
  });
  return { bestRaw, maxStandard };
}
