import { en } from './en';
import { fr } from './fr';

export const LANGS = ['fr', 'en'] as const;
export type Lang = (typeof LANGS)[number];

export type MessageKey = keyof typeof fr;

/** The `{name}` placeholders of a catalog text, as a union of names. */
type PlaceholderOf<S extends string> = S extends `${string}{${infer Name}}${infer Rest}`
  ? Name | PlaceholderOf<Rest>
  : never;

/** The parameters a message needs, read from the French source text. */
export type Params<K extends MessageKey> = Record<PlaceholderOf<(typeof fr)[K]>, string | number>;

/** Keys whose text has no placeholder: they are translated without parameters. */
export type PlainKey = {
  [K in MessageKey]: [PlaceholderOf<(typeof fr)[K]>] extends [never] ? K : never;
}[MessageKey];
export type ParamKey = Exclude<MessageKey, PlainKey>;

/**
 * A counted text: the base of a `.one` / `.other` pair ("result.refusedNotice" for
 * "result.refusedNotice.one", "Une opération … n’a pas pu être appliquée", and
 * "result.refusedNotice.other", "Des opérations … n’ont pas pu"), never one text with "(s)".
 */
export type CountKey = {
  [K in MessageKey]: K extends `${infer Base}.other`
    ? `${Base}.one` extends MessageKey
      ? Base
      : never
    : never;
}[MessageKey];

const CATALOGS: Record<Lang, Record<MessageKey, string>> = { fr, en };
const LOCALES: Record<Lang, string> = { fr: 'fr-FR', en: 'en-GB' };

/** Replaces each `{name}` with its parameter; an unknown name stays visible rather than vanish. */
export function interpolate(text: string, params: Record<string, string | number> = {}): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/** The kiosk's current language and its translations; reactive, so the screen follows a switch. */
export class I18n {
  lang = $state<Lang>('fr');

  constructor(lang: Lang = 'fr') {
    this.lang = lang;
  }

  /** The other language, offered by the switch in the header. */
  get other(): Lang {
    return this.lang === 'fr' ? 'en' : 'fr';
  }

  toggle(): void {
    this.lang = this.other;
  }

  /**
   * The form of a counted text for `count` in the current language, as Intl.PluralRules picks
   * it: French takes 0 and 1 as one ("0 résultat", "1 résultat"), English 1 only ("0 results").
   */
  count(key: CountKey, count: number): string {
    const form = new Intl.PluralRules(LOCALES[this.lang]).select(count) === 'one' ? 'one' : 'other';
    return interpolate(CATALOGS[this.lang][`${key}.${form}`], { count });
  }

  t(key: PlainKey): string;
  t<K extends ParamKey>(key: K, params: Params<K>): string;
  t(key: MessageKey, params?: Record<string, string | number>): string {
    return interpolate(CATALOGS[this.lang][key], params);
  }
}
