// Type declarations for the few natural files we import by path (house style: never the package root,
// which loads natural's storage back-ends). Only what text.ts uses is declared.
declare module 'natural/lib/natural/tokenizers/regexp_tokenizer.js' {
  const tokenizers: {
    WordTokenizer: new () => { tokenize(text: string): string[] };
  };
  export default tokenizers;
}

declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  const porterStemmer: { stem(token: string): string };
  export default porterStemmer;
}
