/**
 * English function words that carry no topic: articles, pronouns, prepositions, conjunctions,
 * auxiliaries and quantifiers. Our own list, because natural's global list is shared by every
 * index in the process. Content words ("data", "others", "activities") stay: whether a word
 * discriminates is for the index's statistics to decide, not for a hand-made list.
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  `a about above across after again against all almost along also although am among an and another any are
  around as at be because been before being below between both but by can could did do does doing done down
  during each either else etc even ever every few for from further had has have having he her here hers herself
  him himself his how however i i'm if in into is it its itself just least less may me might more most much must
  my myself neither no nor not now of off on once only onto or our ours ourselves out over own per rather same
  shall she should since so some such than that the their theirs them themselves then there these they this those
  though through thus to too toward towards under until up upon us very via was we well were what whatever when
  where whether which while who whom whose why will with within without would yet you your yours yourself yourselves`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * Words that end the head of a work-task statement: what follows is its purpose ("to ...", "so that ..."),
 * its means ("by ...", "using ...") or examples ("such as ...", "including ..."). Plain English grammar,
 * not a vocabulary of any department.
 */
export const CLAUSE_MARKERS: readonly string[] = [
  'to', 'by', 'for', 'using', 'that', 'which', 'such as', 'including', 'so that', 'in order to',
];
