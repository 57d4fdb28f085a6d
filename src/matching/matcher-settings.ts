/**
 * The matcher's few tuning knobs. Defaults are principled choices, checked (not fitted term by term)
 * on the development benchmark; BENCHMARKS.md lists how each was chosen.
 */
export interface MatcherSettings {
  /** Okapi BM25 term-frequency saturation and length normalisation. */
  readonly k1: number;
  readonly b: number;
  /** How much each module field counts in the module-level BM25F. */
  readonly fieldWeights: FieldWeights;
  /** Weight of a task word outside the head clause (purpose, means, examples); head words weigh 1. */
  readonly tailClauseWeight: number;
  /** Weight of a lexicon relation when a task word matches a module word through it. */
  readonly expansion: ExpansionWeights;
  /**
   * Weights of the phrase-coverage, leading-verb and semantic (word-vector) channels next to BM25F
   * (which weighs 1). The semantic weight counts only when the index has word vectors.
   */
  readonly channelWeights: { readonly coverage: number; readonly verb: number; readonly semantic: number };
  /** How word vectors let a task word stand for library words it is not lexically related to. */
  readonly similarity: SimilarityWeights;
  /**
   * Score factors for modules of another department than the task's (applied only when the library has
   * modules of the task's department) and for modules that name role levels without the task's. Factors,
   * not bonuses: a task's score in its own department keeps the calibrated scale the gap threshold relies on.
   */
  readonly affinity: { readonly otherDepartment: number; readonly otherRole: number };
  /**
   * How scores are calibrated when the index was given background activities (general-English
   * activities that are no library's work tasks). Without background activities, scores stay raw.
   */
  readonly background: BackgroundWeights;
  /** Gap threshold on reported scores: a task whose best score is below it is a gap. */
  readonly minScore: number;
}

export interface FieldWeights {
  readonly title: number;
  readonly tasks: number;
  readonly keywords: number;
  readonly summary: number;
  readonly objectives: number;
  readonly exercises: number;
}

export interface ExpansionWeights {
  readonly synonym: number;
  readonly derived: number;
  /** Weight of a direct broader term; each further level multiplies by `broaderDecay`. */
  readonly broader: number;
  readonly broaderDecay: number;
  readonly narrower: number;
  /** Weight of a synonym of a leading verb in the verb channel. */
  readonly verbSynonym: number;
}

export interface BackgroundWeights {
  /**
   * A task's best score reaches `anchorScore` exactly when its most distinctive module scores
   * `standardScore` spreads above that module's mean score over the background.
   */
  readonly standardScore: number;
  readonly anchorScore: number;
  /** Share of a module's excess background mean (over the library's typical module) taken off its score. */
  readonly genericPenalty: number;
}

export interface SimilarityWeights {
  /** Cosine under which two words are not treated as related at all. */
  readonly minCosine: number;
  /** Weight of a word at cosine 1; it falls linearly to 0 at `minCosine`. */
  readonly weight: number;
  /** Library words each task word may stand for through its vector, closest first. */
  readonly maxNeighbours: number;
  /** Smooth-inverse-frequency constant of the semantic channel: smaller weighs frequent words down harder. */
  readonly frequencySmoothing: number;
  /**
   * Cosine from which a neighbour is shown as evidence (`relation: 'similar'`). Weaker neighbours still
   * count in the score, but "needs ~ problems" would not help a consultant trust a match.
   */
  readonly evidenceMinCosine: number;
}

export const DEFAULT_MATCHER_SETTINGS: MatcherSettings = Object.freeze({
  k1: 1.2,
  b: 0.75,
  // What a module targets (title, task phrases, keywords, summary) counts fully; how it is taught counts less.
  fieldWeights: Object.freeze({ title: 1, tasks: 1, keywords: 1, summary: 1, objectives: 0.5, exercises: 0.3 }),
  tailClauseWeight: 0.5,
  expansion: Object.freeze({ synonym: 0.5, derived: 0.8, broader: 0.3, broaderDecay: 0.7, narrower: 0, verbSynonym: 0.7 }),
  channelWeights: Object.freeze({ coverage: 0.5, verb: 0.2, semantic: 0.5 }),
  similarity: Object.freeze({ minCosine: 0.4, weight: 0.8, maxNeighbours: 10, frequencySmoothing: 1e-4, evidenceMinCosine: 0.6 }),
  affinity: Object.freeze({ otherDepartment: 0.8, otherRole: 0.9 }),
  // The standard score is the one global number chosen on dev (see BENCHMARKS.md); the anchor is the
  // previous raw-score threshold, kept so reported scores stay on a familiar scale.
  background: Object.freeze({ standardScore: 3.6, anchorScore: 0.358, genericPenalty: 0.3 }),
  minScore: 0.358,
});

/** Settings with some values replaced; nested groups are merged, not swapped whole. */
export function withSettings(overrides: SettingsOverrides = {}): MatcherSettings {
  const base = DEFAULT_MATCHER_SETTINGS;
  return {
    ...base,
    ...overrides,
    fieldWeights: { ...base.fieldWeights, ...overrides.fieldWeights },
    expansion: { ...base.expansion, ...overrides.expansion },
    channelWeights: { ...base.channelWeights, ...overrides.channelWeights },
    similarity: { ...base.similarity, ...overrides.similarity },
    affinity: { ...base.affinity, ...overrides.affinity },
    background: { ...base.background, ...overrides.background },
  };
}

/** A partial `MatcherSettings`, nested groups partial too. */
export type SettingsOverrides = Partial<Omit<MatcherSettings, 'fieldWeights' | 'expansion' | 'channelWeights' | 'similarity' | 'affinity' | 'background'>> & {
  readonly similarity?: Partial<SimilarityWeights>;
  readonly fieldWeights?: Partial<FieldWeights>;
  readonly expansion?: Partial<ExpansionWeights>;
  readonly channelWeights?: Partial<MatcherSettings['channelWeights']>;
  readonly affinity?: Partial<MatcherSettings['affinity']>;
  readonly background?: Partial<BackgroundWeights>;
};
