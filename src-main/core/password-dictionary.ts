// Loads the word lists of @zxcvbn-ts (French, English, common passwords) on demand. The lists weigh
// a few megabytes, so they come through dynamic import(): Vite puts them in their own chunks and the
// renderer's first screen does not wait for them; under Node (main, simulator, tests) the same
// import() simply resolves the package.
import type { Dictionary } from './password-policy';
import {
  PLAIN_ASCII,
  MIN_DICTIONARY_WORD_LENGTH,
  codePointLength,
  removeDiacritics,
} from './password-text';

/** zxcvbn's opinion of a password, for the strength meter (the policy itself does not use it). */
export interface StrengthEstimate {
  score: 0 | 1 | 2 | 3 | 4;
  guessesLog10: number;
  /** zxcvbn's warning key ("userInputs", "commonNames"…), else its first suggestion key, else null */
  feedbackKey: string | null;
}

/** Estimates a password's strength; userInputs are the student's own words (names, identifier). */
export type StrengthEstimator = (password: string, userInputs: string[]) => StrengthEstimate;

/** The loaded dictionary; size is the number of distinct words, accented and plain forms counted apart. */
export interface LoadedDictionary extends Dictionary {
  readonly size: number;
}

type WordLists = Record<string, readonly (string | number)[]>;

async function importLanguagePackages() {
  const [common, fr, en] = await Promise.all([
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-fr'),
    import('@zxcvbn-ts/language-en'),
  ]);
  return { common, fr, en };
}

/** Builds the lookup set: lower-cased words of MIN_DICTIONARY_WORD_LENGTH code points or more. */
export function buildWordSet(lists: readonly WordLists[]): Set<string> {
  const words = new Set<string>();
  for (const list of lists) {
    for (const entries of Object.values(list)) {
      for (const entry of entries) {
        const text = String(entry);
        // Most words are plain ASCII: one length per character and no accent to remove. The
        // shortcut makes building the set (on every password screen's first load) 2–3 times faster.
        if (PLAIN_ASCII.test(text)) {
          if (text.length >= MIN_DICTIONARY_WORD_LENGTH) words.add(text.toLowerCase());
          continue;
        }
        const word = text.normalize('NFC').toLowerCase();
        if (codePointLength(word) < MIN_DICTIONARY_WORD_LENGTH) continue;
        words.add(word);
        // "elephant" typed without its accents is still the French "éléphant".
        words.add(removeDiacritics(word));
      }
    }
  }
  return words;
}

let dictionaryPromise: Promise<LoadedDictionary> | null = null;

/** The French, English and common-password lists as one Dictionary, loaded once then cached. */
export function loadDictionary(): Promise<LoadedDictionary> {
  dictionaryPromise ??= importLanguagePackages().then(
    ({ common, fr, en }) => {
      const words = buildWordSet([common.dictionary, fr.dictionary, en.dictionary]);
      return { has: (word: string) => words.has(word), size: words.size };
    },
    (error: unknown) => {
      // A failed chunk load must not poison the cache: the next call tries again.
      dictionaryPromise = null;
      throw error;
    },
  );
  return dictionaryPromise;
}

let estimatorPromise: Promise<StrengthEstimator> | null = null;

/** zxcvbn with the same lists and keyboard layouts (azerty, qwerty…), loaded once then cached. */
export function loadStrengthEstimator(): Promise<StrengthEstimator> {
  estimatorPromise ??= Promise.all([import('@zxcvbn-ts/core'), importLanguagePackages()]).then(
    ([{ ZxcvbnFactory }, { common, fr, en }]) => {
      // No translations: zxcvbn then reports its keys, which the renderer translates itself.
      const zxcvbn = new ZxcvbnFactory({
        dictionary: { ...common.dictionary, ...fr.dictionary, ...en.dictionary },
        graphs: common.adjacencyGraphs,
      });
      return (password: string, userInputs: string[]) => {
        const result = zxcvbn.check(password, userInputs);
        return {
          score: result.score,
          guessesLog10: result.guessesLog10,
          feedbackKey: result.feedback.warning ?? result.feedback.suggestions[0] ?? null,
        };
      };
    },
    (error: unknown) => {
      estimatorPromise = null;
      throw error;
    },
  );
  return estimatorPromise;
}
