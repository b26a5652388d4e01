/** Programs of the demo population, grouped by track (how long it lasts, the age people start it). */

export interface Track {
  name: 'licence' | 'master' | 'dut' | 'doctorat' | 'du';
  /** Relative share of the population. */
  weight: number;
  /** Normal length in academic years. */
  years: number;
  /** Typical age on 1 September of the first year. */
  entryAge: number;
  programs: readonly string[];
}

export const TRACKS: readonly Track[] = [
  {
    name: 'licence',
    weight: 52,
    years: 3,
    entryAge: 18,
    programs: [
      'Licence Informatique',
      'Licence Mathématiques',
      'Licence Physique, chimie',
      'Licence Sciences de la vie',
      'Licence Droit',
      'Licence Économie et gestion',
      'Licence Psychologie',
      'Licence Histoire',
      'Licence Lettres modernes',
      'Licence LEA anglais-espagnol',
      'Licence STAPS',
      'Licence Sciences de la Terre',
      'Licence Géographie et aménagement',
    ],
  },
  {
    name: 'master',
    weight: 24,
    years: 2,
    entryAge: 21,
    programs: [
      'Master Informatique',
      'Master Biologie-santé',
      'Master Droit des affaires',
      'Master Économie du développement',
      'Master Chimie',
      "Master Sciences de l'eau",
      'Master MEEF second degré',
      'Master Physique fondamentale',
      'Master Management (IAE)',
      'Master Écologie, biodiversité',
    ],
  },
  {
    name: 'dut',
    weight: 12,
    years: 2,
    entryAge: 18,
    programs: [
      'DUT Génie biologique',
      'DUT Techniques de commercialisation',
      'DUT Mesures physiques',
      'DUT Informatique',
      'DUT Gestion des entreprises et des administrations',
    ],
  },
  {
    name: 'doctorat',
    weight: 7,
    years: 3,
    entryAge: 24,
    programs: [
      'Doctorat Informatique',
      'Doctorat Biologie santé',
      'Doctorat Chimie',
      'Doctorat Droit',
      'Doctorat Mathématiques',
      "Doctorat Sciences de l'éducation",
      'Doctorat Écologie, évolution',
    ],
  },
  {
    name: 'du',
    weight: 5,
    years: 1,
    entryAge: 20,
    programs: [
      'DU Français langue étrangère',
      'DU Études coréennes',
      'DU Passerelle étudiants en exil',
    ],
  },
];
