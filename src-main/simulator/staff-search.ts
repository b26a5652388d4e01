/**
 * Student search for staff: accent-, case- and punctuation-insensitive, partial. Every word of
 * the query must appear in the student's number, identifier or names, as written ("n diaye")
 * or run together ("ndiaye" for "N'Diaye"). Bounded, best matches first.
 */
/** What a search looks at. */
export interface Searchable {
  studentNumber: string;
  identifier: string;
  firstName: string;
  lastName: string;
}

/** Letters that Unicode does not decompose into a base letter and a mark. */
const SPECIAL: Readonly<Record<string, string>> = {
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  þ: 'th',
  ı: 'i',
};

/** Lower case, without accents, every run of other characters one space ("N'Diaye-Brûlé" →
 * "n diaye brule"). */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[øæœßđðłþı]/g, (c) => SPECIAL[c] ?? c)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export interface SearchHit<T extends Searchable> {
  student: T;
  /** 0: the number or identifier exactly; 1: anything else that matches. */
  rank: number;
}

/** The words of a query, folded; empty when nothing searchable is left. */
export function queryWords(query: string): string[] {
  const folded = foldForSearch(query);
  return folded === '' ? [] : folded.split(' ');
}

/**
 * A student's searchable text: folded, spaced, then a bar, then run together. A word (letters
 * and digits only) found in it is found in one of the two.
 */
export function searchableText(student: Searchable): string {
  const spaced = foldForSearch(
    `${student.studentNumber} ${student.identifier} ${student.firstName} ${student.lastName}`,
  );
  return `${spaced}|${spaced.replace(/ /g, '')}`;
}

/** Whether every word appears in the student's searchable text, spaced or run together. */
function matches(student: Searchable, words: readonly string[]): boolean {
  const text = searchableText(student);
  return words.every((word) => text.includes(word));
}

/** At most `limit` students matching `query`, exact number or identifier first, then by name. */
export function searchStudents<T extends Searchable>(
  students: readonly T[],
  query: string,
  limit: number,
): { hits: T[]; truncated: boolean } {
  const words = queryWords(query);
  if (words.length === 0) return { hits: [], truncated: false };
  const exact = words.join('');
  const found: SearchHit<T>[] = [];
  for (const student of students) {
    if (!matches(student, words)) continue;
    const identifier = foldForSearch(student.identifier).replace(/ /g, '');
    const rank = student.studentNumber === exact || identifier === exact ? 0 : 1;
    found.push({ student, rank });
  }
  const collator = new Intl.Collator('fr', { sensitivity: 'base' });
  found.sort(
    (a, b) =>
      a.rank - b.rank ||
      collator.compare(a.student.lastName, b.student.lastName) ||
      collator.compare(a.student.firstName, b.student.firstName) ||
      a.student.identifier.localeCompare(b.student.identifier),
  );
  return { hits: found.slice(0, limit).map((h) => h.student), truncated: found.length > limit };
}
