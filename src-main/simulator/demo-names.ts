/**
 * Made-up people for the demo population. First and last names are drawn within one group so
 * that a person's name hangs together; the groups mirror a French university's intake, and
 * deliberately include accents, apostrophes, hyphens, particles and letters outside Latin-1.
 */

/** Splits a comma-separated list; kept as text so that prettier does not put one name a line. */
function list(text: string): readonly string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export interface NameGroup {
  origin: string;
  /** Relative share of the population. */
  weight: number;
  firstNames: readonly string[];
  lastNames: readonly string[];
}

export const NAME_GROUPS: readonly NameGroup[] = [
  {
    origin: 'france',
    weight: 58,
    firstNames: list(`
      Éloïse, Zoé, Anaïs, Chloé, Léa, Maëlle, Noémie, Hélène, Inès, Clémence, Agathe, Louise,
      Manon, Camille, Océane, Élodie, Mélissa, Solène, Gaëlle, Anne-Sophie, Marie-Ève, Héloïse,
      Jérôme, Benoît, François, Gaël, Loïc, Théo, Mathéo, Clément, Raphaël, Jean-Baptiste,
      Noé, Étienne, Aurélien, Maël, Joël, Hugo, Lucas, Baptiste, Timothée, Quentin, Léo,
      Jean-Noël, Pierre-Louis, Côme, Anatole, Valentin, Rémi, Cédric, Maxime, Adèle, Capucine`),
    lastNames: list(`
      Lefèvre, Dupré, Moreau, Girard, Rousseau, Faure, Mercier, Chevalier, Garnier, Bonnet,
      Fontaine, Roux, Laurent, Leblanc, Lemaître, Gaillard, Bélanger, Le Goff, Le Bihan,
      D'Almeida, Dubois-Laforêt, Saint-Exupéry, de La Fontaine, Marchand-Pérès, Lacroix,
      Thébault, Guérin, Boyer, Héraud, Pagès, Castagné, Mézières, Vidal, Rouvière, Delmas,
      Lagarde, Benoît, Clément, Noël, Barthélemy, Fabre, Jourdan, Caumette, Escudié, Aubrée,
      Ménard, Brûlé, Lévêque, Bourdon-Génin, du Plessis, L'Hermitte, Delaunay, Séguier`),
  },
  {
    origin: 'maghreb',
    weight: 12,
    firstNames: list(`
      Aïcha, Yasmine, Inès, Nour, Salma, Myriam, Leïla, Sofia, Rania, Kenza, Imène, Soraya,
      Karim, Mehdi, Sofiane, Yanis, Rayan, Nassim, Bilal, Amine, Walid, Samy, Ilyès, Anis`),
    lastNames: list(`
      Ben Saïd, El Amrani, Benali, Bouazizi, Haddad, Belkacem, Chérif, Ait Ouméziane,
      Boukhari, Mansouri, El Idrissi, Ben Ammar, Zeroual, Hamdi, Taïbi, Laâbi, Kaddour`),
  },
  {
    origin: 'west-africa',
    weight: 8,
    firstNames: list(`
      Aminata, Fatou, Awa, Mariam, Ndèye, Khadija, Adjoa, Aïssatou, Moussa, Ousmane, Mamadou,
      Ibrahima, Cheikh, Kofi, Yao, Souleymane, Serigne, Abdoulaye`),
    lastNames: list(`
      Diop, Sow, Traoré, N'Diaye, Diallo, Mensah, Koné, Ouédraogo, Sy, N'Guessan, Coulibaly,
      Kaboré, Sané, Fofana, Touré, Kouassi, Dembélé, Bâ`),
  },
  {
    origin: 'iberia-latam',
    weight: 6,
    firstNames: list(`
      João, Inês, Gonçalo, Conceição, José, María José, Iñaki, Begoña, Ángela, Sebastián,
      Lucía, Tomás, Matías, Fernanda`),
    lastNames: list(`
      Gonçalves, Conceição, Muñoz, Peña, Etxeberria, Fernández, Simões, Araújo, Núñez García,
      Sánchez-Vidal, Iglesias, Azevedo`),
  },
  {
    origin: 'vietnam',
    weight: 4,
    firstNames: list(`Thị Mai, Văn Minh, Thu Hà, Đức Anh, Ngọc Lan, Quốc Bảo, Thanh Hương`),
    lastNames: list(`Nguyễn, Trần, Phạm, Lê, Hoàng, Võ, Đặng, Bùi`),
  },
  {
    origin: 'nordic',
    weight: 3,
    firstNames: list(`Søren, Åsa, Bjørn, Sigrún, Þóra, Mikael, Ingrid, Jörgen, Elín`),
    lastNames: list(`
      Ødegaard, Lindqvist, Østergaard, Guðmundsdóttir, Håkansson, Jónsson, Sæther, Åberg`),
  },
  {
    origin: 'central-europe',
    weight: 4,
    firstNames: list(`
      Łukasz, Małgorzata, Jürgen, Lena, Zsófia, Ștefan, Jiří, Anežka, Wojciech, Ioana`),
    lastNames: list(`
      Wójcik, Kowalczyk, Müller, Schröder, Szőke, Popescu, Dvořák, Nováková, Grünewald,
      Brzęczyszczykiewicz, Țurcanu`),
  },
  {
    origin: 'anglo-irish',
    weight: 3,
    firstNames: list(`Siobhán, Seán, Aoife, Niamh, Liam, Emily, Oliver, Mary-Kate`),
    lastNames: list(`O'Connor, O'Sullivan, McCarthy, Ní Bhriain, Fitzgerald, Smith-Jones`),
  },
  {
    origin: 'turkey',
    weight: 2,
    firstNames: list(`Şeyma, Çağrı, Gülşen, Oğuz, İlayda, Barış`),
    lastNames: list(`Yılmaz, Öztürk, Çelik, Şahin, Doğan, Güneş`),
  },
];
